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

func TestMigrateFromVersion1(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		at := time.Date(2025, 11, 12, 13, 14, 15, 161718000, time.UTC)

		// A database as released with version 1, holding a link and a decision.
		target, err := parseDSN(dsn)
		require.NoError(t, err)
		db, err := sql.Open(target.driver, target.dsn)
		require.NoError(t, err)
		require.NoError(t, migrate(ctx, db, target.dialect, migrations[:1]))
		d := target.dialect
		_, err = db.ExecContext(ctx, d.rebind(`INSERT INTO links (object, salesforce_id, zendesk_id, hash, updated_at)
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
