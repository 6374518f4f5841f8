package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDSN(t *testing.T) {
	cases := []struct {
		dsn, driver, dialect, dir, wantErr string
	}{
		{dsn: "", driver: "sqlite", dialect: "sqlite", dir: ".crmsync"},
		{dsn: "sqlite:/var/lib/crmsync/state.db", driver: "sqlite", dialect: "sqlite", dir: "/var/lib/crmsync"},
		{dsn: "state.db", driver: "sqlite", dialect: "sqlite", dir: "."},
		{dsn: "sqlite::memory:", driver: "sqlite", dialect: "sqlite"},
		{dsn: "postgres://u:pw@db:5432/crm?sslmode=disable", driver: "pgx", dialect: "postgres"},
		{dsn: "postgresql://db/crm", driver: "pgx", dialect: "postgres"},
		{dsn: "mysql://u:pw@db/crm", wantErr: "unsupported DSN scheme"},
		{dsn: "sqlite:", wantErr: "empty path"},
		{dsn: "sqlite:a.db?mode=ro", wantErr: "not allowed"},
	}
	for _, c := range cases {
		t.Run(c.dsn, func(t *testing.T) {
			got, err := parseDSN(c.dsn)
			if c.wantErr != "" {
				require.ErrorContains(t, err, c.wantErr)
				assert.NotContains(t, err.Error(), "pw", "DSN secrets never reach errors")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.driver, got.driver)
			assert.Equal(t, c.dialect, got.dialect.name)
			assert.Equal(t, c.dir, got.dir)
		})
	}
}

func TestPostgresQueryExecMode(t *testing.T) {
	cases := []struct{ dsn, want string }{
		{"postgres://db/crm", "postgres://db/crm?default_query_exec_mode=cache_describe"},
		{"postgresql://u:pw@db:5432/crm?sslmode=disable", "postgresql://u:pw@db:5432/crm?sslmode=disable&default_query_exec_mode=cache_describe"},
		{"postgres://db/crm?default_query_exec_mode=exec", "postgres://db/crm?default_query_exec_mode=exec"},
	}
	for _, c := range cases {
		got, err := parseDSN(c.dsn)
		require.NoError(t, err, c.dsn)
		assert.Equal(t, c.want, got.dsn)
	}
}

func TestOpenDefaultCreatesStateDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	s, err := Open(context.Background(), "")
	require.NoError(t, err)
	require.NoError(t, s.Close())
	info, err := os.Stat(filepath.Join(".crmsync", "state.db"))
	require.NoError(t, err)
	assert.True(t, info.Mode().IsRegular())
}

func TestOpenInMemory(t *testing.T) {
	s := openStore(t, "sqlite::memory:")
	ctx := context.Background()
	require.NoError(t, s.SaveLinks(ctx, []Link{{Object: "accounts", SalesforceID: "001A", ZendeskID: 1}}))
	n, err := s.CountLinks(ctx, "accounts")
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

func TestOpenErrorHidesPassword(t *testing.T) {
	// Port 1 refuses connections at once, so the failure is in connecting.
	_, err := Open(context.Background(), "postgres://crm:hunter2secret@127.0.0.1:1/crm?sslmode=disable&connect_timeout=2")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2secret")
}

func TestSQLitePragmas(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	ctx := context.Background()
	var mode string
	var timeout int
	require.NoError(t, s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode))
	require.NoError(t, s.db.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&timeout))
	assert.Equal(t, "wal", mode)
	assert.Equal(t, 10000, timeout)
	for pragma, want := range map[string]int{"temp_store": 2, "cache_size": -4096, "wal_autocheckpoint": 10000} {
		var got int
		require.NoError(t, s.db.QueryRowContext(ctx, `PRAGMA `+pragma).Scan(&got))
		assert.Equal(t, want, got, pragma)
	}
}
