package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// defaultTestPostgres is the PostgreSQL the suite also runs against;
// CRMSYNC_TEST_POSTGRES overrides it.
const defaultTestPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// backend gives each test a fresh, isolated database DSN.
type backend struct {
	name  string
	fresh func(t testing.TB) string
}

// backends are the engines every test runs against.
var backends = []backend{
	{name: "sqlite", fresh: freshSQLite},
	{name: "postgres", fresh: freshPostgres},
}

// forEachBackend runs the same test against SQLite and PostgreSQL.
func forEachBackend(t *testing.T, test func(t *testing.T, dsn string)) {
	t.Helper()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			test(t, b.fresh(t))
		})
	}
}

func freshSQLite(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "state.db")
}

var (
	pgOnce   sync.Once
	pgBase   string
	pgDown   error
	pgRedact string
)

// freshPostgres creates a schema of its own for the test and returns a DSN
// whose search_path points at it, so parallel runs never share tables.
func freshPostgres(t testing.TB) string {
	pgOnce.Do(func() {
		pgBase = os.Getenv("CRMSYNC_TEST_POSTGRES")
		if pgBase == "" {
			pgBase = defaultTestPostgres
		}
		u, err := url.Parse(pgBase)
		if err != nil {
			pgDown = err
			return
		}
		pgRedact = u.Redacted()
		pgDown = pingPostgres(pgBase)
	})
	if pgDown != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL at %s is unreachable and CI is set: %v", pgRedact, pgDown)
		}
		t.Skipf("PostgreSQL at %s is unreachable, skipping the PostgreSQL run (set CRMSYNC_TEST_POSTGRES): %v", pgRedact, pgDown)
	}

	var raw [6]byte
	_, err := rand.Read(raw[:])
	require.NoError(t, err)
	schema := "crmsync_test_" + hex.EncodeToString(raw[:])

	admin, err := sql.Open("pgx", pgBase)
	require.NoError(t, err)
	t.Cleanup(func() { _ = admin.Close() })
	_, err = admin.ExecContext(context.Background(), `CREATE SCHEMA `+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		if err != nil {
			t.Errorf("drop test schema %s: %v", schema, err)
		}
	})

	u, err := url.Parse(pgBase)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func pingPostgres(dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

// openStore opens dsn and closes the store when the test ends.
func openStore(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}
