package activities

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
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
	// One clock for both datasets: the seed dates records back from it.
	opts := seed.Options{Seed: 11, Accounts: 10, Contacts: 700, Tickets: 1, Now: time.Now()}
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

// A fetch asked to resolve a page read ahead resolves it in the same step
// and stages its plan; one not asked leaves the resolve to its own step.
func TestFetchResolvesAPageReadAheadWhenAsked(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 12, Accounts: 10, Contacts: 300, Tickets: 1}, zdsandbox.Config{})
	f.indexAll(t)
	in := StepInput{Run: testRun, Pair: "contacts", Phase: PhaseSalesforce}

	var plain FetchResult
	f.exec(t, f.acts.Fetch, in, &plain)
	require.NotEmpty(t, plain.Page)
	assert.Nil(t, plain.Resolved, "not asked: the resolve step does it")
	var pl plan
	assert.Error(t, f.acts.staged(context.Background(), in, stagedPlan, plain.Page, &pl), "and nothing is planned yet")

	in.Resolve = true
	var r FetchResult
	f.exec(t, f.acts.Fetch, in, &r)
	require.NotNil(t, r.Resolved)
	assert.Equal(t, plain.Page, r.Page)
	assert.Equal(t, plain.Counts.Fetched, r.Counts.Fetched)
	require.NoError(t, f.acts.staged(context.Background(), in, stagedPlan, r.Page, &pl))
	assert.Equal(t, r.Counts.Fetched-r.Resolved.Counts.Rejected, len(pl.Items), "every record not rejected is planned")

	var want ResolveResult
	in.Page = r.Page
	f.exec(t, f.acts.Resolve, in, &want)
	assert.Equal(t, want.Counts, r.Resolved.Counts, "the same resolve as the step's own")
}

// An index step reads two Salesforce pages; when the second fails, the
// step keeps the first and the next step meets the error again.
func TestIndexStepReadsPagesAndKeepsWhatItRead(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 14, Accounts: 10, Contacts: 450, Tickets: 1}, zdsandbox.Config{})
	f.acts.Options.PageSize = 100
	var queries atomic.Int64
	var failQuery atomic.Int64 // the query to answer 503, counted from 1; 0: none
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/queryAll") && queries.Add(1) == failQuery.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`[{"message":"down for a moment","errorCode":"SERVER_UNAVAILABLE"}]`))
			return
		}
		f.sf.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	sc, err := salesforce.NewClient(salesforce.Config{LoginURL: proxy.URL, ClientID: "sandbox-client", ClientSecret: "sandbox-secret"})
	require.NoError(t, err)
	f.acts.Salesforce = sc
	in := StepInput{Run: testRun, Pair: "contacts", Phase: PhaseIndex}

	failQuery.Store(2)
	var first FetchResult
	f.exec(t, f.acts.Fetch, in, &first)
	require.NotEmpty(t, first.Next, "the first page is kept")
	assert.False(t, first.Done)
	assert.Nil(t, first.Pause)
	head, ok, err := f.acts.readAhead(context.Background(), StepInput{Run: testRun, Pair: "contacts", Phase: PhaseSalesforce})
	require.NoError(t, err)
	require.True(t, ok, "the first page is staged for the Salesforce phase")
	assert.Equal(t, first.Next, head.Next)

	failQuery.Store(0)
	steps := 1
	for r := first; !r.Done; steps++ {
		in.Token = r.Next
		r = FetchResult{}
		f.exec(t, f.acts.Fetch, in, &r)
	}
	rows := len(f.data.Salesforce.Contacts)
	per := indexPagesPerStep * 100
	assert.Equal(t, 1+(rows-100+per-1)/per, steps, "then indexPagesPerStep pages a step, the failed one read again")
	got, calls := f.salesforcePhase(t, "contacts")
	assert.Zero(t, calls)
	live := 0
	for _, c := range f.data.Salesforce.Contacts {
		if c["IsDeleted"] != true {
			live++
		}
	}
	assert.Len(t, got, live, "every live contact is staged once")
}
