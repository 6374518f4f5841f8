package store

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hot queries, as the store sends them (a batch of two), must walk an
// index whose leading column is the instance: each instance's rows are a
// range of it, and no query scans the others'.
var hotQueries = []struct {
	name  string
	query string
	args  []any
	// sqlite is the search SQLite's plan must show: the index, and its
	// terms in column order.
	sqlite string
}{
	{"links by salesforce id", `SELECT ` + linkColumns + ` FROM links WHERE instance = ? AND object = ? AND salesforce_id IN (?, ?)`,
		[]any{"i", "contacts", "a", "b"}, "USING INDEX sqlite_autoindex_links_1 (instance=? AND object=? AND salesforce_id=?)"},
	{"links by zendesk id", `SELECT ` + linkColumns + ` FROM links WHERE instance = ? AND object = ? AND zendesk_id IN (?, ?) ORDER BY zendesk_id, salesforce_id`,
		[]any{"i", "contacts", 1, 2}, "USING INDEX links_zendesk (instance=? AND object=? AND zendesk_id=?)"},
	{"email claimants", `SELECT email, salesforce_id FROM email_claims WHERE instance = ? AND object = ? AND email IN (?, ?) ORDER BY email, salesforce_id`,
		[]any{"i", "contacts", "a", "b"}, "USING INDEX email_claims_email (instance=? AND object=? AND email=?)"},
	{"staged by key", `SELECT key, data FROM staged WHERE instance = ? AND run = ? AND pair = ? AND kind = ? AND key IN (?, ?)`,
		[]any{"i", "r", "contacts", "salesforce", "a", "b"},
		"USING INDEX sqlite_autoindex_staged_1 (instance=? AND run=? AND pair=? AND kind=? AND key=?)"},
	{"staged page", `SELECT key, data FROM staged WHERE instance = ? AND run = ? AND pair = ? AND kind = ? AND key > ? ORDER BY key LIMIT ?`,
		[]any{"i", "r", "contacts", "salesforce", "", 10},
		"USING INDEX sqlite_autoindex_staged_1 (instance=? AND run=? AND pair=? AND kind=? AND key>?)"},
	{"conflicts of a run", `SELECT id FROM conflicts WHERE instance = ? AND run_id = ? ORDER BY id`,
		[]any{"i", "r"}, "USING COVERING INDEX conflicts_run (instance=? AND run_id=?)"},
}

func TestHotQueriesUseTheInstanceIndexes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		conn, err := s.db.Conn(ctx)
		require.NoError(t, err)
		defer conn.Close()
		explain := "EXPLAIN QUERY PLAN "
		if s.dialect.numbered {
			explain = "EXPLAIN (COSTS OFF) "
			// The test's tables are empty: without this, PostgreSQL
			// rightly prefers reading them whole.
			_, err := conn.ExecContext(ctx, `SET enable_seqscan = off`)
			require.NoError(t, err)
		}
		for _, q := range hotQueries {
			rs, err := conn.QueryContext(ctx, explain+s.dialect.rebind(q.query), q.args...)
			require.NoError(t, err, q.name)
			cols, err := rs.Columns()
			require.NoError(t, err)
			var plan []string
			for rs.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				require.NoError(t, rs.Scan(ptrs...))
				plan = append(plan, toString(vals[len(vals)-1]))
			}
			require.NoError(t, rs.Err())
			require.NoError(t, rs.Close())
			text := strings.Join(plan, "\n")
			if !s.dialect.numbered {
				assert.Contains(t, text, q.sqlite, q.name)
				continue
			}
			// PostgreSQL plans empty tables by guesswork, and may leave
			// an IN list to a filter; what must hold is that the index it
			// walks starts with the instance.
			assert.Contains(t, text, "Index Cond: ((instance = ", q.name)
			assert.NotContains(t, text, "Seq Scan", q.name)
		}
	})
}

func toString(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	s, _ := v.(string)
	return s
}
