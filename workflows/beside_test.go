package workflows

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
)

// indexed scripts contacts with an index of n pages before its Salesforce
// phase of one page.
func indexed(f *fake, n int) {
	f.begin[contacts] = activities.BeginResult{Phases: []string{activities.PhaseIndex, activities.PhaseSalesforce}, Total: 7}
	f.pages["contacts/index"] = make([]page, n)
	f.pages["contacts/salesforce"] = uniform(1)
}

// at is where name comes in the log; -1 when it is not there.
func at(log []string, name string) int { return slices.Index(log, name) }

// times is how many times name is in the log.
func times(log []string, name string) int {
	n := 0
	for _, l := range log {
		if l == name {
			n++
		}
	}
	return n
}

// indexFetches are the log's index reads of contacts, in order.
func indexFetches(log []string) []string {
	var out []string
	for _, l := range log {
		if strings.HasPrefix(l, "fetch contacts/index at ") {
			out = append(out, l)
		}
	}
	return out
}

func wantIndexFetches(n int) []string {
	out := []string{"fetch contacts/index at start"}
	for i := 1; i < n; i++ {
		out = append(out, "fetch contacts/index at "+token(contacts, activities.PhaseIndex, i))
	}
	return out
}

// The contacts' index is read while the accounts sync: contacts begin
// once, beside accounts, and their own turn starts with the Salesforce
// phase, the index's end in the checkpoint.
func TestNextPairsIndexIsReadBesideThePairBefore(t *testing.T) {
	f := newFake(t)
	f.delay = time.Minute
	f.pages["accounts/salesforce"] = uniform(3)
	indexed(f, 2)

	res, err := f.run(SyncInput{Objects: []string{accounts, contacts}})
	require.NoError(t, err)

	log := f.log()
	done := at(log, "checkpoint accounts")
	require.GreaterOrEqual(t, done, 0, "%v", log)
	assert.Equal(t, 1, times(log, "begin contacts beside accounts"), "%v", log)
	assert.Zero(t, times(log, "begin contacts"), "contacts do not begin again: that would forget the index")
	assert.Equal(t, wantIndexFetches(2), indexFetches(log), "every index page once, in order")
	for _, l := range wantIndexFetches(2) {
		assert.Less(t, at(log, l), done, "%s before the accounts end", l)
	}
	assert.Less(t, done, at(log, "fetch contacts/salesforce at start"))
	cps := f.of("checkpoint")
	require.Len(t, cps, 2)
	assert.Equal(t, []activities.Position{
		{Phase: activities.PhaseIndex, Token: token(contacts, activities.PhaseIndex, 2)},
		{Phase: activities.PhaseSalesforce, Token: token(contacts, activities.PhaseSalesforce, 1)},
	}, cps[1].Checkpoint.Positions)
	require.Len(t, res.Objects, 2)
	assert.Equal(t, 7, res.Objects[1].Total, "the early begin's total")
	assert.Equal(t, activities.Counts{Fetched: 2, Unchanged: 1, Zendesk: activities.Writes{Updated: 1}}, res.Objects[1].Counts)
	require.NotNil(t, res.Objects[1].StartedAt)
	assert.True(t, res.Objects[1].StartedAt.Before(*res.Objects[0].FinishedAt), "contacts started beside accounts")
}

// An index longer than the pair before goes on in its own turn from
// where the lane left it; a lane step that pauses stops the lane, and the
// paused page is read again in the pair's turn.
func TestIndexBesideGoesOnInThePairsTurn(t *testing.T) {
	paused := "fetch contacts/index at " + token(contacts, activities.PhaseIndex, 1)
	for _, tc := range []struct {
		name   string
		script func(f *fake)
		// twice is the page read twice: paused, then in the pair's turn.
		twice string
	}{
		{"longer than the pair before", func(*fake) {}, ""},
		{"paused beside", func(f *fake) {
			f.pages["contacts/index"][1].pausedFetch = &activities.FetchResult{
				Pause: &activities.Pause{Service: "salesforce", Until: f.env.Now().Add(time.Hour)}}
		}, paused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			f.delay = time.Minute
			f.pages["accounts/salesforce"] = uniform(2)
			indexed(f, 8)
			tc.script(f)

			_, err := f.run(SyncInput{Objects: []string{accounts, contacts}})
			require.NoError(t, err)

			log := f.log()
			done := at(log, "checkpoint accounts")
			fetches := slices.Compact(indexFetches(log))
			assert.Equal(t, wantIndexFetches(8), fetches, "every index page, in order: %v", log)
			assert.Less(t, at(log, "fetch contacts/index at start"), done, "the lane read")
			assert.Greater(t, at(log, "fetch contacts/index at "+token(contacts, activities.PhaseIndex, 7)), done, "the pair's turn read the rest")
			for _, l := range wantIndexFetches(8) {
				want := 1
				if l == tc.twice {
					want = 2
				}
				assert.Equal(t, want, times(log, l), "%s", l)
			}
			if tc.twice != "" {
				assert.Greater(t, slices.Index(log[at(log, tc.twice)+1:], tc.twice)+at(log, tc.twice)+1, done,
					"the paused page is read again in the pair's turn")
			}
			cps := f.of("checkpoint")
			require.Len(t, cps, 2)
			assert.Equal(t, activities.Position{Phase: activities.PhaseIndex, Token: token(contacts, activities.PhaseIndex, 8)},
				cps[1].Checkpoint.Positions[0])
		})
	}
}

// A lane's place survives continue-as-new: the next run goes on with it
// and contacts never begin a second time.
func TestIndexBesideSurvivesContinueAsNew(t *testing.T) {
	f := newFake(t)
	f.delay = time.Minute
	f.pages["accounts/salesforce"] = uniform(stepsPerRun/2 + 3)
	indexed(f, 3)
	in := SyncInput{Objects: []string{accounts, contacts}}

	_, err := f.run(in)
	var can *workflow.ContinueAsNewError
	require.True(t, errors.As(err, &can), "want continue-as-new, got %v", err)
	var next SyncInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))
	require.NotNil(t, next.Continuation.Lane)
	assert.True(t, next.Continuation.Lane.Done, "three index steps fit beside the first run's accounts")

	g := f.resume()
	_, err = g.run(next)
	require.NoError(t, err)
	log := append(f.log(), g.log()...)
	assert.Equal(t, 1, times(log, "begin contacts beside accounts"))
	assert.Zero(t, times(log, "begin contacts"))
	assert.Equal(t, wantIndexFetches(3), indexFetches(log))
	assert.Empty(t, indexFetches(g.log()))
	assert.Equal(t, 1, times(g.log(), "fetch contacts/salesforce at start"))
}
