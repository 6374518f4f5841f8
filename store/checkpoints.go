package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Checkpoint returns the time stored under name; ok is false when none is.
func (s *Store) Checkpoint(ctx context.Context, name string) (time.Time, bool, error) {
	var at time.Time
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT at FROM checkpoints WHERE instance = ? AND name = ?`), s.instance, name).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read checkpoint %q: %w", name, err)
	}
	return at.UTC(), true, nil
}

// SetCheckpoint stores at under name, in UTC truncated to the microsecond.
func (s *Store) SetCheckpoint(ctx context.Context, name string, at time.Time) error {
	if name == "" {
		return errors.New("set checkpoint: name is required")
	}
	_, err := s.db.ExecContext(ctx, s.dialect.rebind(`INSERT INTO checkpoints (instance, name, at, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (instance, name) DO UPDATE SET at = excluded.at, updated_at = excluded.updated_at`),
		s.instance, name, normalize(at), now())
	if err != nil {
		return fmt.Errorf("set checkpoint %q: %w", name, err)
	}
	return nil
}
