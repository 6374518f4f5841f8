package e2e

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// BenchmarkFullSync runs a full sync of CRMSYNC_BENCH_CONTACTS contacts
// (default 5,000; accounts a tenth of that) through the dev server and the
// unthrottled sandbox, and reports records/s, API calls and history events
// per 1,000 records, and how the Zendesk calls compare with the floor of
// ⌈N/100⌉ bulk calls.
func BenchmarkFullSync(b *testing.B) {
	contacts := 5000
	if v, err := strconv.Atoi(os.Getenv("CRMSYNC_BENCH_CONTACTS")); err == nil && v > 0 {
		contacts = v
	}
	accounts := max(contacts/10, 1)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := newEnv(b, seed.Options{Seed: int64(i + 1), Accounts: accounts, Contacts: contacts, Tickets: 1})
		zd0, sf0 := e.zdServer.Stats().Snapshot(), e.sfServer.Stats().Snapshot()
		b.StartTimer()
		start := time.Now()
		res, run, err := e.sync(workflows.SyncInput{Mode: "full"})
		elapsed := time.Since(start)
		b.StopTimer()
		require.NoError(b, err)
		zd, sf := e.zdServer.Stats().Snapshot(), e.sfServer.Stats().Snapshot()
		records := 0
		for _, o := range res.Objects {
			records += o.Counts.Fetched
		}
		events := e.historyEvents(run.GetID(), run.GetRunID())
		zdCalls := float64(zd.TotalRequests - zd0.TotalRequests)
		sfCalls := float64(sf.TotalRequests - sf0.TotalRequests)
		per1k := func(n float64) float64 { return n * 1000 / float64(records) }
		floor := float64((contacts+99)/100 + (accounts+99)/100)
		b.ReportMetric(float64(records)/elapsed.Seconds(), "records/s")
		b.ReportMetric(per1k(zdCalls), "zendesk-calls/1k")
		b.ReportMetric(per1k(sfCalls), "salesforce-calls/1k")
		b.ReportMetric(per1k(float64(events)), "history-events/1k")
		b.ReportMetric(zdCalls/floor, "zendesk-calls/floor")
		b.Logf("%d records in %s: %.0f Zendesk calls (floor %.0f bulk), %.0f Salesforce calls, %d history events, %d continue-as-new",
			records, elapsed.Round(time.Millisecond), zdCalls, floor, sfCalls, events, res.ContinuedAsNew)
	}
}

// historyEvents counts the events of every run of a workflow.
func (e *env) historyEvents(workflowID, runID string) int {
	n := 0
	e.walkHistory(workflowID, runID, func(*historypb.HistoryEvent) { n++ })
	return n
}
