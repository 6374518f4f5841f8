package zendesk

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeleteTicket(t *testing.T) {
	f := newFixture(t, Config{ExportRequestsPerMinute: -1})
	f.clock.Advance(time.Minute)
	deleted := f.clock.Now()
	r := f.do(t, http.MethodDelete, "/api/v2/tickets/100.json", nil)
	require.Equal(t, http.StatusNoContent, r.status, r.raw)
	assert.Empty(t, r.raw)

	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/tickets/100", nil).status)
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/tickets/100/comments", nil).status)
	assert.Equal(t, http.StatusNotFound, addComment(t, f, 100, map[string]any{"subject": "x"}).status)
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodDelete, "/api/v2/tickets/100", nil).status, "a second delete")
	assert.Equal(t, []int64{101}, ids(list(f.do(t, http.MethodGet, "/api/v2/tickets", nil).body, "tickets")))
	assert.Empty(t, list(f.do(t, http.MethodGet, "/api/v2/tickets/show_many?ids=100", nil).body, "tickets"))
	js := f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/tickets/update_many?ids=100", map[string]any{"ticket": map[string]any{"priority": "low"}}))
	assert.Equal(t, "RecordNotFound", results(js)[0]["error"])

	r = f.do(t, http.MethodDelete, "/api/v2/tickets/101", nil)
	assert.Equal(t, http.StatusNoContent, r.status, "closed tickets can be deleted")

	f.clock.Advance(2 * time.Minute)
	r = f.do(t, http.MethodGet, exportPath("tickets/cursor.json", deleted), nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	tickets := list(r.body, "tickets")
	require.Equal(t, []int64{100, 101}, ids(tickets))
	assert.Equal(t, "deleted", tickets[0]["status"])
	assert.Equal(t, float64(deleted.Unix()), tickets[0]["generated_timestamp"])
	assert.Equal(t, "Printer on fire", tickets[0]["subject"])

	r = f.do(t, http.MethodPost, "/api/v2/tickets", map[string]any{"ticket": map[string]any{"requester_id": 11, "comment": map[string]any{"body": "new"}}})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	assert.Equal(t, float64(102), obj(r.body, "ticket")["id"], "ids are not reused")
}

func TestTicketBulkLimit(t *testing.T) {
	f := newFixture(t, Config{})
	many := make([]any, maxBulk+1)
	for i := range many {
		many[i] = map[string]any{"id": 100, "priority": "low"}
	}
	for _, req := range []struct{ method, path string }{
		{http.MethodPost, "/api/v2/tickets/create_many"},
		{http.MethodPut, "/api/v2/tickets/update_many"},
	} {
		r := f.do(t, req.method, req.path, map[string]any{"tickets": many})
		assert.Equal(t, http.StatusBadRequest, r.status, req.path)
		assert.Equal(t, "TooManyValues", r.body["error"], req.path)
	}
	assert.Empty(t, f.srv.Stats().Snapshot().Writes, "nothing was queued")
}
