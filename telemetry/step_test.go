package telemetry

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/record"
)

func TestAPausedStepCountsItsWaitOnly(t *testing.T) {
	m := NewMetrics()
	now := time.Now()
	res := &activities.UpsertResult{
		Counts:   activities.Counts{Rejected: 1, Zendesk: activities.Writes{Created: 40}},
		Rejected: []activities.Rejection{{Pair: "contacts", Side: record.Zendesk}},
		Pause:    &activities.Pause{Service: "zendesk", Until: now.Add(30 * time.Second)},
	}
	m.observe("upsert", activities.StepInput{Pair: "contacts"}, outcomeOf(res), time.Second, now)
	m.observe("upsert", activities.StepInput{Pair: "contacts"}, outcomeOf(&activities.UpsertResult{
		Pause: &activities.Pause{Service: "zendesk", Until: now.Add(-time.Second)}}), time.Second, now)

	assert.Zero(t, testutil.CollectAndCount(m.written))
	assert.Zero(t, testutil.CollectAndCount(m.rejected))
	assert.Equal(t, 2.0, testutil.ToFloat64(m.waits.WithLabelValues("zendesk")))
	assert.Equal(t, 31.0, testutil.ToFloat64(m.waitSeconds.WithLabelValues("zendesk")), "a pause already over waits a second, as the workflow does")
	assert.Equal(t, 1, testutil.CollectAndCount(m.steps), "the paused attempt's time is kept")
}

func TestADryRunCountsReadsAndRejectionsNotWrites(t *testing.T) {
	m := NewMetrics()
	in := activities.StepInput{Pair: "accounts", DryRun: true}
	m.observe("fetch", in, outcomeOf(&activities.FetchResult{Counts: activities.Counts{Fetched: 7}}), time.Millisecond, time.Now())
	m.observe("resolve", in, outcomeOf(&activities.ResolveResult{Counts: activities.Counts{Conflicts: 2, Rejected: 1},
		Rejected: []activities.Rejection{{Side: record.Salesforce}}}), time.Millisecond, time.Now())
	m.observe("upsert", in, outcomeOf(&activities.UpsertResult{Counts: activities.Counts{Zendesk: activities.Writes{Updated: 3}}}), time.Millisecond, time.Now())

	assert.Equal(t, 7.0, testutil.ToFloat64(m.read.WithLabelValues("accounts", "salesforce")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.rejected.WithLabelValues("accounts", "salesforce")))
	assert.Zero(t, testutil.CollectAndCount(m.written), "a dry run writes nothing")
	assert.Zero(t, testutil.CollectAndCount(m.conflicts), "a dry run records no conflict")
}

// A fetch that resolved its page counts as both steps did.
func TestAFetchThatResolvedCountsItsResolve(t *testing.T) {
	m := NewMetrics()
	in := activities.StepInput{Pair: "contacts"}
	m.observe("fetch", in, outcomeOf(&activities.FetchResult{Counts: activities.Counts{Fetched: 9},
		Resolved: &activities.ResolveResult{Counts: activities.Counts{Conflicts: 2, Rejected: 1},
			Rejected: []activities.Rejection{{Side: record.Zendesk}}}}), time.Millisecond, time.Now())

	assert.Equal(t, 9.0, testutil.ToFloat64(m.read.WithLabelValues("contacts", "salesforce")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.rejected.WithLabelValues("contacts", "zendesk")))
	assert.Equal(t, 2.0, testutil.ToFloat64(m.conflicts.WithLabelValues("contacts")))
}
