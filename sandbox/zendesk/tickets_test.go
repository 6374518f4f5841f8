package zendesk

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateTicket(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodPost, "/api/v2/tickets.json", map[string]any{"ticket": map[string]any{
		"subject": "Help", "comment": map[string]any{"body": "My screen is blank", "public": true},
		"requester_id": 12, "priority": "urgent", "type": "incident", "external_id": "CASE-1",
		"custom_fields": []any{map[string]any{"id": 5, "value": "x"}},
	}})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	tk := obj(r.body, "ticket")
	assert.Equal(t, float64(102), tk["id"])
	assert.Equal(t, "My screen is blank", tk["description"])
	assert.Equal(t, "new", tk["status"])
	assert.Equal(t, float64(2), tk["organization_id"], "defaults to the requester's organization")
	assert.Equal(t, float64(12), tk["submitter_id"])
	assert.Equal(t, "CASE-1", tk["external_id"])
	assert.Equal(t, f.ts.URL+"/api/v2/tickets/102.json", tk["url"])
	assert.Equal(t, float64(f.clock.Now().Unix()), tk["generated_timestamp"])

	c := f.do(t, http.MethodGet, "/api/v2/tickets/102/comments.json", nil)
	require.Equal(t, http.StatusOK, c.status)
	comments := list(c.body, "comments")
	require.Len(t, comments, 1)
	assert.Equal(t, "My screen is blank", comments[0]["body"])
	assert.Equal(t, "Comment", comments[0]["type"])
	events := obj(r.body, "audit")["events"].([]any)
	assert.Equal(t, comments[0]["id"], events[0].(map[string]any)["id"], "the create's audit names the description")

	r = f.do(t, http.MethodPost, "/api/v2/tickets", map[string]any{"ticket": map[string]any{"subject": "x", "requester_id": 12, "assignee_id": 10, "comment": map[string]any{"body": "hi"}}})
	require.Equal(t, http.StatusCreated, r.status)
	assert.Equal(t, "open", obj(r.body, "ticket")["status"], "an assigned new ticket opens")
}

func TestTicketValidation(t *testing.T) {
	cases := []struct {
		name   string
		method string
		path   string
		ticket map[string]any
		field  string
		detail string
	}{
		{"closed refuses every update", http.MethodPut, "/api/v2/tickets/101", map[string]any{"subject": "reopen"}, "status", "closed prevents ticket update"},
		{"closed refuses even a comment", http.MethodPut, "/api/v2/tickets/101", map[string]any{"comment": map[string]any{"body": "hello?"}}, "status", "closed prevents ticket update"},
		{"never back to new", http.MethodPut, "/api/v2/tickets/100", map[string]any{"status": "new"}, "status", "Status: cannot be changed back to new"},
		{"solved needs an assignee", http.MethodPut, "/api/v2/tickets/100", map[string]any{"status": "solved", "assignee_id": nil}, "base", "Assignee: is required when solving a ticket"},
		{"unknown status", http.MethodPut, "/api/v2/tickets/100", map[string]any{"status": "done"}, "status", "Status: is invalid"},
		{"unknown priority", http.MethodPut, "/api/v2/tickets/100", map[string]any{"priority": "meh"}, "priority", "Priority: is invalid"},
		{"assignee must be an agent", http.MethodPut, "/api/v2/tickets/100", map[string]any{"assignee_id": 12}, "assignee", "Assignee: is not an agent"},
		{"description required", http.MethodPost, "/api/v2/tickets", map[string]any{"subject": "x", "requester_id": 11}, "base", "Description: cannot be blank"},
		{"requester required", http.MethodPost, "/api/v2/tickets", map[string]any{"comment": map[string]any{"body": "x"}}, "requester", "Requester: cannot be blank"},
		{"requester must exist", http.MethodPost, "/api/v2/tickets", map[string]any{"comment": map[string]any{"body": "x"}, "requester_id": 5}, "requester", "Requester: is invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Config{})
			r := f.do(t, tc.method, tc.path, map[string]any{"ticket": tc.ticket})
			require.Equal(t, http.StatusUnprocessableEntity, r.status, r.raw)
			assert.Equal(t, "RecordInvalid", r.body["error"])
			assert.Equal(t, tc.detail, firstDetail(t, r.body, tc.field))
		})
	}
}

func TestUpdateTicket(t *testing.T) {
	f := newFixture(t, Config{})
	before := obj(f.do(t, http.MethodGet, "/api/v2/tickets/100", nil).body, "ticket")
	f.clock.Advance(time.Minute)
	r := f.do(t, http.MethodPut, "/api/v2/tickets/100.json", map[string]any{"ticket": map[string]any{
		"status": "solved", "comment": map[string]any{"body": "Fixed", "public": false, "author_id": 10},
	}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	after := obj(r.body, "ticket")
	assert.Equal(t, "solved", after["status"])
	assert.Equal(t, "It burns", after["description"], "the first comment stays the description")
	assert.NotEqual(t, before["updated_at"], after["updated_at"])
	assert.Greater(t, after["generated_timestamp"], before["generated_timestamp"])

	comments := list(f.do(t, http.MethodGet, "/api/v2/tickets/100/comments", nil).body, "comments")
	require.Len(t, comments, 2)
	assert.Equal(t, "Fixed", comments[1]["body"])
	assert.Equal(t, false, comments[1]["public"])
	assert.Equal(t, float64(10), comments[1]["author_id"])

	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodPut, "/api/v2/tickets/555", map[string]any{"ticket": map[string]any{}}).status)
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/tickets/555/comments", nil).status)
}

func TestTicketListsAndShowMany(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodGet, "/api/v2/tickets.json", nil)
	assert.Equal(t, []int64{100, 101}, ids(list(r.body, "tickets")))
	assert.Equal(t, float64(2), r.body["count"])
	r = f.do(t, http.MethodGet, "/api/v2/tickets?page[size]=1", nil)
	assert.Equal(t, []int64{100}, ids(list(r.body, "tickets")))
	assert.Equal(t, true, obj(r.body, "meta")["has_more"])
	r = f.do(t, http.MethodGet, "/api/v2/tickets/show_many.json?ids=101,7", nil)
	assert.Equal(t, []int64{101}, ids(list(r.body, "tickets")))
}

func TestTicketBulkJobs(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/tickets/create_many", map[string]any{"tickets": []any{
		map[string]any{"subject": "A", "requester_id": 11, "comment": map[string]any{"body": "a"}},
		map[string]any{"subject": "B", "requester_id": 999, "comment": map[string]any{"body": "b"}},
	}}))
	res := results(js)
	assert.Equal(t, "Created", res[0]["status"])
	assert.Equal(t, "Failed", res[1]["status"])
	assert.Equal(t, "Requester: is invalid", res[1]["details"])

	js = f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/tickets/update_many.json?ids=100,101", map[string]any{"ticket": map[string]any{"priority": "low"}}))
	res = results(js)
	assert.Equal(t, "Updated", res[0]["status"])
	assert.Equal(t, "Failed", res[1]["status"])
	assert.Equal(t, "closed prevents ticket update", res[1]["details"])

	js = f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/tickets/update_many", map[string]any{"tickets": []any{
		map[string]any{"id": 100, "status": "pending"},
		map[string]any{"id": 404, "status": "open"},
	}}))
	res = results(js)
	assert.Equal(t, "Updated", res[0]["status"])
	assert.Equal(t, "RecordNotFound", res[1]["error"])
	assert.Equal(t, "pending", obj(f.do(t, http.MethodGet, "/api/v2/tickets/100", nil).body, "ticket")["status"])
	assert.Equal(t, int64(3), f.srv.Stats().Snapshot().Writes["tickets"])
}
