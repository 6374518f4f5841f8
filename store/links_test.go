package store

import (
	"context"
	"fmt"
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
			{Object: "Account", SalesforceID: "001A", ZendeskID: 10, Hash: "a1", UpdatedAt: at},
			{Object: "Account", SalesforceID: "001B", ZendeskID: 11, Hash: "b1"},
			{Object: "Contact", SalesforceID: "001A", ZendeskID: 99, Hash: "c1"},
		}))

		got, err := s.Links(ctx, "Account", []string{"001A", "001B", "001Z"})
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, Link{Object: "Account", SalesforceID: "001A", ZendeskID: 10, Hash: "a1",
			UpdatedAt: at.UTC().Truncate(time.Microsecond)}, got["001A"])
		assert.Equal(t, int64(11), got["001B"].ZendeskID)
		assert.WithinDuration(t, time.Now(), got["001B"].UpdatedAt, time.Minute, "zero UpdatedAt is set to now")
		assert.NotContains(t, got, "001Z")

		require.NoError(t, s.SaveLinks(ctx, []Link{{Object: "Account", SalesforceID: "001A", ZendeskID: 12, Hash: "a2"}}))
		got, err = s.Links(ctx, "Account", []string{"001A"})
		require.NoError(t, err)
		assert.Equal(t, int64(12), got["001A"].ZendeskID)
		assert.Equal(t, "a2", got["001A"].Hash)

		l, ok, err := s.LinkByZendeskID(ctx, "Contact", 99)
		require.NoError(t, err)
		require.True(t, ok)
		assert.Equal(t, "001A", l.SalesforceID)
		_, ok, err = s.LinkByZendeskID(ctx, "Account", 99)
		require.NoError(t, err)
		assert.False(t, ok, "links are per object")

		for object, want := range map[string]int{"Account": 2, "Contact": 1, "Case": 0} {
			n, err := s.CountLinks(ctx, object)
			require.NoError(t, err)
			assert.Equal(t, want, n, object)
		}
	})
}

func TestSaveLinksDuplicateKeyLastWins(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		require.NoError(t, s.SaveLinks(ctx, []Link{
			{Object: "Account", SalesforceID: "001A", ZendeskID: 1, Hash: "old"},
			{Object: "Account", SalesforceID: "001A", ZendeskID: 2, Hash: "new"},
		}))
		got, err := s.Links(ctx, "Account", []string{"001A"})
		require.NoError(t, err)
		assert.Equal(t, "new", got["001A"].Hash)
	})
}

func TestSaveLinksRejectsIncompleteLink(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	ctx := context.Background()
	err := s.SaveLinks(ctx, []Link{{Object: "Account", SalesforceID: "001A"}, {Object: "Account"}})
	require.ErrorContains(t, err, "link 1")
	n, err := s.CountLinks(ctx, "Account")
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
			links[i] = Link{Object: "Contact", SalesforceID: fmt.Sprintf("003%015d", i), ZendeskID: int64(i + 1), Hash: fmt.Sprint(i)}
			ids = append(ids, links[i].SalesforceID)
		}
		for i := range 10 {
			ids = append(ids, fmt.Sprintf("003missing%08d", i))
		}
		require.NoError(t, s.SaveLinks(ctx, links))

		got, err := s.Links(ctx, "Contact", ids)
		require.NoError(t, err)
		require.Len(t, got, 2000)
		for _, l := range links {
			assert.Equal(t, l.ZendeskID, got[l.SalesforceID].ZendeskID)
		}
		n, err := s.CountLinks(ctx, "Contact")
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
					links = append(links, Link{Object: "Account", SalesforceID: fmt.Sprintf("001%06d", n),
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
		n, err := s.CountLinks(ctx, "Account")
		require.NoError(t, err)
		assert.Equal(t, total, n)

		ids := make([]string, total)
		for i := range ids {
			ids[i] = fmt.Sprintf("001%06d", i)
		}
		got, err := s.Links(ctx, "Account", ids)
		require.NoError(t, err)
		for i, id := range ids {
			var writer int
			_, err := fmt.Sscanf(got[id].Hash, "w%d", &writer)
			require.NoError(t, err, id)
			assert.True(t, i >= writer*stride && i < writer*stride+span, "%s written by writer %d, which never saved it", id, writer)
		}
	})
}
