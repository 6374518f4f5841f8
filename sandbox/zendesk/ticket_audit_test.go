package zendesk

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// events is a write's audit.events, by type.
func events(t *testing.T, r reply) map[string][]map[string]any {
	t.Helper()
	a := obj(r.body, "audit")
	require.NotNil(t, a, "no audit in %s", r.raw)
	out := map[string][]map[string]any{}
	for _, e := range a["events"].([]any) {
		ev := e.(map[string]any)
		out[ev["type"].(string)] = append(out[ev["type"].(string)], ev)
	}
	return out
}

func addComment(t *testing.T, f *fixture, id int, ticket map[string]any) reply {
	t.Helper()
	return f.do(t, http.MethodPut, fmt.Sprintf("/api/v2/tickets/%d", id), map[string]any{"ticket": ticket})
}

func TestUpdateAnswersWithTheAudit(t *testing.T) {
	f := newFixture(t, Config{})
	r := addComment(t, f, 100, map[string]any{"status": "pending", "comment": map[string]any{"body": "On it", "author_id": 10}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	a := obj(r.body, "audit")
	assert.Equal(t, float64(100), a["ticket_id"])
	assert.Equal(t, float64(1), a["author_id"], "the API user makes the update, whoever authors the comment")
	assert.Equal(t, "api", obj(a, "via")["channel"])
	assert.Equal(t, zendeskTime(f.clock.Now()), a["created_at"])
	ev := events(t, r)
	require.Len(t, ev["Comment"], 1)
	comment := ev["Comment"][0]
	assert.Equal(t, "On it", comment["body"])
	assert.Equal(t, float64(10), comment["author_id"], "author_id names another user, shown as the author")
	assert.Equal(t, a["id"], comment["audit_id"])
	require.Len(t, ev["Change"], 1)
	assert.Equal(t, map[string]any{"id": ev["Change"][0]["id"], "type": "Change", "field_name": "status", "value": "pending", "previous_value": "open"}, ev["Change"][0])

	comments := list(f.do(t, http.MethodGet, "/api/v2/tickets/100/comments", nil).body, "comments")
	require.Len(t, comments, 2)
	assert.Equal(t, comment["id"], comments[1]["id"], "the Comment event's id is the new comment's")
	assert.Equal(t, a["id"], comments[1]["audit_id"])
	assert.Equal(t, "api", obj(comments[1], "via")["channel"])

	// A write that changes nothing makes no audit.
	r = addComment(t, f, 100, map[string]any{"status": "pending"})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.NotContains(t, r.body, "audit")
}

func TestCommentDefaults(t *testing.T) {
	f := newFixture(t, Config{})
	r := addComment(t, f, 100, map[string]any{"comment": map[string]any{"body": "No author given"}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	c := events(t, r)["Comment"][0]
	assert.Equal(t, float64(1), c["author_id"], "the API user")
	assert.Equal(t, true, c["public"], "as public as the first comment")

	r = f.do(t, http.MethodPost, "/api/v2/tickets", map[string]any{"ticket": map[string]any{
		"subject": "Internal", "requester_id": 11, "comment": map[string]any{"body": "note to self", "public": false}}})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	id := int(obj(r.body, "ticket")["id"].(float64))
	r = addComment(t, f, id, map[string]any{"comment": map[string]any{"body": "still internal"}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, false, events(t, r)["Comment"][0]["public"], "the first comment's publicity carries over")
	r = addComment(t, f, id, map[string]any{"comment": map[string]any{"body": "now public", "public": true}})
	assert.Equal(t, true, events(t, r)["Comment"][0]["public"])

	r = addComment(t, f, 100, map[string]any{"comment": map[string]any{"html_body": "<p>Hello <b>there</b> &amp; welcome</p><p>Line two</p>"}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	c = events(t, r)["Comment"][0]
	assert.Equal(t, "Hello there & welcome\nLine two", c["body"])
	assert.Equal(t, c["body"], c["plain_body"])
	assert.Equal(t, "<p>Hello <b>there</b> &amp; welcome</p><p>Line two</p>", c["html_body"])

	r = addComment(t, f, 100, map[string]any{"comment": map[string]any{"html_body": "<div>a<br><br><br><br>b</div>"}})
	assert.Equal(t, "a\n\nb", events(t, r)["Comment"][0]["body"], "empty lines fold to one")

	r = addComment(t, f, 100, map[string]any{"comment": map[string]any{"html_body": "<p> </p>"}})
	require.Equal(t, http.StatusUnprocessableEntity, r.status, "markup without text is blank")
}

func TestCreateAnswersWithTheAudit(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodPost, "/api/v2/tickets", map[string]any{"ticket": map[string]any{
		"subject": "Hi", "requester_id": 11, "priority": "low", "comment": map[string]any{"body": "first"}}})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	ev := events(t, r)
	require.Len(t, ev["Comment"], 1)
	assert.Equal(t, float64(11), ev["Comment"][0]["author_id"], "the submitter, here the requester, writes the description")
	created := map[string]any{}
	for _, e := range ev["Create"] {
		created[e["field_name"].(string)] = e["value"]
	}
	assert.Equal(t, map[string]any{"subject": "Hi", "status": "new", "priority": "low", "requester_id": "11", "organization_id": "1"}, created)
	assert.Equal(t, "api", obj(obj(r.body, "ticket"), "via")["channel"])
}

func TestTicketMetadataLandsInTheAudit(t *testing.T) {
	f := newFixture(t, Config{})
	marker := map[string]any{"written_by": "crmsync", "case": "500XX"}
	r := addComment(t, f, 100, map[string]any{"metadata": marker, "comment": map[string]any{"body": "from Salesforce"}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, marker, obj(obj(obj(r.body, "audit"), "metadata"), "custom"))
	assert.NotContains(t, obj(r.body, "ticket"), "metadata", "write-only")
	comments := list(f.do(t, http.MethodGet, "/api/v2/tickets/100/comments", nil).body, "comments")
	assert.Equal(t, marker, obj(obj(comments[1], "metadata"), "custom"), "the comment shows its audit's metadata")

	r = addComment(t, f, 100, map[string]any{"metadata": map[string]any{"blob": strings.Repeat("x", 1100)}, "subject": "x"})
	require.Equal(t, http.StatusUnprocessableEntity, r.status, r.raw)
	assert.Contains(t, firstDetail(t, r.body, "metadata"), "too large")
}

func TestCommentLimit(t *testing.T) {
	data := testSeed()
	tk := &data.Tickets[0]
	for i := len(tk.Comments); i < maxComments; i++ {
		tk.Comments = append(tk.Comments, seed.Comment{AuthorID: 10, Body: "more", Public: true, CreatedAt: t0.Add(time.Second)})
	}
	f := newFixtureWith(t, Config{}, data)
	r := addComment(t, f, 100, map[string]any{"comment": map[string]any{"body": "one too many"}})
	require.Equal(t, http.StatusUnprocessableEntity, r.status, r.raw)
	assert.Contains(t, firstDetail(t, r.body, "base"), "5000")
	r = addComment(t, f, 100, map[string]any{"priority": "low"})
	assert.Equal(t, http.StatusOK, r.status, "other changes still work")
}

func TestClosedTicketRefusesEveryWrite(t *testing.T) {
	f := newFixture(t, Config{})
	for name, ticket := range map[string]map[string]any{
		"a field":  {"priority": "low"},
		"reopen":   {"status": "open"},
		"comment":  {"comment": map[string]any{"body": "hello?"}},
		"metadata": {"metadata": map[string]any{"a": 1}},
	} {
		r := addComment(t, f, 101, ticket)
		require.Equal(t, http.StatusUnprocessableEntity, r.status, name)
		assert.Equal(t, "closed prevents ticket update", firstDetail(t, r.body, "status"), name)
	}
	js := f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/tickets/update_many", map[string]any{"tickets": []any{
		map[string]any{"id": 101, "comment": map[string]any{"body": "bulk hello"}},
		map[string]any{"id": 100, "comment": map[string]any{"body": "bulk hello"}},
	}}))
	res := results(js)
	assert.Equal(t, "Failed", res[0]["status"])
	assert.Equal(t, "closed prevents ticket update", res[0]["details"])
	assert.Equal(t, "Updated", res[1]["status"])
	assert.Len(t, list(f.do(t, http.MethodGet, "/api/v2/tickets/101/comments", nil).body, "comments"), 1)
	assert.Len(t, list(f.do(t, http.MethodGet, "/api/v2/tickets/100/comments", nil).body, "comments"), 2)
}

func TestSeedWithoutTheAPIUserGetsOne(t *testing.T) {
	data := testSeed()
	data.Users = data.Users[1:]
	f := newFixtureWith(t, Config{Email: "api@example.com", APIToken: "t"}, data)
	r := f.doAuth(t, http.MethodGet, "/api/v2/users/search?query=email:api@example.com", nil, basicAuth("api@example.com", "t"))
	require.Equal(t, http.StatusOK, r.status, r.raw)
	users := list(r.body, "users")
	require.Len(t, users, 1)
	assert.Equal(t, "admin", users[0]["role"])
	assert.Equal(t, float64(13), users[0]["id"], "after the seeded users")
	assert.Equal(t, zendeskTime(t0), users[0]["created_at"], "as old as the oldest seeded user")

	r = f.doAuth(t, http.MethodPut, "/api/v2/tickets/100", map[string]any{"ticket": map[string]any{"comment": map[string]any{"body": "hi"}}},
		basicAuth("api@example.com", "t"))
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, float64(13), events(t, r)["Comment"][0]["author_id"])

	empty := newFixtureWith(t, Config{}, seed.Zendesk{})
	r = empty.do(t, http.MethodGet, "/api/v2/users", nil)
	require.Len(t, list(r.body, "users"), 1)
	assert.Equal(t, "1970-01-01T00:00:00Z", list(r.body, "users")[0]["created_at"])
}
