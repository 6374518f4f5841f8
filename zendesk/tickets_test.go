package zendesk

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fullTicketJSON = `{"id":35436,"url":"https://acme.zendesk.com/api/v2/tickets/35436.json","external_id":"500XX01",
"subject":"Help, my printer is on fire!","description":"The fire is very colorful.","status":"open","priority":"high",
"type":null,"requester_id":20978392,"submitter_id":76872,"assignee_id":235323,"organization_id":509974,"group_id":98738,
"collaborator_ids":[35334,234],"tags":["enterprise","other_tag"],"custom_fields":[{"id":27642,"value":"745"},{"id":27648,"value":true}],
"created_at":"2009-07-20T22:55:29Z","updated_at":"2011-05-05T10:38:52Z","generated_timestamp":1304592000}`

func TestShowTicketDecodesDocumentedFields(t *testing.T) {
	c, s := newTestClient(t, ok(`{"ticket":`+fullTicketJSON+`}`))
	tk, err := c.ShowTicket(context.Background(), 35436)
	require.NoError(t, err)
	req := s.only()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v2/tickets/35436", req.Path)

	assert.Equal(t, int64(35436), tk.ID)
	assert.Equal(t, "500XX01", tk.ExternalID)
	assert.Equal(t, "Help, my printer is on fire!", tk.Subject)
	assert.Equal(t, "The fire is very colorful.", tk.Description)
	assert.Equal(t, StatusOpen, tk.Status)
	assert.Equal(t, "high", tk.GetPriority())
	assert.Nil(t, tk.Type)
	assert.Equal(t, int64(20978392), tk.GetRequesterID())
	assert.Equal(t, Int64(76872), tk.SubmitterID)
	assert.Equal(t, int64(235323), tk.GetAssigneeID())
	assert.Equal(t, Int64(509974), tk.OrganizationID)
	assert.Equal(t, Int64(98738), tk.GroupID)
	assert.Equal(t, []int64{35334, 234}, tk.CollaboratorIDs)
	assert.Equal(t, []string{"enterprise", "other_tag"}, tk.Tags)
	assert.Equal(t, []CustomField{{ID: 27642, Value: "745"}, {ID: 27648, Value: true}}, tk.CustomFields)
	assert.Equal(t, time.Date(2009, 7, 20, 22, 55, 29, 0, time.UTC), tk.CreatedAt)
	assert.Equal(t, int64(1304592000), tk.GeneratedTimestamp)
}

func TestCreateTicket(t *testing.T) {
	c, s := newTestClient(t, reply{status: 201, body: `{"ticket":{"id":9,"subject":"Hi","status":"new"},"audit":{"id":1}}`})
	tk, err := c.CreateTicket(context.Background(), &Ticket{
		Subject: "Hi", RequesterID: Int64(5), Priority: String("normal"),
		Comment: &Comment{Body: "first", Public: Bool(true)},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(9), tk.ID)
	assert.Equal(t, StatusNew, tk.Status)
	req := s.only()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/api/v2/tickets", req.Path)
	assert.JSONEq(t, `{"ticket":{"subject":"Hi","requester_id":5,"priority":"normal","comment":{"body":"first","public":true}}}`, req.Body)
}

func TestUpdateTicket(t *testing.T) {
	c, s := newTestClient(t, ok(`{"ticket":{"id":9,"status":"solved","assignee_id":3}}`))
	tk, err := c.UpdateTicket(context.Background(), 9, &Ticket{Status: StatusSolved, AssigneeID: Int64(3), Comment: &Comment{Body: "done", Public: Bool(false)}})
	require.NoError(t, err)
	assert.Equal(t, StatusSolved, tk.Status)
	req := s.only()
	assert.Equal(t, http.MethodPut, req.Method)
	assert.Equal(t, "/api/v2/tickets/9", req.Path)
	assert.JSONEq(t, `{"ticket":{"status":"solved","assignee_id":3,"comment":{"body":"done","public":false}}}`, req.Body)
}

func TestUpdateClosedTicket(t *testing.T) {
	c, _ := newTestClient(t, reply{status: 422, body: `{"error":"RecordInvalid","description":"Record validation errors","details":{"status":[{"description":"closed prevents ticket update"}]}}`})
	_, err := c.UpdateTicket(context.Background(), 9, &Ticket{Subject: "x"})
	var ri *RecordInvalidError
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("status"))
	assert.Contains(t, err.Error(), "zendesk: PUT /api/v2/tickets/9: record invalid: Record validation errors: status: closed prevents ticket update")
}

func TestTicketNilArguments(t *testing.T) {
	c, s := newTestClient(t)
	_, err := c.CreateTicket(context.Background(), nil)
	assert.Error(t, err)
	_, err = c.UpdateTicket(context.Background(), 1, nil)
	assert.Error(t, err)
	assert.Empty(t, s.requests())
}

func TestListTicketComments(t *testing.T) {
	c, s := newTestClient(t, ok(`{"comments":[
		{"id":1,"type":"Comment","author_id":5,"body":"first","html_body":"<p>first</p>","public":true,"created_at":"2024-01-01T00:00:00Z"},
		{"id":2,"type":"Comment","author_id":6,"body":"internal","public":false,"created_at":"2024-01-02T00:00:00Z"}],
		"meta":{"has_more":true,"after_cursor":"c9"}}`))
	comments, page, err := c.ListTicketComments(context.Background(), 77, &ListOptions{After: "c8"})
	require.NoError(t, err)
	require.Len(t, comments, 2)
	assert.Equal(t, Comment{ID: 1, Type: "Comment", AuthorID: 5, Body: "first", HTMLBody: "<p>first</p>", Public: Bool(true), CreatedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, comments[0])
	assert.False(t, comments[1].GetPublic())
	assert.True(t, (&Comment{}).GetPublic())
	assert.Equal(t, "c9", page.AfterCursor)
	req := s.only()
	assert.Equal(t, "/api/v2/tickets/77/comments", req.Path)
	assert.Equal(t, "c8", req.Query.Get("page[after]"))
}
