package store

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLinksRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		at := time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.FixedZone("CET", 3600))
		require.NoError(t, s.SaveLinks(ctx, []Link{
			{Object: "accounts", SalesforceID: "001A", ZendeskID: 10, Hash: "a1", Baseline: []byte(`{"name":["Acme","Acme"]}`), UpdatedAt: at},
			{Object: "accounts", SalesforceID: "001B", ZendeskID: 11, Hash: "b1"},
			{Object: "contacts", SalesforceID: "001A", ZendeskID: 99, Hash: "c1"},
		}))

		got, err := s.Links(ctx, "accounts", []string{"001A", "001B", "001Z"})
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, Link{Object: "accounts", SalesforceID: "001A", ZendeskID: 10, Hash: "a1",
			Baseline: []byte(`{"name":["Acme","Acme"]}`), UpdatedAt: at.UTC().Truncate(time.Microsecond)}, got["001A"])
		assert.Equal(t, int64(11), got["001B"].ZendeskID)
		assert.Nil(t, got["001B"].Baseline, "no baseline reads back as nil")
		assert.WithinDuration(t, time.Now(), got["001B"].UpdatedAt, time.Minute, "zero UpdatedAt is set to now")
		assert.NotContains(t, got, "001Z")

		require.NoError(t, s.SaveLinks(ctx, []Link{{Object: "accounts", SalesforceID: "001A", ZendeskID: 12, Hash: "a2",
			Baseline: []byte(`{"name":["Acme Inc","Acme Inc"]}`)}}))
		got, err = s.Links(ctx, "accounts", []string{"001A"})
		require.NoError(t, err)
		assert.Equal(t, int64(12), got["001A"].ZendeskID)
		assert.Equal(t, "a2", got["001A"].Hash)
		assert.JSONEq(t, `{"name":["Acme Inc","Acme Inc"]}`, string(got["001A"].Baseline), "an upsert replaces the baseline")

		for object, want := range map[string]int{"accounts": 2, "contacts": 1, "cases": 0} {
			n, err := s.CountLinks(ctx, object)
			require.NoError(t, err)
			assert.Equal(t, want, n, object)
		}
	})
}

func TestLinksByZendeskID(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		require.NoError(t, s.SaveLinks(ctx, []Link{
			{Object: "contacts", SalesforceID: "003B", ZendeskID: 7, Hash: "b", Baseline: []byte(`{"email":["b@x.co","b@x.co"]}`)},
			{Object: "contacts", SalesforceID: "003A", ZendeskID: 8, Hash: "a"},
			// Two records on one Zendesk id: the lowest Salesforce id wins.
			{Object: "contacts", SalesforceID: "003D", ZendeskID: 9, Hash: "d"},
			{Object: "contacts", SalesforceID: "003C", ZendeskID: 9, Hash: "c"},
			{Object: "accounts", SalesforceID: "001A", ZendeskID: 10, Hash: "x"},
		}))

		got, err := s.LinksByZendeskID(ctx, "contacts", []int64{7, 8, 9, 10, 404})
		require.NoError(t, err)
		require.Len(t, got, 3)
		assert.Equal(t, "003B", got[7].SalesforceID)
		assert.Equal(t, `{"email":["b@x.co","b@x.co"]}`, string(got[7].Baseline))
		assert.Equal(t, "003A", got[8].SalesforceID)
		assert.Equal(t, "003C", got[9].SalesforceID)
		assert.NotContains(t, got, int64(10), "links are per object")
		assert.NotContains(t, got, int64(404))

		none, err := s.LinksByZendeskID(ctx, "contacts", nil)
		require.NoError(t, err)
		assert.Empty(t, none)
	})
}

func TestLinksByZendeskIDBatchOf2000(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		links := make([]Link, 2000)
		ids := make([]int64, 0, 2010)
		for i := range links {
			links[i] = Link{Object: "contacts", SalesforceID: fmt.Sprintf("003%015d", i), ZendeskID: int64(1000 + i), Hash: fmt.Sprint(i)}
			ids = append(ids, links[i].ZendeskID)
		}
		for i := range 10 {
			ids = append(ids, int64(-i))
		}
		require.NoError(t, s.SaveLinks(ctx, links))

		got, err := s.LinksByZendeskID(ctx, "contacts", ids)
		require.NoError(t, err)
		require.Len(t, got, 2000)
		for _, l := range links {
			assert.Equal(t, l.SalesforceID, got[l.ZendeskID].SalesforceID)
		}
	})
}

func TestDeleteLinks(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		links := make([]Link, 1200)
		for i := range links {
			links[i] = Link{Object: "contacts", SalesforceID: fmt.Sprintf("003%06d", i), ZendeskID: int64(i), Hash: "h"}
		}
		links = append(links, Link{Object: "accounts", SalesforceID: "003000000", ZendeskID: 1, Hash: "h"})
		require.NoError(t, s.SaveLinks(ctx, links))

		// More ids than one statement takes, with repeats and unknown ids.
		var gone []string
		for i := 0; i < 1200; i += 2 {
			gone = append(gone, fmt.Sprintf("003%06d", i))
		}
		gone = append(gone, "003000000", "003missing")
		require.NoError(t, s.DeleteLinks(ctx, "contacts", gone))

		n, err := s.CountLinks(ctx, "contacts")
		require.NoError(t, err)
		assert.Equal(t, 600, n)
		got, err := s.Links(ctx, "contacts", []string{"003000000", "003000001", "003001198", "003001199"})
		require.NoError(t, err)
		assert.Equal(t, []string{"003000001", "003001199"}, sortedKeys(got))
		n, err = s.CountLinks(ctx, "accounts")
		require.NoError(t, err)
		assert.Equal(t, 1, n, "deleting is per object")

		require.NoError(t, s.DeleteLinks(ctx, "contacts", nil))
	})
}

func TestSaveLinksRejectsBadBaseline(t *testing.T) {
	cases := []struct {
		name     string
		baseline []byte
	}{
		{"truncated JSON", []byte(`{"name":["Acme"`)},
		{"not JSON", []byte(`Acme`)},
		{"invalid UTF-8 in a string", []byte("{\"name\":\"\xff\"}")},
	}
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		for _, c := range cases {
			err := s.SaveLinks(ctx, []Link{{Object: "accounts", SalesforceID: "001A"}, {Object: "accounts", SalesforceID: "001B", Baseline: c.baseline}})
			require.ErrorContains(t, err, "link 1: baseline", c.name)
		}
		n, err := s.CountLinks(ctx, "accounts")
		require.NoError(t, err)
		assert.Zero(t, n, "nothing is written when one baseline is bad")
	})
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestSaveLinksDuplicateKeyLastWins(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		require.NoError(t, s.SaveLinks(ctx, []Link{
			{Object: "accounts", SalesforceID: "001A", ZendeskID: 1, Hash: "old"},
			{Object: "accounts", SalesforceID: "001A", ZendeskID: 2, Hash: "new"},
		}))
		got, err := s.Links(ctx, "accounts", []string{"001A"})
		require.NoError(t, err)
		assert.Equal(t, "new", got["001A"].Hash)
	})
}

func TestSaveLinksRejectsIncompleteLink(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	ctx := context.Background()
	err := s.SaveLinks(ctx, []Link{{Object: "accounts", SalesforceID: "001A"}, {Object: "accounts"}})
	require.ErrorContains(t, err, "link 1")
	n, err := s.CountLinks(ctx, "accounts")
	require.NoError(t, err)
	assert.Zero(t, n, "nothing is written when one link is invalid")
}

func TestLinksBatchOf2000(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		links := make([]Link, 2000)
		ids := make([]string, 0, 2010)
		for i := range links {
			links[i] = Link{Object: "contacts", SalesforceID: fmt.Sprintf("003%015d", i), ZendeskID: int64(i + 1), Hash: fmt.Sprint(i)}
			ids = append(ids, links[i].SalesforceID)
		}
		for i := range 10 {
			ids = append(ids, fmt.Sprintf("003missing%08d", i))
		}
		require.NoError(t, s.SaveLinks(ctx, links))

		got, err := s.Links(ctx, "contacts", ids)
		require.NoError(t, err)
		require.Len(t, got, 2000)
		for _, l := range links {
			assert.Equal(t, l.ZendeskID, got[l.SalesforceID].ZendeskID)
		}
		n, err := s.CountLinks(ctx, "contacts")
		require.NoError(t, err)
		assert.Equal(t, 2000, n)
	})
}

// Writers overlap on purpose: the same rows are upserted by several
// transactions at once, which deadlocks or fails with SQLITE_BUSY when the
// store gets locking wrong.
func TestSaveLinksConcurrent(t *testing.T) {
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
				links := make([]Link, 0, span)
				// Reverse order for odd writers, so inputs arrive unsorted.
				for i := range span {
					n := w*stride + i
					if w%2 == 1 {
						n = w*stride + span - 1 - i
					}
					links = append(links, Link{Object: "accounts", SalesforceID: fmt.Sprintf("001%06d", n),
						ZendeskID: int64(n), Hash: fmt.Sprintf("w%d", w)})
				}
				errs[w] = s.SaveLinks(ctx, links)
			}()
		}
		wg.Wait()
		for w, err := range errs {
			require.NoError(t, err, "writer %d", w)
		}
		total := (writers-1)*stride + span
		n, err := s.CountLinks(ctx, "accounts")
		require.NoError(t, err)
		assert.Equal(t, total, n)

		ids := make([]string, total)
		for i := range ids {
			ids[i] = fmt.Sprintf("001%06d", i)
		}
		got, err := s.Links(ctx, "accounts", ids)
		require.NoError(t, err)
		for i, id := range ids {
			var writer int
			_, err := fmt.Sscanf(got[id].Hash, "w%d", &writer)
			require.NoError(t, err, id)
			assert.True(t, i >= writer*stride && i < writer*stride+span, "%s written by writer %d, which never saved it", id, writer)
		}
	})
}
