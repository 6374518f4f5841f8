package zendesk

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func createTicket(t *testing.T, f *fixture, ticket map[string]any) reply {
	t.Helper()
	if _, ok := ticket["comment"]; !ok {
		ticket["comment"] = map[string]any{"body": "Help"}
	}
	return f.do(t, http.MethodPost, "/api/v2/tickets", map[string]any{"ticket": ticket})
}

func TestRequesterObjectCreatesTheEndUser(t *testing.T) {
	f := newFixture(t, Config{})
	r := createTicket(t, f, map[string]any{"requester": map[string]any{"name": "Carla Cruz", "email": "Carla@Example.com", "locale_id": 8}})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	tk := obj(r.body, "ticket")
	id := tk["requester_id"].(float64)
	assert.Equal(t, float64(13), id)
	assert.Equal(t, id, tk["submitter_id"])
	assert.Nil(t, tk["organization_id"])
	u := obj(f.do(t, http.MethodGet, "/api/v2/users/13", nil).body, "user")
	assert.Equal(t, "Carla Cruz", u["name"])
	assert.Equal(t, "Carla@Example.com", u["email"])
	assert.Equal(t, "end-user", u["role"])
	assert.Equal(t, zendeskTime(f.clock.Now()), u["created_at"])
}

func TestRequesterObjectReusesTheUserWithThatEmail(t *testing.T) {
	f := newFixture(t, Config{})
	before := obj(f.do(t, http.MethodGet, "/api/v2/users/12", nil).body, "user")
	r := createTicket(t, f, map[string]any{"requester": map[string]any{"name": "Robert", "email": "BOB@example.com"}})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	tk := obj(r.body, "ticket")
	assert.Equal(t, float64(12), tk["requester_id"])
	assert.Equal(t, float64(2), tk["organization_id"], "the existing user's organization")
	assert.Equal(t, before, obj(f.do(t, http.MethodGet, "/api/v2/users/12", nil).body, "user"), "used unchanged")

	r = addComment(t, f, 100, map[string]any{"requester": map[string]any{"email": "bob@example.com"}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, float64(12), obj(r.body, "ticket")["requester_id"], "on update too")
	r = addComment(t, f, 100, map[string]any{"requester": map[string]any{"name": "Dora", "email": "dora@example.com"}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, float64(13), obj(r.body, "ticket")["requester_id"], "a new address makes a new user on update as well")
}

func TestRequesterObjectRefusals(t *testing.T) {
	cases := []struct {
		name   string
		ticket map[string]any
		field  string
		detail string
	}{
		{"bad email", map[string]any{"requester": map[string]any{"name": "X", "email": "x@"}}, "requester", "Requester: Email: x@ is not properly formatted"},
		{"no name for a new user", map[string]any{"requester": map[string]any{"email": "new@example.com"}}, "requester", "Requester: Name:  is too short (minimum is 1 character)"},
		{"ticket invalid", map[string]any{"requester": map[string]any{"name": "N", "email": "new@example.com"}, "priority": "meh"}, "priority", "Priority: is invalid"},
		{"unknown assignee email", map[string]any{"requester_id": 11, "assignee_email": "ghost@example.com"}, "assignee", "Assignee: is invalid"},
		{"end-user assignee email", map[string]any{"requester_id": 11, "assignee_email": "bob@example.com"}, "assignee", "Assignee: is not an agent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Config{})
			r := createTicket(t, f, tc.ticket)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, r.raw)
			assert.Equal(t, tc.detail, firstDetail(t, r.body, tc.field))
			assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/users/13", nil).status, "no user is left behind")
		})
	}
}

func TestAssigneeEmail(t *testing.T) {
	f := newFixture(t, Config{})
	r := createTicket(t, f, map[string]any{"requester_id": 11, "assignee_email": "AGENT@example.com"})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	tk := obj(r.body, "ticket")
	assert.Equal(t, float64(10), tk["assignee_id"])
	assert.Equal(t, "open", tk["status"], "assigned, so open")
	r = addComment(t, f, int(tk["id"].(float64)), map[string]any{"assignee_email": "admin@example.com", "status": "solved"})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, float64(1), obj(r.body, "ticket")["assignee_id"])
}
