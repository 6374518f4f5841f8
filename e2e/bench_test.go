package e2e

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"

	"github.com/crmsync/crmsync/sandbox/admin"
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
		b.Logf("Zendesk calls by endpoint: %v", callsSince(zd0, zd))
		b.Logf("Salesforce calls by endpoint: %v", callsSince(sf0, sf))
		written := 0
		for _, o := range res.Objects {
			written += o.Counts.Zendesk.Created + o.Counts.Zendesk.Updated + o.Counts.Salesforce.Created + o.Counts.Salesforce.Updated
		}
		addBenchRow(benchRow{Scenario: "full sync, default pairs", Records: records, ZendeskCalls: int64(zdCalls), SalesforceCalls: int64(sfCalls),
			ZendeskFloor: int(floor), EventsPer1k: per1k(float64(events)),
			ZendeskByKind: callsSince(zd0, zd), SalesforceKind: callsSince(sf0, sf)}, elapsed)
		addBenchRow(benchRow{Scenario: "same, one record per call", Records: records, ZendeskCalls: int64(written),
			ZendeskFloor: int(floor), Note: "what a tool writing one record per call needs for the same writes (reads not counted)"}, 0)
	}
}

// callsSince is the calls per endpoint between two snapshots.
func callsSince(before, after admin.Snapshot) map[string]int64 {
	out := map[string]int64{}
	for k, n := range after.Requests {
		if d := n - before.Requests[k]; d > 0 {
			out[k] = d
		}
	}
	return out
}

// historyEvents counts the events of every run of a workflow.
func (e *env) historyEvents(workflowID, runID string) int {
	n := 0
	e.walkHistory(workflowID, runID, func(*historypb.HistoryEvent) { n++ })
	return n
}

// BenchmarkTickets runs a full sync of CRMSYNC_BENCH_TICKETS tickets
// (default 1,000, about 2.5 comments each) with their comments, after the
// accounts and contacts they need, then an incremental run with nothing
// changed, and reports the calls on each side per 1,000 tickets and per
// 1,000 comments copied.
func BenchmarkTickets(b *testing.B) {
	tickets := 1000
	if v, err := strconv.Atoi(os.Getenv("CRMSYNC_BENCH_TICKETS")); err == nil && v > 0 {
		tickets = v
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := newEnv(b, seed.Options{Seed: int64(i + 1), Accounts: 100, Contacts: 1000, Tickets: tickets})
		_, _, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"accounts", "contacts"}})
		require.NoError(b, err)
		zd0, sf0 := e.zdServer.Stats().Snapshot(), e.sfServer.Stats().Snapshot()
		b.StartTimer()
		start := time.Now()
		res, _, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"tickets", "comments"}})
		elapsed := time.Since(start)
		b.StopTimer()
		require.NoError(b, err)
		zd1, sf1 := e.zdServer.Stats().Snapshot(), e.sfServer.Stats().Snapshot()
		e.aheadOnZendesk(61 * time.Second)
		_, _, err = e.sync(workflows.SyncInput{Objects: []string{"tickets", "comments"}})
		require.NoError(b, err)
		zd2, sf2 := e.zdServer.Stats().Snapshot(), e.sfServer.Stats().Snapshot()
		comments := 0
		for _, o := range res.Objects {
			if o.Object == "comments" {
				comments = o.Counts.Salesforce.Created + o.Counts.Zendesk.Created
			}
		}
		per := func(n int64, of int) float64 { return float64(n) * 1000 / float64(max(of, 1)) }
		b.ReportMetric(per(zd1.TotalRequests-zd0.TotalRequests, tickets), "zendesk-calls/1k-tickets")
		b.ReportMetric(per(sf1.TotalRequests-sf0.TotalRequests, tickets), "salesforce-calls/1k-tickets")
		b.ReportMetric(float64(tickets)/elapsed.Seconds(), "tickets/s")
		addBenchRow(benchRow{Scenario: "tickets + comments, full", Records: tickets + comments,
			ZendeskCalls: zd1.TotalRequests - zd0.TotalRequests, SalesforceCalls: sf1.TotalRequests - sf0.TotalRequests,
			Note: fmt.Sprintf("%d tickets, %d comments", tickets, comments)}, elapsed)
		addBenchRow(benchRow{Scenario: "tickets + comments, nothing changed", Records: tickets + comments,
			ZendeskCalls: zd2.TotalRequests - zd1.TotalRequests, SalesforceCalls: sf2.TotalRequests - sf1.TotalRequests,
			Note: fmt.Sprintf("%d writes", writesOf(zd2)-writesOf(zd1)+writesOf(sf2)-writesOf(sf1))}, 0)
		b.Logf("%d tickets, %d comments copied in %s: %d Zendesk calls, %d Salesforce calls (floors: %d export pages, %d case upserts of 200, %d comment creates of 200); "+
			"incremental with nothing changed: %d Zendesk, %d Salesforce calls, %d writes",
			tickets, comments, elapsed.Round(time.Millisecond), zd1.TotalRequests-zd0.TotalRequests, sf1.TotalRequests-sf0.TotalRequests,
			(tickets+999)/1000, (tickets+199)/200, (comments+199)/200,
			zd2.TotalRequests-zd1.TotalRequests, sf2.TotalRequests-sf1.TotalRequests, writesOf(zd2)-writesOf(zd1)+writesOf(sf2)-writesOf(sf1))
	}
}

// writesOf sums a sandbox's written records over every object.
func writesOf(s admin.Snapshot) int64 {
	var n int64
	for _, w := range s.Writes {
		n += w
	}
	return n
}
