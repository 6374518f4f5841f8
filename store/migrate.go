package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migration is one step of the schema. Steps are append-only: a released
// version is never edited, a change is a new version.
type migration struct {
	version    int
	statements func(d dialect) []string
}

var migrations = []migration{
	{version: 1, statements: func(d dialect) []string {
		return []string{
			`CREATE TABLE links (
				object        TEXT NOT NULL,
				salesforce_id TEXT NOT NULL,
				zendesk_id    BIGINT NOT NULL,
				hash          TEXT NOT NULL,
				updated_at    ` + d.timestampType + ` NOT NULL,
				PRIMARY KEY (object, salesforce_id)
			)`,
			`CREATE INDEX links_zendesk ON links (object, zendesk_id)`,
			`CREATE TABLE checkpoints (
				name       TEXT PRIMARY KEY,
				at         ` + d.timestampType + ` NOT NULL,
				updated_at ` + d.timestampType + ` NOT NULL
			)`,
			`CREATE TABLE email_claims (
				object        TEXT NOT NULL,
				salesforce_id TEXT NOT NULL,
				email         TEXT NOT NULL,
				PRIMARY KEY (object, salesforce_id)
			)`,
			`CREATE INDEX email_claims_email ON email_claims (object, email)`,
			`CREATE TABLE decisions (
				id               ` + d.serialKey + `,
				run_id           TEXT NOT NULL,
				object           TEXT NOT NULL,
				salesforce_id    TEXT NOT NULL,
				zendesk_id       BIGINT NOT NULL,
				field            TEXT NOT NULL,
				policy           TEXT NOT NULL,
				winner           TEXT NOT NULL,
				salesforce_value TEXT NOT NULL,
				zendesk_value    TEXT NOT NULL,
				at               ` + d.timestampType + ` NOT NULL
			)`,
			`CREATE INDEX decisions_run ON decisions (run_id, id)`,
		}
	}},
	{version: 2, statements: func(d dialect) []string {
		return []string{
			`ALTER TABLE links ADD COLUMN baseline TEXT NOT NULL DEFAULT ''`,
			// Nothing ever wrote decisions; conflicts replace them.
			`DROP TABLE decisions`,
			`CREATE TABLE conflicts (
				id                  ` + d.serialKey + `,
				run_id              TEXT NOT NULL,
				pair                TEXT NOT NULL,
				salesforce_id       TEXT NOT NULL,
				zendesk_id          BIGINT NOT NULL,
				field               TEXT NOT NULL,
				salesforce_value    TEXT NOT NULL,
				zendesk_value       TEXT NOT NULL,
				salesforce_modified ` + d.timestampType + ` NOT NULL,
				zendesk_modified    ` + d.timestampType + ` NOT NULL,
				policy              TEXT NOT NULL,
				winner              TEXT NOT NULL,
				value               TEXT NOT NULL,
				at                  ` + d.timestampType + ` NOT NULL
			)`,
			`CREATE INDEX conflicts_run ON conflicts (run_id, id)`,
			`CREATE INDEX conflicts_pair ON conflicts (pair, id)`,
			// A field of a record is settled once per run: a retried
			// resolve step records nothing twice.
			`CREATE UNIQUE INDEX conflicts_once ON conflicts (run_id, pair, salesforce_id, field)`,
			`CREATE TABLE cursors (
				name       TEXT PRIMARY KEY,
				value      TEXT NOT NULL,
				updated_at ` + d.timestampType + ` NOT NULL
			)`,
			`CREATE TABLE staged (
				run  TEXT NOT NULL,
				pair TEXT NOT NULL,
				kind TEXT NOT NULL,
				key  TEXT ` + d.bytewise + ` NOT NULL,
				data ` + d.blobType + ` NOT NULL,
				PRIMARY KEY (run, pair, kind, key)
			)`,
		}
	}},
	{version: 3, statements: partitionByInstance},
	{version: 4, statements: func(dialect) []string {
		return []string{`CREATE TABLE refusals (
			instance      TEXT NOT NULL,
			object        TEXT NOT NULL,
			salesforce_id TEXT NOT NULL,
			zendesk_id    BIGINT NOT NULL,
			hash          TEXT NOT NULL,
			reason        TEXT NOT NULL,
			PRIMARY KEY (instance, object, salesforce_id)
		)`}
	}},
}

// migrationLockKey is the PostgreSQL advisory lock that serialises workers
// migrating the same database at once ("crmsync" in ASCII).
const migrationLockKey = 0x63726d73796e63

// migrate applies the missing steps of ms in one transaction. Concurrent
// callers serialise on the write lock (SQLite, BEGIN IMMEDIATE through
// _txlock) or the advisory lock (PostgreSQL); the loser then sees the
// versions the winner recorded and applies nothing.
func migrate(ctx context.Context, db *sql.DB, d dialect, ms []migration) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if d.numbered {
		if _, err := tx.ExecContext(ctx, d.rebind(`SELECT pg_advisory_xact_lock(?)`), int64(migrationLockKey)); err != nil {
			return fmt.Errorf("take migration lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at `+d.timestampType+` NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied, err := appliedVersions(ctx, tx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		for i, stmt := range m.statements(d) {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migration %d statement %d: %w", m.version, i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`),
			m.version, now()); err != nil {
			return fmt.Errorf("record migration %d: %w", m.version, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}

func appliedVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	rs, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rs.Close()
	applied := map[int]bool{}
	for rs.Next() {
		var v int
		if err := rs.Scan(&v); err != nil {
			return nil, fmt.Errorf("scan schema_migrations: %w", err)
		}
		applied[v] = true
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	return applied, nil
}
