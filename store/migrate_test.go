package store

import (
	"context"
	"sync"
	"testing"

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
		require.NoError(t, first.SaveLinks(ctx, []Link{{Object: "Account", SalesforceID: "001A", ZendeskID: 7, Hash: "h"}}))
		require.NoError(t, first.Close())

		second := openStore(t, dsn)
		assert.Equal(t, len(migrations), appliedCount(t, second))
		n, err := second.CountLinks(ctx, "Account")
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
