package workflows

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/reconcile"
	"github.com/crmsync/crmsync/record"
)

// The scripts below fill pages with these; a page's counts are what its
// steps report.
var (
	fetched   = activities.Counts{Fetched: 2}
	unchanged = activities.Counts{Unchanged: 1}
	updated   = activities.Counts{Zendesk: activities.Writes{Updated: 1}}
)

// uniform is n pages with records, each fetching 2, leaving 1 unchanged
// and updating 1 on Zendesk.
func uniform(n int) []page {
	out := make([]page, n)
	for i := range out {
		out[i] = page{records: true, fetch: fetched,
			resolve: activities.ResolveResult{Counts: unchanged},
			upsert:  activities.UpsertResult{Counts: updated}}
	}
	return out
}

func conflict(id string) activities.Conflict {
	return activities.Conflict{SalesforceID: id, ZendeskID: 42, Conflict: reconcile.Conflict{
		Field: "name", Salesforce: "Acme " + id, Zendesk: "ACME " + id,
		Policy: reconcile.NewestWins, Winner: record.Salesforce, Value: "Acme " + id,
	}}
}

func TestPairsRunInDeclarationOrder(t *testing.T) {
	all := pairs.Names()
	require.Less(t, slices.Index(all, accounts), slices.Index(all, contacts), "contacts need accounts")
	backwards := slices.Clone(all)
	slices.Reverse(backwards)
	cases := []struct {
		name    string
		in      SyncInput
		want    []string
		named   bool
		mode    string
		pageful bool
	}{
		{"no objects runs every pair, unnamed", SyncInput{}, all, false, activities.ModeIncremental, false},
		{"every pair named backwards", SyncInput{Objects: backwards}, all, true, activities.ModeIncremental, true},
		{"named out of order", SyncInput{Objects: []string{contacts, accounts}, Mode: "full"}, []string{accounts, contacts}, true, activities.ModeFull, true},
		{"named in order", SyncInput{Objects: []string{accounts, contacts}}, []string{accounts, contacts}, true, activities.ModeIncremental, false},
		{"one pair", SyncInput{Objects: []string{contacts}, Mode: "incremental"}, []string{contacts}, true, activities.ModeIncremental, true},
		{"named twice", SyncInput{Objects: []string{contacts, contacts}}, []string{contacts}, true, activities.ModeIncremental, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			if tc.pageful {
				f.pages["accounts/salesforce"] = uniform(2)
				f.pages["contacts/salesforce"] = uniform(1)
			}
			res, err := f.run(tc.in)
			require.NoError(t, err)

			assert.Equal(t, f.want(false, tc.want...), f.log(), "each pair begins, runs and saves before the next")
			var begun []string
			for _, b := range f.of("begin") {
				begun = append(begun, b.Pair)
				assert.Equal(t, tc.named, b.Named, "BeginPair(%s).Named", b.Pair)
				assert.Equal(t, tc.mode, b.Mode, "BeginPair(%s).Mode", b.Pair)
			}
			assert.Equal(t, tc.want, begun)
			var reported []string
			for _, o := range res.Objects {
				reported = append(reported, o.Object)
				assert.True(t, o.Done, "%s done", o.Object)
			}
			assert.Equal(t, tc.want, reported)
			assert.Equal(t, tc.mode, res.Mode)
			run := f.calls[0].Run
			assert.NotEmpty(t, run)
			for _, c := range f.calls {
				assert.Equal(t, run, c.Run, "every step of a sync stages under one run: %s", c)
			}
		})
	}
}

// Raw JSON is what the CLI and the Web UI send: a mistake in it fails
// the workflow at once, not its task again and again.
func TestBadInputFailsNamingIt(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want string
	}{
		{"unknown mode", SyncInput{Mode: "sideways"}, `"sideways"`},
		{"unknown object", SyncInput{Objects: []string{"tickets!"}}, `"tickets!"`},
		{"unknown object among known ones", SyncInput{Objects: []string{accounts, "cases"}}, `"cases"`},
		{"unknown field", json.RawMessage(`{"mode":"full","dryrun":true}`),
			`input: unknown field "dryrun"; accepted fields: mode, objects, dry_run`},
		{"wrong type", json.RawMessage(`{"objects":"contacts"}`),
			`input: field "objects": want a list of pair names like ["contacts"], got a string`},
		{"unknown mode in raw JSON", json.RawMessage(`{"mode":"ful"}`), `input: field "mode": "ful" is no mode`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			_, err := f.run(tc.in)
			require.Error(t, err)
			appErr := applicationError(err, ErrTypeBadInput)
			require.NotNil(t, appErr, "want a %s error, got %v", ErrTypeBadInput, err)
			assert.True(t, appErr.NonRetryable())
			assert.Contains(t, appErr.Error(), tc.want)
			assert.Empty(t, f.log(), "nothing runs")
		})
	}
}

func TestAnotherRunningSyncStopsTheFirstRun(t *testing.T) {
	f := newFake(t)
	f.alone = temporal.NewNonRetryableApplicationError(`another sync is running on task queue "q": workflow ui-1`,
		activities.ErrTypeAlreadyRunning, nil)
	_, err := f.run(SyncInput{Mode: "full"})
	require.Error(t, err)
	appErr := applicationError(err, activities.ErrTypeAlreadyRunning)
	require.NotNil(t, appErr, "want a %s error, got %v", activities.ErrTypeAlreadyRunning, err)
	assert.Contains(t, appErr.Error(), "workflow ui-1")
	assert.Equal(t, 1, f.checked)
	assert.Empty(t, f.log(), "nothing runs")
}

func TestSkippedPairRunsNothing(t *testing.T) {
	f := newFake(t)
	// A skipped pair may still name phases: they must not run.
	f.begin[accounts] = activities.BeginResult{Skip: true, Phases: []string{activities.PhaseSalesforce}}
	f.pages["accounts/salesforce"] = uniform(2)
	f.pages["contacts/salesforce"] = uniform(2)

	res, err := f.run(SyncInput{Objects: []string{accounts, contacts}})
	require.NoError(t, err)

	assert.Equal(t, []string{
		"begin accounts",
		"begin contacts",
		"fetch contacts/salesforce at start",
		"resolve contacts.salesforce#0",
		"upsert contacts.salesforce#0",
		"fetch contacts/salesforce at contacts.salesforce.1",
		"resolve contacts.salesforce#1",
		"upsert contacts.salesforce#1",
		"checkpoint contacts",
	}, f.log(), "no step and no checkpoint for the skipped pair")
	require.Len(t, res.Objects, 2)
	assert.True(t, res.Objects[0].Skipped, "accounts is marked skipped")
	assert.Equal(t, activities.Counts{}, res.Objects[0].Counts)
	assert.False(t, res.Objects[1].Skipped, "contacts ran")
	assert.Equal(t, 4, res.Objects[1].Counts.Fetched)
}

func TestPhasesAndPagesRunInOrder(t *testing.T) {
	f := newFake(t)
	f.oneAtATime()        // the order of each pair's own steps; lanes have their tests
	f.delay = time.Minute // so that "now" at the checkpoint is not the start
	since := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	// Phases run as BeginPair lists them, whatever the usual order.
	f.begin[accounts] = activities.BeginResult{Phases: []string{activities.PhaseRest, activities.PhaseSalesforce}}
	f.begin[contacts] = activities.BeginResult{Since: &since, Phases: []string{
		activities.PhaseIndex, activities.PhaseZendesk, activities.PhaseSalesforce, activities.PhaseRest}}
	f.pages["contacts/index"] = []page{{}, {}}
	f.pages["contacts/zendesk"] = []page{{records: true}, {}}
	f.pages["contacts/salesforce"] = []page{{records: true}, {}, {records: true}}
	start := f.env.Now()

	_, err := f.run(SyncInput{Objects: []string{accounts, contacts}})
	require.NoError(t, err)

	want := []string{
		"begin accounts",
		"fetch accounts/rest at start",
		"fetch accounts/salesforce at start",
		"checkpoint accounts",
		"begin contacts",
		"fetch contacts/index at start",
		"fetch contacts/index at contacts.index.1",
		"fetch contacts/zendesk at start",
		"resolve contacts.zendesk#0",
		"upsert contacts.zendesk#0",
		"fetch contacts/zendesk at contacts.zendesk.1",
		"fetch contacts/salesforce at start",
		"resolve contacts.salesforce#0",
		"upsert contacts.salesforce#0",
		"fetch contacts/salesforce at contacts.salesforce.1",
		"fetch contacts/salesforce at contacts.salesforce.2",
		"resolve contacts.salesforce#2",
		"upsert contacts.salesforce#2",
		"fetch contacts/rest at start",
		"checkpoint contacts",
	}
	require.Equal(t, want, f.log())
	require.Equal(t, want, f.want(false, accounts, contacts), "the fake's expectation agrees (the other tests use it)")

	for _, c := range f.steps() {
		if c.Pair != contacts {
			assert.Nil(t, c.Since, "%s", c)
			continue
		}
		require.NotNil(t, c.Since, "%s gets the scan's start", c)
		assert.True(t, c.Since.Equal(since), "%s: since %v", c, c.Since)
		assert.Empty(t, c.Jobs, "%s", c)
	}
	cps := f.of("checkpoint")
	require.Len(t, cps, 2)
	for _, cp := range cps {
		assert.True(t, cp.Checkpoint.At.Equal(start), "%s moves to the sync's start %v, not %v", cp, start, cp.Checkpoint.At)
		assert.True(t, cp.At.After(start))
	}
	assert.Equal(t, []activities.Position{
		{Phase: activities.PhaseRest, Token: "accounts.rest.1"},
		{Phase: activities.PhaseSalesforce, Token: "accounts.salesforce.1"},
	}, cps[0].Checkpoint.Positions)
	assert.Equal(t, []activities.Position{
		{Phase: activities.PhaseIndex, Token: "contacts.index.2"},
		{Phase: activities.PhaseZendesk, Token: "contacts.zendesk.2"},
		{Phase: activities.PhaseSalesforce, Token: "contacts.salesforce.3"},
		{Phase: activities.PhaseRest, Token: "contacts.rest.1"},
	}, cps[1].Checkpoint.Positions, "each phase's last token")
}

func TestCountsAddUpPerPair(t *testing.T) {
	f := newFake(t)
	r := func(id, reason string) activities.Rejection {
		return activities.Rejection{Pair: accounts, Side: record.Zendesk, SalesforceID: id, Reason: reason}
	}
	f.begin[accounts] = activities.BeginResult{Phases: []string{activities.PhaseSalesforce}, Filtered: 3, Total: 40}
	f.pages["accounts/salesforce"] = []page{
		{records: true, fetch: activities.Counts{Fetched: 10, Filtered: 1},
			resolve: activities.ResolveResult{Counts: activities.Counts{Unchanged: 4, Conflicts: 1, Rejected: 1},
				Conflicts: []activities.Conflict{conflict("001a")}, Rejected: []activities.Rejection{r("001b", "name missing")}},
			upsert: activities.UpsertResult{Counts: activities.Counts{Zendesk: activities.Writes{Created: 3, Updated: 2}, Rejected: 1},
				Rejected: []activities.Rejection{r("001c", "422 from Zendesk")}}},
		{fetch: activities.Counts{Fetched: 5, Unchanged: 5}},
		{records: true, fetch: activities.Counts{Fetched: 7},
			resolve: activities.ResolveResult{Counts: activities.Counts{Unlinked: 2}},
			upsert:  activities.UpsertResult{Counts: activities.Counts{Salesforce: activities.Writes{Created: 1, Updated: 6}}}},
	}
	f.begin[contacts] = activities.BeginResult{Phases: []string{activities.PhaseZendesk, activities.PhaseSalesforce}, Total: 2}
	f.pages["contacts/zendesk"] = []page{
		{records: true, fetch: activities.Counts{Fetched: 2},
			resolve: activities.ResolveResult{Counts: activities.Counts{Conflicts: 1}, Conflicts: []activities.Conflict{conflict("003a")}},
			upsert: activities.UpsertResult{Counts: activities.Counts{Salesforce: activities.Writes{Updated: 2}, Rejected: 1},
				Rejected: []activities.Rejection{{Pair: contacts, Side: record.Salesforce, ZendeskID: 7, Field: "Email", Reason: "duplicate"}}}},
	}

	res, err := f.run(SyncInput{Objects: []string{accounts, contacts}})
	require.NoError(t, err)

	require.Len(t, res.Objects, 2)
	assert.Equal(t, PairResult{Object: accounts, Total: 40, Done: true, Counts: activities.Counts{
		Fetched: 22, Filtered: 4, Unchanged: 9, Unlinked: 2, Conflicts: 1, Rejected: 2,
		Zendesk: activities.Writes{Created: 3, Updated: 2}, Salesforce: activities.Writes{Created: 1, Updated: 6},
	}}, untimed(res.Objects[0]))
	assert.Equal(t, PairResult{Object: contacts, Total: 2, Done: true, Counts: activities.Counts{
		Fetched: 2, Conflicts: 1, Rejected: 1, Salesforce: activities.Writes{Updated: 2},
	}}, untimed(res.Objects[1]))
	require.NotNil(t, res.Objects[0].StartedAt)
	require.NotNil(t, res.Objects[0].FinishedAt)
	assert.False(t, res.Objects[0].FinishedAt.Before(*res.Objects[0].StartedAt))
	assert.Equal(t, []activities.Rejection{
		r("001b", "name missing"), r("001c", "422 from Zendesk"),
		{Pair: contacts, Side: record.Salesforce, ZendeskID: 7, Field: "Email", Reason: "duplicate"},
	}, res.Rejected, "rejections from resolve and upsert, in order")
	assert.Equal(t, 3, res.RejectedTotal)
	assert.Equal(t, []activities.Conflict{conflict("001a"), conflict("003a")}, res.Conflicts)
	assert.Empty(t, res.Current)
	assert.Nil(t, res.Paused)
}

func TestListsAreCappedButCounted(t *testing.T) {
	// Every rejection and conflict gets the next number as its id, in the
	// order the steps run.
	n := 0
	next := func() string { n++; return strconv.Itoa(n - 1) }
	rejections := func(k int) []activities.Rejection {
		out := make([]activities.Rejection, k)
		for i := range out {
			out[i] = activities.Rejection{Pair: accounts, SalesforceID: next(), Reason: "name missing"}
		}
		return out
	}
	conflicts := func(k int) []activities.Conflict {
		out := make([]activities.Conflict, k)
		for i := range out {
			out[i] = conflict(next())
		}
		return out
	}
	cases := []struct {
		name           string
		pages          func() []page
		rejected       int
		conflicts      int
		listedRejected int
		listedConflict int
	}{
		{"rejections from resolve and upsert", func() []page {
			p := uniform(2)
			for i := range p {
				p[i].resolve.Rejected = rejections(150)
				p[i].upsert.Rejected = rejections(150)
			}
			return p
		}, 600, 0, MaxRejectedListed, 0},
		{"rejections under the cap", func() []page {
			p := uniform(2)
			p[1].upsert.Rejected = rejections(3)
			return p
		}, 3, 0, 3, 0},
		{"conflicts", func() []page {
			p := uniform(12)
			for i := range p {
				p[i].resolve.Conflicts = conflicts(activities.MaxConflictsListed)
				p[i].resolve.Counts.Conflicts = 30
			}
			return p
		}, 0, 12 * 30, 0, MaxConflictsListed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n = 0
			f := newFake(t)
			f.pages["accounts/salesforce"] = tc.pages()

			res, err := f.run(SyncInput{Objects: []string{accounts}})
			require.NoError(t, err)

			assert.Equal(t, tc.rejected, res.RejectedTotal)
			require.Len(t, res.Rejected, tc.listedRejected)
			require.Len(t, res.Conflicts, tc.listedConflict)
			assert.Equal(t, tc.conflicts, res.Objects[0].Counts.Conflicts, "counts have every conflict")
			for i, r := range res.Rejected {
				require.Equal(t, strconv.Itoa(i), r.SalesforceID, "the first rejections are listed, in order")
			}
			for i, c := range res.Conflicts {
				require.Equal(t, strconv.Itoa(i), c.SalesforceID, "the first conflicts are listed, in order")
			}
		})
	}
}

func TestDryRunPassesDryRunAndSavesNoCheckpoint(t *testing.T) {
	for _, dry := range []bool{true, false} {
		t.Run(fmt.Sprintf("dry run %v", dry), func(t *testing.T) {
			f := newFake(t)
			f.oneAtATime()
			f.begin[contacts] = activities.BeginResult{Phases: []string{activities.PhaseIndex, activities.PhaseSalesforce}}
			f.pages["accounts/salesforce"] = uniform(2)
			f.pages["contacts/index"] = []page{{}, {}}
			f.pages["contacts/salesforce"] = uniform(1)

			res, err := f.run(SyncInput{Objects: []string{accounts, contacts}, DryRun: dry})
			require.NoError(t, err)

			assert.Equal(t, f.want(dry, accounts, contacts), f.log())
			require.NotEmpty(t, f.steps())
			for _, c := range f.steps() {
				assert.Equal(t, dry, c.DryRun, "%s", c)
			}
			if dry {
				assert.Empty(t, f.of("checkpoint"), "a dry run moves no checkpoint")
			} else {
				assert.Len(t, f.of("checkpoint"), 2)
			}
			assert.Equal(t, dry, res.DryRun)
			assert.Equal(t, 4, res.Objects[0].Counts.Fetched, "a dry run counts as well")
			assert.Equal(t, 2, res.Objects[1].Counts.Fetched)
		})
	}
}

func TestPauseSleepsThenRunsTheStepAgain(t *testing.T) {
	submitted := []activities.Job{{Kind: "users", IDs: []string{"003a", "003b"}, JobID: "j1", Tries: 1}}
	cases := []struct {
		name  string
		pause func(p *page, pause *activities.Pause)
		again string
		jobs  []activities.Job
	}{
		{"fetch", func(p *page, pause *activities.Pause) {
			// What comes with the pause is not a page: nothing of it is used.
			p.pausedFetch = &activities.FetchResult{Pause: pause, Page: "bogus", Next: "bogus", Done: true,
				Counts: activities.Counts{Fetched: 99}}
		}, "fetch accounts/salesforce at accounts.salesforce.1", nil},
		{"upsert", func(p *page, pause *activities.Pause) {
			p.pausedUpsert = &activities.UpsertResult{Pause: pause, Jobs: submitted,
				Counts:   activities.Counts{Zendesk: activities.Writes{Created: 99}, Rejected: 1},
				Rejected: []activities.Rejection{{Pair: accounts, SalesforceID: "001x", Reason: "paused"}}}
		}, "upsert accounts.salesforce#1", submitted},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			f.sequential()
			start := f.env.Now()
			until := start.Add(30 * time.Minute)
			pause := &activities.Pause{Service: "zendesk", Until: until, Reason: "rate limit reached (Retry-After 30m0s)"}
			f.pages["accounts/salesforce"] = uniform(3)
			tc.pause(&f.pages["accounts/salesforce"][1], pause)
			during := progressAt(t, f.env, 10*time.Minute)

			res, err := f.run(SyncInput{Objects: []string{accounts}})
			require.NoError(t, err)

			assert.Equal(t, f.want(false, accounts), f.log(), "the paused step runs again, then the sync goes on")
			var attempts []call
			for _, c := range f.calls {
				if c.String() == tc.again {
					attempts = append(attempts, c)
				}
			}
			require.Len(t, attempts, 2)
			assert.True(t, attempts[0].At.Before(until))
			assert.False(t, attempts[1].At.Before(until), "slept until %v, ran again at %v", until, attempts[1].At)
			assert.Empty(t, attempts[0].Jobs)
			assert.Equal(t, tc.jobs, attempts[1].Jobs, "the rerun gets the jobs the paused attempt submitted")
			for _, c := range f.steps() {
				if c.String() != tc.again {
					assert.Empty(t, c.Jobs, "%s: jobs are dropped once the step is done", c)
				}
			}

			require.NotNil(t, during.Paused, "the progress query shows the pause")
			assert.Equal(t, pause.Service, during.Paused.Service)
			assert.Equal(t, pause.Reason, during.Paused.Reason)
			assert.True(t, during.Paused.Until.Equal(until))
			assert.Equal(t, "accounts:salesforce", during.Current)

			assert.Nil(t, res.Paused)
			assert.Equal(t, activities.Counts{Fetched: 6, Unchanged: 3, Zendesk: activities.Writes{Updated: 3}},
				res.Objects[0].Counts, "a paused attempt counts nothing")
			assert.Zero(t, res.RejectedTotal)
			assert.Empty(t, res.Rejected)
		})
	}
}

func TestProgressQueryWhileRunning(t *testing.T) {
	f := newFake(t)
	f.sequential()
	f.delay = time.Minute
	f.begin[accounts] = activities.BeginResult{Phases: []string{activities.PhaseSalesforce}, Filtered: 1, Total: 20}
	f.pages["accounts/salesforce"] = uniform(2)
	// begin ends at 1m, page 0 at 4m, page 1 at 7m, the checkpoint at 8m.
	beginning := progressAt(t, f.env, 30*time.Second)
	mid := progressAt(t, f.env, 4*time.Minute+30*time.Second)
	next := progressAt(t, f.env, 8*time.Minute+30*time.Second)

	res, err := f.run(SyncInput{Objects: []string{accounts, contacts}})
	require.NoError(t, err)

	assert.Equal(t, accounts, beginning.Current)
	require.Len(t, beginning.Objects, 2)
	assert.False(t, beginning.Objects[0].Done)

	assert.Equal(t, "accounts:salesforce", mid.Current)
	require.Len(t, mid.Objects, 2)
	assert.Equal(t, PairResult{Object: accounts, Total: 20, Counts: activities.Counts{Filtered: 1, Fetched: 2, Unchanged: 1,
		Zendesk: activities.Writes{Updated: 1}}}, untimed(mid.Objects[0]), "one page done")
	assert.NotNil(t, mid.Objects[0].StartedAt, "the running pair says when it began")
	assert.Equal(t, PairResult{Object: contacts}, mid.Objects[1])

	assert.Equal(t, contacts, next.Current)
	require.Len(t, next.Objects, 2)
	assert.True(t, next.Objects[0].Done)
	assert.Equal(t, 4, next.Objects[0].Counts.Fetched)

	assert.Empty(t, res.Current)
}

func TestContinueAsNewCarriesTheSyncOn(t *testing.T) {
	submitted := []activities.Job{{Kind: "organizations", IDs: []string{"001a"}, JobID: "j9", Tries: 2}}
	cases := []struct {
		name    string
		script  func(f *fake, start time.Time)
		suggest bool
		// steps is how many steps the first run makes.
		steps int
		check func(t *testing.T, c *Continuation, next *fake)
	}{
		{"after stepsPerRun steps", func(f *fake, _ time.Time) {
			f.pages["accounts/salesforce"] = uniform(stepsPerRun/3 + 10)
		}, false, stepsPerRun, nil},
		{"when the server suggests it", func(f *fake, _ time.Time) {
			f.pages["accounts/salesforce"] = uniform(3)
		}, true, 0, func(t *testing.T, c *Continuation, _ *fake) {
			assert.True(t, c.Began, "the pair's begin is not run again")
			assert.Equal(t, stepFetch, c.Step)
		}},
		{"with an upsert paused at the run's last step", func(f *fake, start time.Time) {
			pause := &activities.Pause{Service: "zendesk", Until: start.Add(5 * time.Minute)}
			p := uniform(stepsPerRun/3 + 10)
			// Paused fetches shift the steps so that the paused upsert of
			// page k is step stepsPerRun: 3k + shift + 3 == stepsPerRun.
			shift := (stepsPerRun - 3) % 3
			for i := range shift {
				p[i].pausedFetch = &activities.FetchResult{Pause: pause}
			}
			k := (stepsPerRun - 3 - shift) / 3
			p[k].pausedUpsert = &activities.UpsertResult{Pause: pause, Jobs: submitted}
			f.pages["accounts/salesforce"] = p
		}, false, stepsPerRun, func(t *testing.T, c *Continuation, next *fake) {
			assert.Equal(t, submitted, c.Jobs)
			assert.Equal(t, stepUpsert, c.Step)
			assert.Nil(t, c.Pause, "the pause is over")
			first := next.steps()[0]
			assert.Equal(t, "upsert", first.Activity)
			assert.Equal(t, submitted, first.Jobs, "the next run polls the jobs, it does not submit them again")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			since := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
			f := newFake(t)
			f.sequential()
			start := f.env.Now()
			f.begin[accounts] = activities.BeginResult{Phases: []string{activities.PhaseSalesforce}, Since: &since, Filtered: 1, Total: 9}
			tc.script(f, start)
			// Lists made before the roll-over must survive it.
			f.pages["accounts/salesforce"][0].resolve.Rejected = []activities.Rejection{{Pair: accounts, SalesforceID: "001r", Reason: "name missing"}}
			f.pages["accounts/salesforce"][0].resolve.Conflicts = []activities.Conflict{conflict("001c")}
			if tc.suggest {
				f.env.SetContinueAsNewSuggested(true)
			}
			in := SyncInput{Mode: activities.ModeFull, Objects: []string{contacts, accounts}}

			_, err := f.run(in)

			var can *workflow.ContinueAsNewError
			require.True(t, errors.As(err, &can), "want continue-as-new, got %v", err)
			var next SyncInput
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))
			c := next.Continuation
			require.NotNil(t, c)
			assert.Equal(t, activities.ModeFull, next.Mode)
			assert.False(t, next.DryRun)
			assert.Len(t, f.steps(), tc.steps)
			assert.Empty(t, f.of("checkpoint"))
			assert.Equal(t, 1, c.Runs)
			assert.True(t, c.StartedAt.Equal(start))
			require.NotNil(t, c.Since)
			assert.True(t, c.Since.Equal(since))

			// The next run starts a day later, elsewhere, with the input
			// the roll-over carries.
			g := f.resume()
			g.env.SetStartTime(start.Add(24 * time.Hour))
			res, err := g.run(next)
			require.NoError(t, err)
			if tc.check != nil {
				tc.check(t, c, g)
			}

			assert.Equal(t, f.want(false, accounts, contacts), append(f.log(), g.log()...),
				"the next run goes on where the first stopped: nothing again, nothing skipped")
			assert.NotContains(t, g.log(), "begin accounts")
			for _, x := range g.calls {
				assert.Equal(t, f.calls[0].Run, x.Run, "%s stages under the sync's run", x)
			}
			for _, cp := range g.of("checkpoint") {
				assert.True(t, cp.Checkpoint.At.Equal(start), "%s at the sync's start %v, not %v", cp, start, cp.Checkpoint.At)
			}
			pages := len(f.pages["accounts/salesforce"])
			assert.Equal(t, []activities.Position{{Phase: activities.PhaseSalesforce, Token: token(accounts, activities.PhaseSalesforce, pages)}},
				g.of("checkpoint")[0].Checkpoint.Positions)
			require.Len(t, res.Objects, 2)
			assert.Equal(t, PairResult{Object: accounts, Total: 9, Done: true, Counts: activities.Counts{
				Filtered: 1, Fetched: 2 * pages, Unchanged: pages, Zendesk: activities.Writes{Updated: pages},
			}}, untimed(res.Objects[0]), "counts of both runs")
			assert.Equal(t, 1, res.ContinuedAsNew)
			assert.Equal(t, 1, res.RejectedTotal)
			assert.Equal(t, []activities.Rejection{{Pair: accounts, SalesforceID: "001r", Reason: "name missing"}}, res.Rejected)
			assert.Equal(t, []activities.Conflict{conflict("001c")}, res.Conflicts)
			assert.True(t, res.StartedAt.Equal(start))
		})
	}
}

// A sync that named no pair runs the enabled ones; after a roll-over it
// still must not name the pairs it has not begun yet.
func TestContinuedDefaultSyncLeavesPairsUnnamed(t *testing.T) {
	f := newFake(t)
	f.sequential()
	f.pages["accounts/salesforce"] = uniform(stepsPerRun/3 + 1)
	_, err := f.run(SyncInput{})
	var can *workflow.ContinueAsNewError
	require.True(t, errors.As(err, &can), "want continue-as-new, got %v", err)
	var next SyncInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))

	g := f.resume()
	_, err = g.run(next)
	require.NoError(t, err)
	assert.Equal(t, 1, f.checked, "the first run checks that no other sync runs")
	assert.Zero(t, g.checked, "a run it continues as is the same sync")
	begins := g.of("begin")
	require.NotEmpty(t, begins)
	assert.Equal(t, contacts, begins[0].Pair)
	for _, b := range begins {
		assert.False(t, b.Named, "%s was not named", b.Pair)
	}
}

func TestTransientErrorsAreRetried(t *testing.T) {
	transient := errors.New("zendesk: POST /api/v2/users/create_or_update_many: 503 Service Unavailable")
	later := func(typ string, d time.Duration) error {
		return temporal.NewApplicationErrorWithOptions("held back", typ, temporal.ApplicationErrorOptions{NextRetryDelay: d})
	}
	cases := []struct {
		name     string
		activity string
		err      error
		// wait is the least time between the first and the third attempt:
		// the policy's backoff (1s, then 2s) or the delay the error asks.
		wait time.Duration
	}{
		{"begin, 503", "begin", transient, 3 * time.Second},
		{"fetch, 503", "fetch", transient, 3 * time.Second},
		{"resolve, 503", "resolve", transient, 3 * time.Second},
		{"upsert, 503", "upsert", transient, 3 * time.Second},
		{"checkpoint, 503", "checkpoint", transient, 3 * time.Second},
		{"fetch, rate limited", "fetch", later(activities.ErrTypeRateLimited, 10*time.Minute), 20 * time.Minute},
		{"upsert, daily limit", "upsert", later(activities.ErrTypeDailyLimit, 15*time.Minute), 30 * time.Minute},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			f.pages["contacts/salesforce"] = uniform(1)
			f.fail = func(c call, n int) error {
				if c.Activity == tc.activity && c.Pair == contacts && n <= 2 {
					return tc.err
				}
				return nil
			}

			res, err := f.run(SyncInput{Objects: []string{accounts, contacts}})
			require.NoError(t, err, "retrying succeeds")

			var want []string
			for _, line := range f.want(false, accounts, contacts) {
				want = append(want, line)
				if strings.HasPrefix(line, tc.activity+" "+contacts) {
					want = append(want, line, line)
				}
			}
			assert.Equal(t, want, f.log(), "the failed call is made again, with the same input")
			attempts := f.of(tc.activity)
			last := attempts[len(attempts)-1]
			first := attempts[len(attempts)-3]
			assert.GreaterOrEqual(t, last.At.Sub(first.At), tc.wait)
			assert.Equal(t, 2, res.Objects[1].Counts.Fetched, "failed attempts count nothing")
		})
	}
}

func TestUnauthorizedFailsNamingTheStep(t *testing.T) {
	unauthorized := temporal.NewNonRetryableApplicationError("Zendesk refused the credentials", activities.ErrTypeUnauthorized, nil)
	cases := []struct {
		name     string
		activity string
		err      error
		typ      string
		want     string
	}{
		{"begin", "begin", unauthorized, activities.ErrTypeUnauthorized, "begin contacts"},
		{"fetch", "fetch", unauthorized, activities.ErrTypeUnauthorized, "fetch contacts salesforce page"},
		{"resolve", "resolve", unauthorized, activities.ErrTypeUnauthorized, "resolve contacts salesforce page"},
		{"upsert", "upsert", unauthorized, activities.ErrTypeUnauthorized, "upsert contacts salesforce page"},
		{"checkpoint", "checkpoint", unauthorized, activities.ErrTypeUnauthorized, "save contacts checkpoint"},
		// Not marked non-retryable: the retry policy's list stops them.
		{"fetch, Unauthorized by policy", "fetch", temporal.NewApplicationError("401", activities.ErrTypeUnauthorized), activities.ErrTypeUnauthorized, "fetch contacts salesforce page"},
		{"upsert, Forbidden by policy", "upsert", temporal.NewApplicationError("403", activities.ErrTypeForbidden), activities.ErrTypeForbidden, "upsert contacts salesforce page"},
		{"resolve, InvalidConfig by policy", "resolve", temporal.NewApplicationError("bad mapping", activities.ErrTypeConfig), activities.ErrTypeConfig, "resolve contacts salesforce page"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			f.sequential()
			f.pages["accounts/salesforce"] = uniform(1)
			f.pages["contacts/salesforce"] = uniform(2)
			f.fail = func(c call, n int) error {
				if c.Activity == tc.activity && c.Pair == contacts {
					return tc.err
				}
				return nil
			}

			_, err := f.run(SyncInput{Objects: []string{accounts, contacts}})

			require.Error(t, err)
			var can *workflow.ContinueAsNewError
			require.False(t, errors.As(err, &can))
			assert.NotNil(t, applicationError(err, tc.typ), "the cause is kept: %v", err)
			assert.Contains(t, err.Error(), tc.want)
			want := f.want(false, accounts, contacts)
			for i, line := range want {
				if strings.HasPrefix(line, tc.activity+" "+contacts) {
					want = want[:i+1]
					break
				}
			}
			assert.Equal(t, want, f.log(), "one attempt, then nothing: no retry, no checkpoint for contacts")
			assert.Equal(t, "checkpoint accounts", f.of("checkpoint")[0].String(), "the pair done before keeps its checkpoint")
		})
	}
}

// untimed drops what depends on the clock from a pair's result.
func untimed(p PairResult) PairResult {
	p.StartedAt, p.FinishedAt, p.Rate, p.ETASeconds = nil, nil, 0, 0
	return p
}

// A page its fetch resolved goes straight to its upsert, its resolve's
// counts, rejections and conflicts taken in as a resolve step's are.
func TestPageResolvedByItsFetchGoesStraightToUpsert(t *testing.T) {
	f := newFake(t)
	rr := activities.ResolveResult{
		Counts:    activities.Counts{Conflicts: 1, Rejected: 1},
		Rejected:  []activities.Rejection{{Pair: contacts, SalesforceID: "003A", Reason: "bad email"}},
		Conflicts: []activities.Conflict{{SalesforceID: "003B", ZendeskID: 7}},
	}
	f.pages["contacts/salesforce"] = []page{
		{records: true, ahead: true, fetch: activities.Counts{Fetched: 3}, resolve: rr},
		{records: true, fetch: activities.Counts{Fetched: 2}},
	}

	res, err := f.run(SyncInput{Objects: []string{contacts}})
	require.NoError(t, err)

	assert.Equal(t, []string{
		"begin contacts",
		"fetch contacts/salesforce at start",
		"upsert contacts.salesforce#0",
		"fetch contacts/salesforce at contacts.salesforce.1",
		"resolve contacts.salesforce#1",
		"upsert contacts.salesforce#1",
		"checkpoint contacts",
	}, f.log())
	require.Len(t, res.Objects, 1)
	assert.Equal(t, 5, res.Objects[0].Counts.Fetched)
	assert.Equal(t, 1, res.Objects[0].Counts.Conflicts)
	assert.Equal(t, 1, res.RejectedTotal)
	assert.Equal(t, rr.Rejected, res.Rejected)
	assert.Equal(t, rr.Conflicts, res.Conflicts)
}
