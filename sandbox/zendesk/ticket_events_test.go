package zendesk

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func childEvents(ev map[string]any) []map[string]any { return list(ev, "child_events") }

func TestTicketEventsExport(t *testing.T) {
	f := newFixture(t, Config{})
	changed := f.clock.Now()
	r := addComment(t, f, 100, map[string]any{"status": "pending", "comment": map[string]any{"body": "Waiting on you", "public": false, "author_id": 10}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	auditID := obj(r.body, "audit")["id"]
	f.clock.Advance(time.Minute)

	without := f.do(t, http.MethodGet, exportPath("ticket_events.json", changed), nil)
	require.Equal(t, http.StatusOK, without.status, without.raw)
	assert.NotEmpty(t, without.header.Get("zendesk-ratelimit-incremental-exports"), "counted against the export bucket")
	evs := list(without.body, "ticket_events")
	require.Len(t, evs, 1)
	ev := evs[0]
	assert.Equal(t, auditID, ev["id"])
	assert.Equal(t, float64(100), ev["ticket_id"])
	assert.Equal(t, float64(changed.Unix()), ev["timestamp"])
	assert.Equal(t, zendeskTime(changed), ev["created_at"])
	assert.Equal(t, float64(1), ev["updater_id"])
	assert.Equal(t, "Web service", ev["via"])
	assert.Equal(t, "Audit", ev["event_type"])
	children := childEvents(ev)
	require.Len(t, children, 2)
	assert.Equal(t, "Comment", children[0]["event_type"])
	assert.Equal(t, true, children[0]["comment_present"])
	assert.Equal(t, false, children[0]["comment_public"])
	assert.NotContains(t, children[0], "body", "without comment_events the comment itself is left out")
	assert.Equal(t, "Change", children[1]["event_type"])
	assert.Equal(t, "status", children[1]["field_name"])
	assert.Equal(t, "pending", children[1]["value"])
	assert.Equal(t, "open", children[1]["previous_value"])
	assert.Equal(t, float64(1), without.body["count"])
	assert.Equal(t, float64(changed.Unix()), without.body["end_time"])
	assert.Equal(t, true, without.body["end_of_stream"])
	assert.Contains(t, without.body["next_page"], "/api/v2/incremental/ticket_events.json?")

	with := f.do(t, http.MethodGet, exportPath("ticket_events.json", changed)+"&include=comment_events", nil)
	require.Equal(t, http.StatusOK, with.status, with.raw)
	c := childEvents(list(with.body, "ticket_events")[0])[0]
	assert.Equal(t, "Comment", c["event_type"])
	assert.Equal(t, "Comment", c["type"])
	assert.Equal(t, "Waiting on you", c["body"])
	assert.Contains(t, c["html_body"], "Waiting on you")
	assert.Equal(t, false, c["public"])
	assert.Equal(t, float64(10), c["author_id"])
	assert.Equal(t, auditID, c["audit_id"])
	assert.Equal(t, "api", obj(c, "via")["channel"])
	assert.Equal(t, zendeskTime(changed), c["created_at"])
	assert.Contains(t, c, "via_reference_id")
	comments := list(f.do(t, http.MethodGet, "/api/v2/tickets/100/comments", nil).body, "comments")
	assert.Equal(t, comments[1]["id"], c["id"], "the export names the comment by its id")
	assert.Equal(t, comments[1]["id"], children[0]["id"], "with or without its text")
}

func TestTicketEventsExportHistoryAndLimits(t *testing.T) {
	f := newFixture(t, Config{ExportRequestsPerMinute: 2})
	// The seed's comments are its history: one audit each, the first
	// creating the ticket.
	r := f.do(t, http.MethodGet, exportPath("ticket_events", t0), nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	evs := list(r.body, "ticket_events")
	require.Len(t, evs, 2)
	assert.Equal(t, []float64{100, 101}, []float64{evs[0]["ticket_id"].(float64), evs[1]["ticket_id"].(float64)})
	assert.Equal(t, "Web form", evs[0]["via"])
	types := map[string]int{}
	for _, c := range childEvents(evs[0]) {
		types[c["event_type"].(string)]++
	}
	assert.Equal(t, 1, types["Comment"])
	assert.Positive(t, types["Create"])

	recent := f.do(t, http.MethodGet, exportPath("ticket_events", f.clock.Now().Add(-30*time.Second)), nil)
	assert.Equal(t, http.StatusBadRequest, recent.status, "the last minute is left out")
	limited := f.do(t, http.MethodGet, exportPath("ticket_events", t0), nil)
	assert.Equal(t, http.StatusTooManyRequests, limited.status, "the export bucket is shared")
	assert.NotEmpty(t, limited.header.Get("Retry-After"))
}

func TestTicketEventsExportLeavesOutTheLastMinute(t *testing.T) {
	f := newFixture(t, Config{ExportRequestsPerMinute: -1})
	start := f.clock.Now().Add(-time.Minute)
	require.Equal(t, http.StatusOK, addComment(t, f, 100, map[string]any{"priority": "low"}).status)
	r := f.do(t, http.MethodGet, exportPath("ticket_events", start), nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Empty(t, list(r.body, "ticket_events"))
	assert.Equal(t, true, r.body["end_of_stream"])
	f.clock.Advance(61 * time.Second)
	r = f.do(t, http.MethodGet, exportPath("ticket_events", start), nil)
	assert.Len(t, list(r.body, "ticket_events"), 1)

	require.Equal(t, http.StatusNoContent, f.do(t, http.MethodDelete, "/api/v2/tickets/100", nil).status)
	r = f.do(t, http.MethodGet, exportPath("ticket_events", t0), nil)
	assert.Len(t, list(r.body, "ticket_events"), 3, "a deleted ticket's history stays in the export")
}
