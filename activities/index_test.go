package activities

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
)

// salesforcePhase walks a pair's Salesforce phase page by page and returns
// the records its pages hold, in order, and the SOQL calls it made.
func (f *fixture) salesforcePhase(t *testing.T, pair string) ([]record.Record, int64) {
	t.Helper()
	calls := func() int64 { return f.sf.Stats().Snapshot().TotalRequests }
	before := calls()
	in := StepInput{Run: testRun, Pair: pair, Phase: PhaseSalesforce}
	var out []record.Record
	for {
		var r FetchResult
		f.exec(t, f.acts.Fetch, in, &r)
		if r.Page != "" {
			var p page
			require.NoError(t, f.acts.staged(context.Background(), in, stagedPage, r.Page, &p))
			assert.Len(t, p.Salesforce, r.Counts.Fetched, "the count is the page's")
			out = append(out, p.Salesforce...)
		}
		if r.Done {
			return out, calls() - before
		}
		in.Token = r.Next
	}
}

// The index reads whole rows and stages the Salesforce phase's pages: that
// phase then queries nothing and gets exactly what its own scan would have
// read, deleted rows left out.
func TestIndexReadsTheSalesforcePhaseAhead(t *testing.T) {
	opts := seed.Options{Seed: 11, Accounts: 10, Contacts: 700, Tickets: 1}
	ahead := newFixture(t, opts, zdsandbox.Config{})
	ahead.acts.Options.PageSize = 200
	ahead.indexAll(t)
	got, calls := ahead.salesforcePhase(t, "contacts")
	assert.Zero(t, calls, "the Salesforce phase reads the pages the index staged")

	own := newFixture(t, opts, zdsandbox.Config{})
	own.acts.Options.PageSize = 200
	want, calls := own.salesforcePhase(t, "contacts")
	require.Positive(t, calls, "without an index the phase scans Salesforce itself")

	require.Equal(t, len(want), len(got), "the phase gets the rows its own scan reads")
	deleted := 0
	for _, c := range ahead.data.Salesforce.Contacts {
		if c["IsDeleted"] == true {
			deleted++
		}
	}
	require.Positive(t, deleted, "the seed holds deleted contacts")
	for i := range want {
		assert.Equal(t, want[i].ID, got[i].ID)
		assert.False(t, got[i].Deleted, "deleted rows are not the phase's: contacts carry no deletions")
		assert.Equal(t, record.Canonical(want[i].Fields), record.Canonical(got[i].Fields), want[i].ID)
	}
}
