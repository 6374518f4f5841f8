package workflows

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
)

// The next Salesforce page is fetched while one is upserted: both start at
// the same moment, every page is still resolved and written once, in order.
func TestNextPageIsFetchedWhileOneIsUpserted(t *testing.T) {
	f := newFake(t)
	f.delay = time.Minute
	f.pages["accounts/salesforce"] = uniform(3)

	res, err := f.run(SyncInput{Objects: []string{accounts}})
	require.NoError(t, err)

	assert.Equal(t, f.want(false, accounts), f.log())
	for i := 1; i < 3; i++ {
		fetch := f.find(t, "fetch accounts/salesforce at "+token(accounts, activities.PhaseSalesforce, i))
		upsert := f.find(t, "upsert "+pageName(accounts, activities.PhaseSalesforce, i-1))
		assert.True(t, fetch.At.Equal(upsert.At), "page %d is fetched at %v, as page %d's upsert starts at %v", i, fetch.At, i-1, upsert.At)
	}
	assert.Equal(t, activities.Counts{Fetched: 6, Unchanged: 3, Zendesk: activities.Writes{Updated: 3}}, res.Objects[0].Counts)
}

// find is the first logged call that reads as name.
func (f *fake) find(t *testing.T, name string) call {
	t.Helper()
	for _, c := range f.calls {
		if c.String() == name {
			return c
		}
	}
	require.Failf(t, "no such call", "%s in %v", name, f.log())
	return call{}
}

// An upsert that pauses keeps the page fetched beside it: after the pause
// the upsert runs again and that page is not fetched a second time.
func TestPausedUpsertKeepsThePageFetchedAhead(t *testing.T) {
	f := newFake(t)
	start := f.env.Now()
	pause := &activities.Pause{Service: "zendesk", Until: start.Add(30 * time.Minute)}
	f.pages["accounts/salesforce"] = uniform(3)
	f.pages["accounts/salesforce"][0].pausedUpsert = &activities.UpsertResult{Pause: pause}

	res, err := f.run(SyncInput{Objects: []string{accounts}})
	require.NoError(t, err)

	assert.Equal(t, []string{
		"begin accounts",
		"fetch accounts/salesforce at start",
		"resolve accounts.salesforce#0",
		"upsert accounts.salesforce#0",
		"fetch accounts/salesforce at accounts.salesforce.1",
		"upsert accounts.salesforce#0",
		"resolve accounts.salesforce#1",
		"upsert accounts.salesforce#1",
		"fetch accounts/salesforce at accounts.salesforce.2",
		"resolve accounts.salesforce#2",
		"upsert accounts.salesforce#2",
		"checkpoint accounts",
	}, f.log(), "upsert #0 twice, every fetch once")
	assert.Equal(t, activities.Counts{Fetched: 6, Unchanged: 3, Zendesk: activities.Writes{Updated: 3}}, res.Objects[0].Counts)
}

// A fetch ahead that a rate limit pauses is not slept on: the fetch runs
// again in its turn, after the upsert beside it.
func TestPausedFetchAheadRunsAgainInItsTurn(t *testing.T) {
	f := newFake(t)
	f.delay = time.Minute
	start := f.env.Now()
	pause := &activities.Pause{Service: "salesforce", Until: start.Add(30 * time.Minute)}
	f.pages["accounts/salesforce"] = uniform(2)
	f.pages["accounts/salesforce"][1].pausedFetch = &activities.FetchResult{Pause: pause, Next: "bogus", Counts: activities.Counts{Fetched: 99}}

	res, err := f.run(SyncInput{Objects: []string{accounts}})
	require.NoError(t, err)

	assert.Equal(t, f.want(false, accounts), f.log())
	var again []call
	for _, c := range f.calls {
		if c.String() == "fetch accounts/salesforce at "+token(accounts, activities.PhaseSalesforce, 1) {
			again = append(again, c)
		}
	}
	require.Len(t, again, 2)
	upsert := f.find(t, "upsert "+pageName(accounts, activities.PhaseSalesforce, 0))
	assert.True(t, again[1].At.After(upsert.At), "the fetch runs again after the upsert")
	assert.True(t, again[1].At.Before(pause.Until), "without sleeping out the pause the fetch ahead met")
	assert.Equal(t, activities.Counts{Fetched: 4, Unchanged: 2, Zendesk: activities.Writes{Updated: 2}}, res.Objects[0].Counts,
		"the paused fetch ahead counts nothing")
}

// A run that continues as new while its upsert is paused carries the page
// fetched ahead on: the next run upserts again, then resolves that page
// without fetching it again.
func TestContinueAsNewCarriesThePageFetchedAhead(t *testing.T) {
	f := newFake(t)
	start := f.env.Now()
	pause := &activities.Pause{Service: "zendesk", Until: start.Add(5 * time.Minute)}
	// Page 0 takes fetch, resolve and upsert; page k after it resolve and
	// upsert, its fetch riding along with page k-1's upsert. With page 0's
	// fetch paused once, page k's upsert is step 2k+4: k = 198 is the
	// run's last step.
	k := (stepsPerRun - 4) / 2
	require.Equal(t, stepsPerRun, 2*k+4)
	p := uniform(k + 5)
	p[0].pausedFetch = &activities.FetchResult{Pause: pause}
	p[k].pausedUpsert = &activities.UpsertResult{Pause: pause}
	f.pages["accounts/salesforce"] = p

	_, err := f.run(SyncInput{Objects: []string{accounts}})
	var can *workflow.ContinueAsNewError
	require.True(t, errors.As(err, &can), "want continue-as-new, got %v", err)
	var next SyncInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))
	c := next.Continuation
	require.NotNil(t, c)
	log := f.log()
	require.GreaterOrEqual(t, len(log), 2)
	assert.Equal(t, []string{"upsert " + pageName(accounts, activities.PhaseSalesforce, k),
		"fetch accounts/salesforce at " + token(accounts, activities.PhaseSalesforce, k+1)}, log[len(log)-2:],
		"the run ends with the paused upsert and the fetch beside it")
	assert.Equal(t, stepUpsert, c.Step)
	require.NotNil(t, c.Ahead, "the page fetched ahead is carried on")
	assert.Equal(t, pageName(accounts, activities.PhaseSalesforce, k+1), c.Ahead.Page)

	g := f.resume()
	res, err := g.run(next)
	require.NoError(t, err)
	ahead := "fetch accounts/salesforce at " + token(accounts, activities.PhaseSalesforce, k+1)
	assert.Equal(t, []string{"upsert " + pageName(accounts, activities.PhaseSalesforce, k),
		"resolve " + pageName(accounts, activities.PhaseSalesforce, k+1)}, g.log()[:2])
	assert.NotContains(t, g.log(), ahead, "the next run does not fetch that page again")
	pages := len(p)
	assert.Equal(t, activities.Counts{Fetched: 2 * pages, Unchanged: pages, Zendesk: activities.Writes{Updated: pages}},
		res.Objects[0].Counts, "counts of both runs, nothing twice")
}
