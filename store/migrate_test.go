package store

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func appliedCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
	return n
}

func TestMigrationsRunTwice(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		first, err := Open(ctx, dsn)
		require.NoError(t, err)
		require.NoError(t, first.SaveLinks(ctx, []Link{{Object: "accounts", SalesforceID: "001A", ZendeskID: 7, Hash: "h"}}))
		require.NoError(t, first.Close())

		second := openStore(t, dsn)
		assert.Equal(t, len(migrations), appliedCount(t, second))
		n, err := second.CountLinks(ctx, "accounts")
		require.NoError(t, err)
		assert.Equal(t, 1, n, "reopening must keep the data")
	})
}

func TestMigrationsConcurrentOpen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		const workers = 4
		stores := make([]*Store, workers)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for i := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				stores[i], errs[i] = Open(context.Background(), dsn)
			}()
		}
		wg.Wait()
		for i := range workers {
			require.NoError(t, errs[i], "worker %d", i)
			t.Cleanup(func() { require.NoError(t, stores[i].Close()) })
		}
		assert.Equal(t, len(migrations), appliedCount(t, stores[0]))
	})
}

// databaseAt migrates dsn up to version, as a release of that schema
// would have left it; the caller writes its rows and closes it.
func databaseAt(t *testing.T, dsn string, version int) (*sql.DB, dialect) {
	t.Helper()
	target, err := parseDSN(dsn)
	require.NoError(t, err)
	db, err := sql.Open(target.driver, target.dsn)
	require.NoError(t, err)
	require.NoError(t, migrate(context.Background(), db, target.dialect, migrations[:version]))
	return db, target.dialect
}

func TestMigrateFromVersion1(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		at := time.Date(2025, 11, 12, 13, 14, 15, 161718000, time.UTC)

		// A database as released with version 1, holding a link and a decision.
		db, d := databaseAt(t, dsn, 1)
		_, err := db.ExecContext(ctx, d.rebind(`INSERT INTO links (object, salesforce_id, zendesk_id, hash, updated_at)
			VALUES (?, ?, ?, ?, ?)`), "accounts", "001A", int64(7), "h1", at)
		require.NoError(t, err)
		_, err = db.ExecContext(ctx, d.rebind(`INSERT INTO decisions (run_id, object, salesforce_id, zendesk_id, field,
			policy, winner, salesforce_value, zendesk_value, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			"run-0", "accounts", "001A", int64(7), "name", "newest", "zendesk", "a", "b", at)
		require.NoError(t, err)
		require.NoError(t, db.Close())

		s := openStore(t, dsn)
		assert.Equal(t, len(migrations), appliedCount(t, s))
		got, err := s.Links(ctx, "accounts", []string{"001A"})
		require.NoError(t, err)
		assert.Equal(t, map[string]Link{"001A": {Object: "accounts", SalesforceID: "001A", ZendeskID: 7, Hash: "h1", UpdatedAt: at}}, got,
			"a version 1 link reads back with an empty baseline")

		_, err = s.db.ExecContext(ctx, `SELECT COUNT(*) FROM decisions`)
		require.Error(t, err, "decisions is dropped")
		for _, table := range []string{"conflicts", "cursors", "staged"} {
			var n int
			require.NoError(t, s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n), table)
			assert.Zero(t, n, table)
		}

		// The migrated link takes a baseline like any other.
		require.NoError(t, s.SaveLinks(ctx, []Link{{Object: "accounts", SalesforceID: "001A", ZendeskID: 7, Hash: "h2",
			Baseline: []byte(`{"name":["Acme","Acme"]}`)}}))
		got, err = s.Links(ctx, "accounts", []string{"001A"})
		require.NoError(t, err)
		assert.Equal(t, `{"name":["Acme","Acme"]}`, string(got["001A"].Baseline))
	})
}

// TestMigrateFromVersion2KeepsRowsAsDefault opens a database written by
// the schema before instances, with a row in every table: after the
// migration the default instance finds them all, another instance none,
// and the conflict ids go on from where they were.
func TestMigrateFromVersion2KeepsRowsAsDefault(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		at := time.Date(2026, 1, 2, 3, 4, 5, 678000, time.UTC)

		db, d := databaseAt(t, dsn, 2)
		for _, stmt := range []struct {
			query string
			args  []any
		}{
			{`INSERT INTO links (object, salesforce_id, zendesk_id, hash, baseline, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				[]any{"contacts", "003A", int64(7), "h", `{"name":["Ada","Ada"]}`, at}},
			{`INSERT INTO checkpoints (name, at, updated_at) VALUES (?, ?, ?)`, []any{"contacts", at, at}},
			{`INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)`, []any{"zendesk.users", "c1", at}},
			{`INSERT INTO email_claims (object, salesforce_id, email) VALUES (?, ?, ?)`, []any{"contacts", "003A", "ada@example.com"}},
			{`INSERT INTO staged (run, pair, kind, key, data) VALUES (?, ?, ?, ?, ?)`,
				[]any{"wf/run", "contacts", "salesforce", "003A", []byte("staged")}},
			{`INSERT INTO conflicts (run_id, pair, salesforce_id, zendesk_id, field, salesforce_value, zendesk_value,
				salesforce_modified, zendesk_modified, policy, winner, value, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				[]any{"wf/run", "contacts", "003A", int64(7), "phone", "1", "2", at, at, "newest", WinnerZendesk, "2", at}},
		} {
			_, err := db.ExecContext(ctx, d.rebind(stmt.query), stmt.args...)
			require.NoError(t, err, stmt.query)
		}
		require.NoError(t, db.Close())

		s := openStore(t, dsn)
		assert.Equal(t, len(migrations), appliedCount(t, s))
		links, err := s.Links(ctx, "contacts", []string{"003A"})
		require.NoError(t, err)
		assert.Equal(t, map[string]Link{"003A": {Object: "contacts", SalesforceID: "003A", ZendeskID: 7, Hash: "h",
			Baseline: []byte(`{"name":["Ada","Ada"]}`), UpdatedAt: at}}, links)
		byZD, err := s.LinksByZendeskID(ctx, "contacts", []int64{7})
		require.NoError(t, err)
		assert.Contains(t, byZD, int64(7))
		cp, ok, err := s.Checkpoint(ctx, "contacts")
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, at, cp)
		cur, ok, err := s.Cursor(ctx, "zendesk.users")
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, "c1", cur)
		claims, err := s.EmailClaimants(ctx, "contacts", []string{"ada@example.com"})
		require.NoError(t, err)
		assert.Equal(t, map[string][]string{"ada@example.com": {"003A"}}, claims)
		staged, err := s.Staged(ctx, "wf/run", "contacts", "salesforce", []string{"003A"})
		require.NoError(t, err)
		assert.Equal(t, map[string][]byte{"003A": []byte("staged")}, staged)
		conflicts, err := s.Conflicts(ctx, ConflictFilter{})
		require.NoError(t, err)
		require.Len(t, conflicts, 1)
		assert.Equal(t, "2", conflicts[0].Value)

		// The migrated conflict is still the one a retried step would
		// record again, and a new one gets the next id.
		require.NoError(t, s.RecordConflicts(ctx, []Conflict{
			{RunID: "wf/run", Pair: "contacts", SalesforceID: "003A", Field: "phone", Winner: WinnerSalesforce, Value: "again"},
			{RunID: "wf/run", Pair: "contacts", SalesforceID: "003A", Field: "name", Winner: WinnerSalesforce, Value: "new"},
		}))
		conflicts, err = s.Conflicts(ctx, ConflictFilter{})
		require.NoError(t, err)
		require.Len(t, conflicts, 2)
		assert.Equal(t, []string{"2", "new"}, []string{conflicts[0].Value, conflicts[1].Value})
		assert.Greater(t, conflicts[1].ID, conflicts[0].ID)

		other := openInstance(t, dsn, "north")
		n, err := other.CountLinks(ctx, "contacts")
		require.NoError(t, err)
		assert.Zero(t, n, "the old rows are the default instance's only")
		_, ok, err = other.Cursor(ctx, "zendesk.users")
		require.NoError(t, err)
		assert.False(t, ok)

		// No default on the new column: a write that forgot the instance
		// fails instead of landing in 'default'.
		_, err = s.db.ExecContext(ctx, d.rebind(`INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)`), "x", "y", at)
		assert.Error(t, err)
	})
}
