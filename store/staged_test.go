package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStagedRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		binary := []byte{0x00, 0xff, 0xfe, '\'', '?', 0x00}
		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "salesforce", []Staged{
			{Key: "003A", Data: []byte(`{"v":1}`)},
			{Key: "003B", Data: binary},
			{Key: "003A", Data: []byte(`{"v":2}`)}, // later wins
			{Key: "003C"},                          // no data
		}))
		// The same key under another run, pair or kind is another record.
		require.NoError(t, s.PutStaged(ctx, "run-2", "contacts", "salesforce", []Staged{{Key: "003A", Data: []byte("run-2")}}))
		require.NoError(t, s.PutStaged(ctx, "run-1", "accounts", "salesforce", []Staged{{Key: "003A", Data: []byte("accounts")}}))
		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "zendesk", []Staged{{Key: "003A", Data: []byte("zendesk")}}))

		got, err := s.Staged(ctx, "run-1", "contacts", "salesforce", []string{"003A", "003B", "003C", "003Z"})
		require.NoError(t, err)
		assert.Equal(t, map[string][]byte{"003A": []byte(`{"v":2}`), "003B": binary, "003C": {}}, got)

		for _, c := range []struct{ run, pair, kind, want string }{
			{"run-2", "contacts", "salesforce", "run-2"},
			{"run-1", "accounts", "salesforce", "accounts"},
			{"run-1", "contacts", "zendesk", "zendesk"},
		} {
			got, err := s.Staged(ctx, c.run, c.pair, c.kind, []string{"003A"})
			require.NoError(t, err)
			assert.Equal(t, map[string][]byte{"003A": []byte(c.want)}, got, "%s/%s/%s", c.run, c.pair, c.kind)
		}

		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "salesforce", []Staged{{Key: "003B", Data: []byte("replaced")}}))
		got, err = s.Staged(ctx, "run-1", "contacts", "salesforce", []string{"003A", "003B"})
		require.NoError(t, err)
		assert.Equal(t, map[string][]byte{"003A": []byte(`{"v":2}`), "003B": []byte("replaced")}, got, "a put replaces only its keys")

		none, err := s.Staged(ctx, "run-1", "contacts", "salesforce", nil)
		require.NoError(t, err)
		assert.Empty(t, none)
	})
}

func TestStagedAfterPagesInByteOrder(t *testing.T) {
	// Locale collations would sort these differently from Go: case folded,
	// punctuation ignored.
	keys := []string{"b", "B", "a-2", "a10", "a2", "A", "_x", "~", "é", "e", "Z", "0"}
	want := append([]string(nil), keys...)
	sort.Strings(want)
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		items := make([]Staged, len(keys))
		for i, k := range keys {
			items[i] = Staged{Key: k, Data: []byte("data of " + k)}
		}
		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "zendesk", items))
		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "salesforce", []Staged{{Key: "a", Data: []byte("other kind")}}))

		var listed []string
		after := ""
		for pages := 0; ; pages++ {
			require.Less(t, pages, len(keys), "paging does not end")
			page, err := s.StagedAfter(ctx, "run-1", "contacts", "zendesk", after, 5)
			require.NoError(t, err)
			require.LessOrEqual(t, len(page), 5)
			for _, it := range page {
				listed = append(listed, it.Key)
				assert.Equal(t, "data of "+it.Key, string(it.Data))
			}
			if len(page) < 5 {
				break
			}
			after = page[len(page)-1].Key
		}
		assert.Equal(t, want, listed)

		page, err := s.StagedAfter(ctx, "run-1", "contacts", "zendesk", "e", 100)
		require.NoError(t, err)
		assert.Equal(t, []Staged{{Key: "~", Data: []byte("data of ~")}, {Key: "é", Data: []byte("data of é")}}, page,
			"only keys after the given one")

		if strings.HasPrefix(dsn, "postgres") {
			// The test database may well sort bytewise by default; production
			// ones often do not, so check the column rather than the order.
			var collation sql.NullString
			require.NoError(t, s.db.QueryRowContext(ctx, `SELECT collation_name FROM information_schema.columns
				WHERE table_schema = current_schema() AND table_name = 'staged' AND column_name = 'key'`).Scan(&collation))
			assert.Equal(t, "C", collation.String)
		}
	})
}

func TestStagedBatchOf2000(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		items := stagedPage(2000, 1024)
		keys := make([]string, 0, 2010)
		for _, it := range items {
			keys = append(keys, it.Key)
		}
		for i := range 10 {
			keys = append(keys, fmt.Sprintf("missing%04d", i))
		}
		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "salesforce", items))

		got, err := s.Staged(ctx, "run-1", "contacts", "salesforce", keys)
		require.NoError(t, err)
		require.Len(t, got, 2000)
		for _, it := range items {
			assert.Equal(t, it.Data, got[it.Key], it.Key)
		}

		page, err := s.StagedAfter(ctx, "run-1", "contacts", "salesforce", "", 2000)
		require.NoError(t, err)
		assert.Equal(t, items, page, "items are generated in key order")
	})
}

func TestDeleteStaged(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		items := stagedPage(1200, 8)
		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "salesforce", items))
		require.NoError(t, s.PutStaged(ctx, "run-1", "contacts", "zendesk", items[:1]))

		// More keys than one statement takes, with repeats and unknown keys.
		var gone []string
		for i := 0; i < len(items); i += 2 {
			gone = append(gone, items[i].Key)
		}
		gone = append(gone, items[0].Key, "missing")
		require.NoError(t, s.DeleteStaged(ctx, "run-1", "contacts", "salesforce", gone))

		left, err := s.StagedAfter(ctx, "run-1", "contacts", "salesforce", "", 2000)
		require.NoError(t, err)
		require.Len(t, left, 600)
		for i, it := range left {
			assert.Equal(t, items[2*i+1].Key, it.Key)
		}
		got, err := s.Staged(ctx, "run-1", "contacts", "zendesk", []string{items[0].Key})
		require.NoError(t, err)
		assert.Len(t, got, 1, "deleting is per kind")

		require.NoError(t, s.DeleteStaged(ctx, "run-1", "contacts", "salesforce", nil))
	})
}

func TestClearStaged(t *testing.T) {
	type scope struct{ run, pair, kind string }
	all := []scope{
		{"run-1", "contacts", "salesforce"}, {"run-1", "contacts", "zendesk"},
		{"run-1", "accounts", "salesforce"},
		{"run-2", "contacts", "salesforce"}, {"run-2", "accounts", "zendesk"},
		{"run-3", "contacts", "zendesk"},
	}
	cases := []struct {
		name  string
		clear func(s *Store) error
		left  []scope
	}{
		{
			name:  "one run of one pair",
			clear: func(s *Store) error { return s.ClearStaged(context.Background(), "run-1", "contacts") },
			left:  []scope{all[2], all[3], all[4], all[5]},
		},
		{
			name:  "every other run of one pair",
			clear: func(s *Store) error { return s.ClearStagedExcept(context.Background(), "contacts", "run-2") },
			left:  []scope{all[2], all[3], all[4]},
		},
		{
			name:  "a pair with nothing staged",
			clear: func(s *Store) error { return s.ClearStagedExcept(context.Background(), "cases", "run-1") },
			left:  all,
		},
	}
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		for _, c := range cases {
			_, err := s.db.ExecContext(ctx, `DELETE FROM staged`)
			require.NoError(t, err)
			for _, sc := range all {
				require.NoError(t, s.PutStaged(ctx, sc.run, sc.pair, sc.kind, []Staged{{Key: "k", Data: []byte("d")}}))
			}
			require.NoError(t, c.clear(s), c.name)
			var left []scope
			for _, sc := range all {
				got, err := s.Staged(ctx, sc.run, sc.pair, sc.kind, []string{"k"})
				require.NoError(t, err)
				if len(got) > 0 {
					left = append(left, sc)
				}
			}
			assert.Equal(t, c.left, left, c.name)
		}
	})
}

func TestStagedRejectsInvalid(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	ctx := context.Background()
	ok := []Staged{{Key: "k", Data: []byte("d")}}
	cases := []struct {
		name            string
		run, pair, kind string
		items           []Staged
		wantErr         string
	}{
		{"no run", "", "contacts", "salesforce", ok, "run, pair and kind are required"},
		{"no pair", "run-1", "", "salesforce", ok, "run, pair and kind are required"},
		{"no kind", "run-1", "contacts", "", ok, "run, pair and kind are required"},
		{"no key", "run-1", "contacts", "salesforce", append(ok, Staged{Data: []byte("d")}), "item 1 has no key"},
	}
	for _, c := range cases {
		require.ErrorContains(t, s.PutStaged(ctx, c.run, c.pair, c.kind, c.items), c.wantErr, c.name)
	}
	page, err := s.StagedAfter(ctx, "run-1", "contacts", "salesforce", "", 10)
	require.NoError(t, err)
	assert.Empty(t, page, "a rejected put writes nothing")

	for _, limit := range []int{0, -1} {
		_, err := s.StagedAfter(ctx, "run-1", "contacts", "salesforce", "", limit)
		require.ErrorContains(t, err, "not positive", "limit %d", limit)
	}
	require.ErrorContains(t, s.ClearStagedExcept(ctx, "contacts", ""), "run to keep is required")
}

// Writers overlap on purpose, as in TestSaveLinksConcurrent.
func TestPutStagedConcurrent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		const writers, stride, span = 6, 100, 300
		errs := make([]error, writers)
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				items := make([]Staged, 0, span)
				for i := range span {
					n := w*stride + i
					if w%2 == 1 {
						n = w*stride + span - 1 - i
					}
					items = append(items, Staged{Key: fmt.Sprintf("%06d", n), Data: []byte{byte(w)}})
				}
				errs[w] = s.PutStaged(ctx, "run-1", "contacts", "salesforce", items)
			}()
		}
		wg.Wait()
		for w, err := range errs {
			require.NoError(t, err, "writer %d", w)
		}
		total := (writers-1)*stride + span
		got, err := s.StagedAfter(ctx, "run-1", "contacts", "salesforce", "", 2*total)
		require.NoError(t, err)
		require.Len(t, got, total)
		for i, it := range got {
			w := int(it.Data[0])
			assert.True(t, i >= w*stride && i < w*stride+span, "%s written by writer %d, which never staged it", it.Key, w)
		}
	})
}

// stagedPage returns n items in key order, each with size bytes of data
// that differ from item to item.
func stagedPage(n, size int) []Staged {
	items := make([]Staged, n)
	for i := range items {
		data := make([]byte, size)
		for j := range data {
			data[j] = byte(i + j)
		}
		items[i] = Staged{Key: fmt.Sprintf("003%015d", i), Data: data}
	}
	return items
}
