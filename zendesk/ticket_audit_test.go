package zendesk

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// updateWithAuditJSON is an update answer as Zendesk documents it: the
// ticket and the audit whose Comment event names the new comment.
const updateWithAuditJSON = `{"ticket":{"id":9,"status":"pending"},
"audit":{"id":700,"ticket_id":9,"created_at":"2024-05-01T10:00:00Z","author_id":42,
 "metadata":{"system":{"client":"crmsync"},"custom":{"written_by":"crmsync"}},
 "via":{"channel":"api","source":{"from":{},"to":{},"rel":null}},
 "events":[
  {"id":701,"type":"Comment","author_id":5,"body":"Thanks","html_body":"<p>Thanks</p>","plain_body":"Thanks","public":false,"attachments":[],"audit_id":700},
  {"id":702,"type":"Change","field_name":"status","value":"pending","previous_value":"open"}]}}`

func TestUpdateTicketWithAudit(t *testing.T) {
	c, s := newTestClient(t, ok(updateWithAuditJSON))
	tk, audit, err := c.UpdateTicketWithAudit(context.Background(), 9, &Ticket{
		Status:   StatusPending,
		Comment:  &Comment{Body: "Thanks", Public: Bool(false), AuthorID: 5},
		Metadata: map[string]any{"written_by": "crmsync"},
	})
	require.NoError(t, err)
	assert.Equal(t, StatusPending, tk.Status)
	require.NotNil(t, audit)
	assert.Equal(t, int64(700), audit.ID)
	assert.Equal(t, int64(42), audit.AuthorID)
	assert.Equal(t, "api", audit.Via.Channel)
	assert.Equal(t, map[string]any{"written_by": "crmsync"}, audit.Metadata.Custom)
	require.Len(t, audit.Events, 2)
	assert.Equal(t, AuditEvent{ID: 702, Type: EventChange, FieldName: "status", Value: "pending", PreviousValue: "open"}, audit.Events[1])

	cm := audit.Comment()
	require.NotNil(t, cm)
	assert.Equal(t, int64(701), cm.ID)
	assert.Equal(t, int64(5), cm.AuthorID)
	assert.Equal(t, "Thanks", cm.Body)
	assert.False(t, cm.GetPublic())
	assert.Equal(t, int64(700), cm.AuditID)
	assert.Equal(t, time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), cm.CreatedAt)
	assert.Equal(t, map[string]any{"written_by": "crmsync"}, cm.Metadata.Custom)

	req := s.only()
	assert.Equal(t, http.MethodPut, req.Method)
	assert.JSONEq(t, `{"ticket":{"status":"pending","comment":{"author_id":5,"body":"Thanks","public":false},"metadata":{"written_by":"crmsync"}}}`, req.Body)

	assert.Nil(t, (&Audit{Events: []AuditEvent{{Type: EventChange}}}).Comment(), "a write without a comment")
}

func TestUpdateTicketWithoutChangeHasNoAudit(t *testing.T) {
	c, _ := newTestClient(t, ok(`{"ticket":{"id":9}}`), ok(`{"audit":{"id":1}}`))
	tk, audit, err := c.UpdateTicketWithAudit(context.Background(), 9, &Ticket{Subject: "same"})
	require.NoError(t, err)
	assert.Equal(t, int64(9), tk.ID)
	assert.Nil(t, audit)
	_, err = c.UpdateTicket(context.Background(), 9, &Ticket{Subject: "same"})
	var de *DecodeError
	require.ErrorAs(t, err, &de, "an answer without the ticket")
}

func TestCreateTicketByAddress(t *testing.T) {
	c, s := newTestClient(t, reply{status: 201, body: `{"ticket":{"id":3,"requester_id":77},
		"audit":{"id":10,"ticket_id":3,"created_at":"2024-05-01T10:00:00Z","events":[{"id":11,"type":"Comment","body":"Help","public":true}]}}`})
	tk, audit, err := c.CreateTicketWithAudit(context.Background(), &Ticket{
		Subject: "Help", Requester: &Requester{Name: "Ann", Email: "ann@example.com", LocaleID: 8},
		AssigneeEmail: "agent@example.com", Comment: &Comment{Body: "Help"},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(77), tk.GetRequesterID())
	assert.Equal(t, int64(11), audit.Comment().ID, "the description")
	assert.JSONEq(t, `{"ticket":{"subject":"Help","requester":{"name":"Ann","email":"ann@example.com","locale_id":8},
		"assignee_email":"agent@example.com","comment":{"body":"Help"}}}`, s.only().Body)
}

func TestDeleteTicket(t *testing.T) {
	c, s := newTestClient(t, reply{status: http.StatusNoContent})
	require.NoError(t, c.DeleteTicket(context.Background(), 12))
	req := s.only()
	assert.Equal(t, http.MethodDelete, req.Method)
	assert.Equal(t, "/api/v2/tickets/12", req.Path)
	assert.Error(t, c.DeleteTicket(context.Background(), 0))
	assert.Len(t, s.requests(), 1, "an id below 1 is not sent")
}

func TestTicketBulkJobs(t *testing.T) {
	job := ok(`{"job_status":{"id":"j1","status":"queued","total":2}}`)
	c, s := newTestClient(t, job, job)
	ctx := context.Background()
	_, err := c.CreateTickets(ctx, []Ticket{{Subject: "A", Comment: &Comment{Body: "a"}}, {Subject: "B", Comment: &Comment{Body: "b"}}})
	require.NoError(t, err)
	_, err = c.UpdateTickets(ctx, []Ticket{{ID: 1, Status: StatusOpen}, {ID: 2, Comment: &Comment{Body: "c"}}})
	require.NoError(t, err)
	reqs := s.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, "/api/v2/tickets/create_many", reqs[0].Path)
	assert.JSONEq(t, `{"tickets":[{"subject":"A","comment":{"body":"a"}},{"subject":"B","comment":{"body":"b"}}]}`, reqs[0].Body)
	assert.Equal(t, http.MethodPut, reqs[1].Method)
	assert.Equal(t, "/api/v2/tickets/update_many", reqs[1].Path)
	assert.JSONEq(t, `{"tickets":[{"id":1,"status":"open"},{"id":2,"comment":{"body":"c"}}]}`, reqs[1].Body)

	_, err = c.UpdateTickets(ctx, []Ticket{{ID: 1}, {Subject: "100% no id"}})
	assert.EqualError(t, err, `zendesk: update tickets: ticket 1 ("100% no id") has no id`)
	_, err = c.CreateTickets(ctx, make([]Ticket, MaxBulk+1))
	assert.ErrorContains(t, err, "at most 100")
	_, err = c.CreateTickets(ctx, nil)
	assert.Error(t, err)
	assert.Len(t, s.requests(), 2, "refused calls send nothing")
}

func TestListTicketCommentsDecodesEveryField(t *testing.T) {
	c, s := newTestClient(t, ok(`{"comments":[{"id":5,"type":"Comment","author_id":2,"body":"Hi","html_body":"<p>Hi</p>","plain_body":"Hi",
		"public":true,"audit_id":4,"via":{"channel":"email","source":{"from":{"address":"a@b.c"},"to":{},"rel":null}},
		"metadata":{"system":{"ip_address":"1.2.3.4"},"custom":{"k":"v"}},
		"attachments":[{"id":9,"file_name":"a.png","content_url":"https://x/a.png","content_type":"image/png","size":12}],
		"created_at":"2024-01-01T00:00:00Z"}],"meta":{"has_more":false}}`))
	comments, _, err := c.ListTicketComments(context.Background(), 3, &ListOptions{PageSize: 10, Sort: SortNewestFirst})
	require.NoError(t, err)
	require.Len(t, comments, 1)
	cm := comments[0]
	assert.Equal(t, "Hi", cm.PlainBody)
	assert.Equal(t, int64(4), cm.AuditID)
	assert.Equal(t, "email", cm.Via.Channel)
	assert.Equal(t, map[string]any{"address": "a@b.c"}, cm.Via.Source["from"])
	assert.Equal(t, map[string]any{"k": "v"}, cm.Metadata.Custom)
	assert.Equal(t, []Attachment{{ID: 9, FileName: "a.png", ContentURL: "https://x/a.png", ContentType: "image/png", Size: 12}}, cm.Attachments)
	req := s.only()
	assert.Equal(t, "-created_at", req.Query.Get("sort"))
	assert.Equal(t, "10", req.Query.Get("page[size]"))
}

const ticketEventsJSON = `{"ticket_events":[{"id":700,"ticket_id":9,"timestamp":1714557600,"created_at":"2024-05-01T10:00:00Z",
 "updater_id":42,"via":"Web service","system":{},"metadata":{"custom":{"written_by":"crmsync"}},"event_type":"Audit",
 "child_events":[%s,
  {"id":702,"via":"Web service","via_reference_id":null,"field_name":"status","value":"pending","previous_value":"open","event_type":"Change"}]}],
 "count":1,"end_time":1714557600,"next_page":"https://x/api/v2/incremental/ticket_events.json?start_time=1714557600","end_of_stream":true}`

func TestIncrementalTicketEvents(t *testing.T) {
	withComment := `{"id":701,"via":{"channel":"api","source":{}},"via_reference_id":null,"type":"Comment","author_id":5,
		"body":"Thanks","html_body":"<p>Thanks</p>","public":false,"attachments":[],"audit_id":700,"created_at":"2024-05-01T10:00:00Z","event_type":"Comment"}`
	presentOnly := `{"id":701,"via":"Web service","via_reference_id":null,"comment_present":true,"comment_public":false,"event_type":"Comment"}`
	c, s := newTestClient(t, ok(strings.Replace(ticketEventsJSON, "%s", withComment, 1)), ok(strings.Replace(ticketEventsJSON, "%s", presentOnly, 1)))
	ctx := context.Background()
	start := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)

	page, err := c.IncrementalTicketEvents(ctx, start, true)
	require.NoError(t, err)
	assert.True(t, page.EndOfStream)
	assert.Equal(t, 1, page.Count)
	assert.Equal(t, time.Unix(1714557600, 0).UTC(), page.EndTime)
	require.Len(t, page.Events, 1)
	ev := page.Events[0]
	assert.Equal(t, int64(700), ev.ID)
	assert.Equal(t, int64(9), ev.TicketID)
	assert.Equal(t, int64(42), ev.UpdaterID)
	assert.Equal(t, "Web service", ev.Via.Name)
	assert.Equal(t, map[string]any{"written_by": "crmsync"}, ev.Metadata.Custom)
	require.Len(t, ev.ChildEvents, 2)
	cm, ok := ev.ChildEvents[0].Comment()
	require.True(t, ok)
	assert.Equal(t, int64(701), cm.ID)
	assert.Equal(t, "Thanks", cm.Body)
	assert.Equal(t, int64(700), cm.AuditID)
	assert.Equal(t, "api", cm.Via.Channel)
	assert.False(t, cm.GetPublic())
	assert.Equal(t, time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), cm.CreatedAt)
	change := ev.ChildEvents[1]
	assert.Equal(t, EventChange, change.EventType)
	assert.Equal(t, "status", change.FieldName)
	assert.Equal(t, "open", change.PreviousValue)
	_, ok = change.Comment()
	assert.False(t, ok)

	page, err = c.IncrementalTicketEvents(ctx, start, false)
	require.NoError(t, err)
	only := page.Events[0].ChildEvents[0]
	_, ok = only.Comment()
	assert.False(t, ok, "without comment_events there is no text to return")
	assert.True(t, *only.CommentPresent)
	assert.False(t, *only.CommentPublic)

	reqs := s.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/api/v2/incremental/ticket_events.json", reqs[0].Path)
	assert.Equal(t, "comment_events", reqs[0].Query.Get("include"))
	assert.Equal(t, "1714521600", reqs[0].Query.Get("start_time"))
	assert.False(t, reqs[1].Query.Has("include"))
}

func TestIncrementalTicketEventsRefusesBadPages(t *testing.T) {
	for name, body := range map[string]string{
		"no list":     `{"count":0,"end_of_stream":true}`,
		"no end_time": `{"ticket_events":[],"count":0,"end_of_stream":false}`,
		"bad via":     `{"ticket_events":[{"id":1,"via":7}],"end_of_stream":true}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := newTestClient(t, ok(body))
			_, err := c.IncrementalTicketEvents(context.Background(), time.Unix(1, 0), false)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
		})
	}
	c, s := newTestClient(t)
	_, err := c.IncrementalTicketEvents(context.Background(), time.Time{}, true)
	assert.Error(t, err)
	assert.Empty(t, s.requests())
}
