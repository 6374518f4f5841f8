package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Cursor returns the Zendesk export position stored under name (an
// after_cursor, or a unix end_time); ok is false when none is.
func (s *Store) Cursor(ctx context.Context, name string) (string, bool, error) {
	var value string
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT value FROM cursors WHERE instance = ? AND name = ?`), s.instance, name).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read cursor %q: %w", name, err)
	}
	return value, true, nil
}

// SetCursor stores value under name. The value is opaque to the store; an
// empty one reads back as present and empty.
func (s *Store) SetCursor(ctx context.Context, name, value string) error {
	if name == "" {
		return errors.New("set cursor: name is required")
	}
	_, err := s.db.ExecContext(ctx, s.dialect.rebind(`INSERT INTO cursors (instance, name, value, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (instance, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
		s.instance, name, value, now())
	if err != nil {
		return fmt.Errorf("set cursor %q: %w", name, err)
	}
	return nil
}
