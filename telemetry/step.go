package telemetry

import (
	"time"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/record"
)

// Page steps, by activity type: the methods of activities.Activities the
// workflow runs for each page.
var stepsByActivity = map[string]string{"Fetch": "fetch", "Resolve": "resolve", "Upsert": "upsert"}

// outcome is what one page step's result says, in the figures the
// metrics and the log line carry.
type outcome struct {
	counts   activities.Counts
	rejected map[record.Side]int
	pause    *activities.Pause
}

// outcomeOf reads a step's result.
func outcomeOf(result any) outcome {
	var o outcome
	var rejected []activities.Rejection
	switch r := result.(type) {
	case *activities.FetchResult:
		if r != nil {
			o.counts, o.pause = r.Counts, r.Pause
			if r.Resolved != nil {
				o.counts.Add(r.Resolved.Counts)
				rejected = r.Resolved.Rejected
			}
		}
	case *activities.ResolveResult:
		if r != nil {
			o.counts, rejected = r.Counts, r.Rejected
		}
	case *activities.UpsertResult:
		if r != nil {
			o.counts, rejected, o.pause = r.Counts, r.Rejected, r.Pause
		}
	}
	o.rejected = map[record.Side]int{}
	for _, rej := range rejected {
		o.rejected[rej.Side]++
	}
	return o
}

// observe records a finished step attempt. A dry run's writes and
// conflicts are what a real run would do, so they are not counted as done.
func (m *Metrics) observe(step string, in activities.StepInput, o outcome, took time.Duration, now time.Time) {
	pair := in.Pair
	m.steps.WithLabelValues(pair, step).Observe(took.Seconds())
	// The workflow drops a paused step's counts and runs it again, which
	// reports them then.
	if o.pause != nil {
		m.waits.WithLabelValues(o.pause.Service).Inc()
		// The workflow waits at least a second, whatever the service said.
		m.waitSeconds.WithLabelValues(o.pause.Service).Add(max(o.pause.Until.Sub(now), time.Second).Seconds())
		return
	}
	c := o.counts
	// Adding zeros too makes each pair's series exist from its first
	// step, so rates over them start at zero rather than missing.
	m.read.WithLabelValues(pair, string(record.Salesforce)).Add(float64(c.Fetched))
	m.read.WithLabelValues(pair, string(record.Zendesk)).Add(float64(c.Exported))
	for _, side := range []record.Side{record.Salesforce, record.Zendesk} {
		m.rejected.WithLabelValues(pair, string(side)).Add(float64(o.rejected[side]))
	}
	if in.DryRun {
		return
	}
	for side, w := range map[record.Side]activities.Writes{record.Salesforce: c.Salesforce, record.Zendesk: c.Zendesk} {
		m.written.WithLabelValues(pair, string(side), "created").Add(float64(w.Created))
		m.written.WithLabelValues(pair, string(side), "adopted").Add(float64(w.Adopted))
		m.written.WithLabelValues(pair, string(side), "updated").Add(float64(w.Updated))
		m.written.WithLabelValues(pair, string(side), "deleted").Add(float64(w.Deleted))
	}
	m.conflicts.WithLabelValues(pair).Add(float64(c.Conflicts))
}
