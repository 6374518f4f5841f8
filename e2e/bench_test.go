package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

// The benchmarks are the rows of `make bench`, one or more per target of
// the performance issue; each runs on a fresh env whose worker is a
// process of its own, at the full size times CRMSYNC_BENCH_SIZE.

// fullSync runs a one-way full sync of contacts and a tenth as many
// accounts (those two pairs: the seed's case comments, which grow with
// the contacts, are target 5's) and returns its row: the Zendesk floor is
// ⌈N/100⌉ bulk writes per object, the Salesforce floor ⌈N/2000⌉ SOQL
// pages per object, plus the COUNT each pair begins with.
func fullSync(b *testing.B, target int, contacts int, s benchSetup) (*benchEnv, measured, benchRow) {
	b.Helper()
	accounts := max(contacts/10, 1)
	e := newBenchEnv(b, seed.Options{Seed: 1, Accounts: accounts, Contacts: contacts, Tickets: 1}, s)
	objects := []string{"accounts", "contacts"}
	m := e.measure(b, workflows.SyncInput{Mode: "full", Objects: objects})
	r := m.row(e.env, target, fmt.Sprintf("full sync, %d contacts", contacts))
	r.ZendeskFloor = ceilDiv(contacts, 100) + ceilDiv(accounts, 100)
	r.SalesforceFloor = ceilDiv(contacts, 2000) + ceilDiv(accounts, 2000)
	r.SalesforceConstant = len(objects)
	r.WorkerPeakRSSMiB = e.peakRSSMiB(b)
	if e.storeFile != "" {
		r.StoreBytes = e.storeBytes(b)
		r.Note = fmt.Sprintf("store %.0f MiB", float64(r.StoreBytes)/(1<<20))
	}
	return e, m, r
}

// BenchmarkFullSync is target 1, 100,000 contacts unthrottled, with the
// calls a one-record-per-call tool would need for the same writes, and
// target 6, the history of that sync.
func BenchmarkFullSync(b *testing.B) {
	for range b.N {
		_, m, r := fullSync(b, 1, scaled(b, 100_000), benchSetup{})
		addBenchRow(r, m.elapsed)
		addBenchRow(benchRow{Target: 1, Scenario: "same, one record per call", Records: r.Records, ZendeskCalls: r.Writes,
			ZendeskFloor: r.ZendeskFloor, Note: "what a tool writing one record per call needs for the same writes (reads not counted)"}, 0)
		addBenchRow(benchRow{Target: 6, Scenario: "history of the full sync", Records: r.Records, EventsPer1k: r.EventsPer1k,
			MaxPayloadBytes: r.MaxPayloadBytes, Note: fmt.Sprintf("largest payload %.1f KiB (limit 256 KiB); %d continue-as-new",
				float64(r.MaxPayloadBytes)/1024, m.res.ContinuedAsNew)}, 0)
	}
}

// BenchmarkMillion is target 2: 1,000,000 contacts complete, with the
// worker's peak memory (read against target 1's) and the store's size.
func BenchmarkMillion(b *testing.B) {
	for range b.N {
		_, m, r := fullSync(b, 2, scaled(b, 1_000_000), benchSetup{})
		addBenchRow(r, m.elapsed)
	}
}

// BenchmarkFixedWindows is target 3: 50,000 contacts under Zendesk's fixed
// one-minute windows of 100 requests, the worker paced by the rate-limit
// headers (its default: no budget of its own). The window floor is the time to the start of the last window the
// floor's calls need, from the second the sync started. A scaled-down run
// keeps 10,000 contacts, so that the floor still spans two windows.
func BenchmarkFixedWindows(b *testing.B) {
	const limit = 100
	for range b.N {
		contacts := max(scaled(b, 50_000), 10_000)
		_, m, r := fullSync(b, 3, contacts, benchSetup{zendeskRPM: limit})
		offset := m.start.Sub(m.start.Truncate(time.Minute))
		floor := time.Duration(ceilDiv(r.ZendeskFloor, limit)-1)*time.Minute - offset
		r.Scenario = fmt.Sprintf("fixed windows of %d/min, %d contacts", limit, contacts)
		r.WindowFloorSeconds = floor.Seconds()
		r.Note = fmt.Sprintf("wall %.2f× the window floor of %.0f s (start %.0f s into its minute); %d answered 429",
			m.elapsed.Seconds()/floor.Seconds(), floor.Seconds(), offset.Seconds(), r.RateLimited)
		addBenchRow(r, m.elapsed)
	}
}

// BenchmarkTwoWayIncremental is target 4: after a two-way full sync of
// 100,000 contacts, an incremental run with 1% of the contacts changed in
// Salesforce and another 1% in Zendesk, then one with nothing changed.
// The floors are the writes of the changes (100 a Zendesk bulk call, 200 a
// sObject Collection) and one page of reads per pair and side.
func BenchmarkTwoWayIncremental(b *testing.B) {
	mapping, err := filepath.Abs(filepath.Join("..", "scripts", "two-way.yaml"))
	require.NoError(b, err)
	objects := []string{"accounts", "contacts"}
	for range b.N {
		contacts := scaled(b, 100_000)
		e := newBenchEnv(b, seed.Options{Seed: 1, Accounts: max(contacts/10, 1), Contacts: contacts, Tickets: 1}, benchSetup{mapping: mapping})
		_, _, err := e.sync(workflows.SyncInput{Mode: "full", Objects: objects})
		require.NoError(b, err)

		changed := max(contacts/100, 1)
		e.changeContacts(b, changed)
		e.aheadOnZendesk(61 * time.Second)
		m := e.measure(b, workflows.SyncInput{Mode: "incremental", Objects: objects})
		r := m.row(e.env, 4, fmt.Sprintf("two-way incremental, %d+%d of %d changed", changed, changed, contacts))
		r.ZendeskFloor = ceilDiv(changed, 100) + 1
		r.SalesforceFloor = ceilDiv(changed, 200) + len(objects)
		r.WorkerPeakRSSMiB = e.peakRSSMiB(b)
		r.Note = fmt.Sprintf("per changed record: %.3f Zendesk, %.3f Salesforce calls; %d writes",
			float64(r.ZendeskCalls)/float64(2*changed), float64(r.SalesforceCalls)/float64(2*changed), r.Writes)
		addBenchRow(r, m.elapsed)

		e.aheadOnZendesk(61 * time.Second)
		m = e.measure(b, workflows.SyncInput{Mode: "incremental", Objects: objects})
		r = m.row(e.env, 4, "same, nothing changed")
		r.ZendeskFloor, r.SalesforceFloor = 1, len(objects)
		r.WorkerPeakRSSMiB = e.peakRSSMiB(b)
		r.Note = fmt.Sprintf("%d writes; reads: Zendesk %v, Salesforce %v", r.Writes, r.ZendeskByKind, r.SalesforceKind)
		assert.Zero(b, r.Writes, "nothing changed: no writes")
		addBenchRow(r, m.elapsed)
	}
}

// changeContacts edits n linked contacts' titles in Salesforce and n
// others' phones in Zendesk, through the public APIs, as users would.
func (e *benchEnv) changeContacts(b *testing.B, n int) {
	b.Helper()
	ids := make([]string, 0, len(e.data.Salesforce.Contacts))
	for _, c := range e.data.Salesforce.Contacts {
		ids = append(ids, c["Id"].(string))
	}
	links, err := e.store.Links(context.Background(), "contacts", ids)
	require.NoError(b, err)
	edited := 0
	for _, id := range ids {
		l, ok := links[id]
		switch {
		case !ok:
		case edited < n:
			e.editSalesforce(id, salesforce.Record{"Title": fmt.Sprintf("Bench Title %d", edited)})
			edited++
		case edited < 2*n:
			e.editZendesk(l.ZendeskID, zendesk.User{Phone: zendesk.String(fmt.Sprintf("+1 415 555 %04d", edited))})
			edited++
		}
	}
	require.Equal(b, 2*n, edited, "linked contacts to change")
}

// BenchmarkTickets is target 5: 10,000 Zendesk tickets with five comments
// each (their descriptions among them), after the accounts and contacts
// they need: a full sync of tickets, then of comments, then an
// incremental run of both with nothing changed. Floors: export pages of
// 1,000 on Zendesk and SOQL pages of 2,000 read, case upserts and comment
// creates of 200 written.
func BenchmarkTickets(b *testing.B) {
	for range b.N {
		tickets, contacts := scaled(b, 10_000), scaled(b, 10_000)
		e := newBenchEnv(b, seed.Options{Seed: 1, Accounts: max(contacts/10, 1), Contacts: contacts, Tickets: tickets, TicketComments: 5}, benchSetup{})
		_, _, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"accounts", "contacts"}})
		require.NoError(b, err)
		seeded := 0
		for _, t := range e.data.Zendesk.Tickets {
			seeded += len(t.Comments)
		}
		cases, caseComments := len(e.data.Salesforce.Cases), len(e.data.Salesforce.CaseComments)

		m := e.measure(b, workflows.SyncInput{Mode: "full", Objects: []string{"tickets"}})
		r := m.row(e.env, 5, fmt.Sprintf("tickets, full: %d tickets", tickets))
		r.ZendeskFloor = ceilDiv(tickets, 1000)
		r.SalesforceFloor = ceilDiv(tickets, 200) + ceilDiv(cases, 2000)
		r.WorkerPeakRSSMiB = e.peakRSSMiB(b)
		r.Note = per1k(r, "tickets", tickets)
		addBenchRow(r, m.elapsed)

		m = e.measure(b, workflows.SyncInput{Mode: "full", Objects: []string{"comments"}})
		copied := 0
		for _, o := range m.res.Objects {
			copied += o.Counts.Salesforce.Created + o.Counts.Zendesk.Created
		}
		r = m.row(e.env, 5, fmt.Sprintf("comments, full: %d seeded, %d copied", seeded+caseComments, copied))
		r.ZendeskFloor = ceilDiv(seeded, 1000) + ceilDiv(caseComments, 100)
		r.SalesforceFloor = ceilDiv(copied, 200) + ceilDiv(caseComments, 2000)
		r.WorkerPeakRSSMiB = e.peakRSSMiB(b)
		r.Note = per1k(r, "comments copied", copied)
		addBenchRow(r, m.elapsed)

		e.aheadOnZendesk(61 * time.Second)
		m = e.measure(b, workflows.SyncInput{Mode: "incremental", Objects: []string{"tickets", "comments"}})
		r = m.row(e.env, 5, "tickets + comments, nothing changed")
		r.ZendeskFloor, r.SalesforceFloor = 2, 2
		r.WorkerPeakRSSMiB = e.peakRSSMiB(b)
		r.Note = fmt.Sprintf("%d writes; reads: Zendesk %v, Salesforce %v", r.Writes, r.ZendeskByKind, r.SalesforceKind)
		addBenchRow(r, m.elapsed)
	}
}

// per1k says a row's calls per 1,000 of what it synced.
func per1k(r benchRow, what string, n int) string {
	n = max(n, 1)
	return fmt.Sprintf("per 1,000 %s: %.1f Zendesk, %.1f Salesforce calls; %d writes",
		what, float64(r.ZendeskCalls)*1000/float64(n), float64(r.SalesforceCalls)*1000/float64(n), r.Writes)
}

// BenchmarkScaleOut is target 7: the same full sync of 50,000 contacts
// on the PostgreSQL store by one worker and by two on the task queue; both
// must leave the same end state, nothing twice and nothing missing.
func BenchmarkScaleOut(b *testing.B) {
	for range b.N {
		contacts := scaled(b, 50_000)
		var states []endState
		var one float64
		for _, workers := range []int{1, 2} {
			e, m, r := fullSync(b, 7, contacts, benchSetup{postgres: true, workers: workers})
			for _, w := range e.workers {
				w.stop()
			}
			state := e.endState(b)
			states = append(states, state)
			r.Scenario = fmt.Sprintf("scale-out, PostgreSQL, %d contacts, %d worker(s)", contacts, workers)
			r.Note = fmt.Sprintf("%d users, %d organizations, %d+%d links", state.Users, state.Organizations, state.ContactLinks, state.AccountLinks)
			if workers == 1 {
				one = float64(r.Records) / m.elapsed.Seconds()
			} else {
				r.Note += fmt.Sprintf("; records/s %.2f× one worker's; RSS per worker", float64(r.Records)/m.elapsed.Seconds()/one)
			}
			addBenchRow(r, m.elapsed)
		}
		assert.Equal(b, states[0], states[1], "two workers leave what one does")
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

// writesOf sums a sandbox's written records over every object.
func writesOf(s admin.Snapshot) int64 {
	var n int64
	for _, w := range s.Writes {
		n += w
	}
	return n
}
