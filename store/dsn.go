package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// DefaultSQLitePath is where the state lives when no DSN is given.
const DefaultSQLitePath = ".crmsync/state.db"

// sqliteParams make concurrent writers wait instead of failing with
// SQLITE_BUSY, let readers proceed during writes (WAL), and take the write
// lock at BEGIN so a read-then-write transaction cannot hit a stale snapshot.
// The rest is speed (BenchmarkSaveEmailClaims: 20 → 12 µs a claim): a
// multi-row upsert's statement journal kept in memory instead of a temp
// file, 4 MiB of page cache a connection instead of 2 for the indexes'
// scattered inserts (16 gained little more, and a connection's cache
// fills with the store's size: the worker's memory would grow with N),
// and the log checkpointed every 10,000 pages instead of 1,000, so a page
// written by many commits is copied back once.
// sqliteBusyTimeout is how long a connection waits for another's write
// lock.
const sqliteBusyTimeout = 10 * time.Second

const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate" +
	"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-4096)&_pragma=wal_autocheckpoint(10000)"

// target is a parsed DSN: which driver to use and what to hand it.
type target struct {
	driver  string
	dsn     string
	dialect dialect
	// memory marks an in-memory SQLite database, which exists per connection.
	memory bool
	// dir is the directory the SQLite file lives in, created at Open.
	dir string
}

// parseDSN interprets the user-facing DSN. The returned error never contains
// the DSN itself, since a PostgreSQL DSN may carry a password.
func parseDSN(dsn string) (target, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return target{driver: "pgx", dsn: withQueryExecMode(dsn), dialect: postgresDialect}, nil
	case dsn == "":
		return sqliteTarget(DefaultSQLitePath)
	case strings.HasPrefix(dsn, "sqlite:"):
		return sqliteTarget(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.Contains(dsn, "://"):
		return target{}, errors.New("unsupported DSN scheme: use postgres://, postgresql://, sqlite:PATH or a file path")
	default:
		return sqliteTarget(dsn)
	}
}

// withQueryExecMode makes pgx send statements unnamed, so PostgreSQL plans
// each one with its parameter values, unless the DSN chooses a mode itself.
// pgx's default prepares a statement once per connection, and after five
// runs PostgreSQL may switch to a generic plan made without the values. For
// the IN-list lookups of a table with no or stale statistics (staged is
// filled and emptied every run), that plan checks every row against every
// key: reading back a page of 2,000 staged records took about 110 ms
// instead of 10-15. The price is planning every statement: staging that
// page takes about 40 ms instead of 30.
func withQueryExecMode(dsn string) string {
	if strings.Contains(dsn, "default_query_exec_mode=") {
		return dsn
	}
	// A '?' before the query would have to be percent-encoded, so the first
	// one starts the query.
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "default_query_exec_mode=cache_describe"
}

func sqliteTarget(path string) (target, error) {
	if path == "" {
		return target{}, errors.New("sqlite DSN has an empty path")
	}
	if path == ":memory:" {
		return target{driver: "sqlite", dsn: ":memory:?" + sqliteParams, dialect: sqliteDialect, memory: true}, nil
	}
	if strings.ContainsAny(path, "?#") {
		return target{}, fmt.Errorf("sqlite path %q: '?' and '#' are not allowed", path)
	}
	return target{driver: "sqlite", dsn: path + "?" + sqliteParams, dialect: sqliteDialect, dir: filepath.Dir(path)}, nil
}
