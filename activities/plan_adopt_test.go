package activities

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/zendesk"
)

// fakeListing holds records "r0", "r1", … two to a page, and counts the
// calls made to it.
type fakeListing struct {
	records         []string
	pages, searches int
}

func (f *fakeListing) page(_ context.Context, after string) ([]string, *zendesk.CursorPage, error) {
	f.pages++
	from, _ := strconv.Atoi(after)
	to := min(from+2, len(f.records))
	return f.records[from:to], &zendesk.CursorPage{HasMore: to < len(f.records), AfterCursor: strconv.Itoa(to)}, nil
}

func (f *fakeListing) search(_ context.Context, key string) ([]string, error) {
	f.searches++
	for _, r := range f.records {
		if r == key {
			return []string{r}, nil
		}
	}
	return nil, nil
}

func (*fakeListing) key(r string) string   { return r }
func (*fakeListing) index(k string) string { return k }

func records(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "r" + strconv.Itoa(i)
	}
	return out
}

// A dry run's look-ups cost at most two calls per unknown key, continue
// one listing across the run's pages, and cost nothing once it is
// complete.
func TestLookUpContinuesOneListingPerRun(t *testing.T) {
	cases := []struct {
		name            string
		records         int
		calls           [][]string // keys of each page of the run, in turn
		found           []string   // of the last call
		pages, searches int
	}{
		{"found on the first page", 20, [][]string{{"r0", "r1"}}, []string{"r0", "r1"}, 1, 0},
		{"listing completes: no search", 5, [][]string{{"x", "y", "z"}}, nil, 3, 0},
		{"beyond the pages listed: searched", 20, [][]string{{"r15", "x"}}, []string{"r15"}, 2, 2},
		{"the next page continues the listing", 20, [][]string{{"x"}, {"r3"}}, []string{"r3"}, 2, 1},
		{"known keys cost nothing", 20, [][]string{{"r0"}, {"r1"}}, []string{"r1"}, 1, 0},
		{"after completion nothing is called", 4, [][]string{{"x", "y"}, {"z", "w", "v"}}, nil, 2, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &Activities{}
			var cache perRun[runListing[string]]
			l := &fakeListing{records: records(tc.records)}
			var got map[string]string
			for _, keys := range tc.calls {
				var err error
				got, err = lookUp(context.Background(), a, &cache, "run-1", keys, l, false)
				require.NoError(t, err)
			}
			var found []string
			for _, k := range tc.calls[len(tc.calls)-1] {
				if _, ok := got[k]; ok {
					found = append(found, k)
				}
			}
			assert.Equal(t, tc.found, found)
			assert.Equal(t, tc.pages, l.pages, "list calls")
			assert.Equal(t, tc.searches, l.searches, "search calls")
		})
	}
}
