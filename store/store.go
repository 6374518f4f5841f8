// Package store keeps the sync's durable state: the Salesforce ⇄ Zendesk
// record links with their sync baselines, the incremental-read checkpoints
// and Zendesk export cursors, the email claims used to detect duplicate
// emails, the conflict log of two-way runs, and the records staged between
// the activities of a run.
// It runs on SQLite by default and on PostgreSQL when given a postgres:// DSN.
// Several instances (Salesforce org / Zendesk account pairs) share one
// database without seeing each other's rows: see WithInstance.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	// Drivers: "pgx" for PostgreSQL, "sqlite" (pure Go) for SQLite.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// Store is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect dialect
	// instance is the partition every query reads and writes.
	instance string
	// writer, for SQLite, lets one of this process's transactions write at
	// a time. SQLite has one writer anyway, and one that finds the lock
	// taken sleeps in growing steps (up to 100 ms) before it looks again;
	// here it starts the moment the other commits. Other processes still
	// meet the busy timeout.
	writer chan struct{}
}

// Open connects to the database named by dsn and applies pending migrations.
//
//	""                      SQLite file .crmsync/state.db (directory created)
//	"sqlite:PATH", "PATH"   SQLite file PATH ("sqlite::memory:" for a throwaway one)
//	"postgres://…"          PostgreSQL, also "postgresql://…"
//
// The store reads and writes the rows of one instance (WithInstance;
// DefaultInstance unless given).
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	o := options{instance: DefaultInstance}
	for _, opt := range opts {
		opt(&o)
	}
	if err := ValidateInstance(o.instance); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	t, err := parseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if t.dir != "" {
		if err := os.MkdirAll(t.dir, 0o700); err != nil {
			return nil, fmt.Errorf("open store: create directory: %w", err)
		}
	}
	db, err := sql.Open(t.driver, t.dsn)
	if err != nil {
		return nil, fmt.Errorf("open store (%s): %w", t.dialect.name, err)
	}
	if t.memory {
		// Each connection to ":memory:" would be a separate, empty database.
		db.SetMaxOpenConns(1)
	}
	if err := connect(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open store (%s): connect: %w", t.dialect.name, err)
	}
	if err := migrate(ctx, db, t.dialect, migrations); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open store (%s): %w", t.dialect.name, err)
	}
	st := &Store{db: db, dialect: t.dialect, instance: o.instance}
	if t.dialect.name == "sqlite" {
		st.writer = make(chan struct{}, 1)
	}
	return st, nil
}

// connect opens the first connection. SQLite answers a connection's
// journal-mode switch with SQLITE_BUSY at once, without waiting out the
// busy timeout, while another process holds the write lock (a worker
// migrating the same new file): that is waited out here, for as long as
// the busy timeout would.
func connect(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(sqliteBusyTimeout)
	for {
		err := db.PingContext(ctx)
		if err == nil || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Close releases the database connections.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// now is the store's clock: UTC, truncated to the microsecond precision both
// engines keep, so a value reads back exactly as written.
func now() time.Time { return normalize(time.Now()) }

func normalize(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// inTx runs fn in a transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	if s.writer != nil {
		select {
		case s.writer <- struct{}{}:
			defer func() { <-s.writer }()
		case <-ctx.Done():
			return fmt.Errorf("begin: %w", ctx.Err())
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
