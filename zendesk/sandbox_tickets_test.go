package zendesk_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/zendesk"
)

// The calls a Tickets ⇄ Cases sync with comments makes, against the
// simulator.

func TestSandboxTicketCommentsRoundTrip(t *testing.T) {
	clock := newManualClock()
	c, _ := newSandbox(t, zdsandbox.Config{Now: clock.now})
	ctx := context.Background()
	written := clock.second()

	tk, created, err := c.CreateTicketWithAudit(ctx, &zendesk.Ticket{Subject: "From case 00001001",
		Requester: &zendesk.Requester{Name: "Erin", Email: "erin@example.com"}, AssigneeEmail: "agent@example.com",
		Comment: &zendesk.Comment{Body: "The printer is on fire"}})
	require.NoError(t, err)
	assert.Equal(t, zendesk.StatusOpen, tk.Status)
	assert.Equal(t, int64(10), tk.GetAssigneeID())
	assert.Equal(t, "api", tk.Via.Channel)
	desc := created.Comment()
	require.NotNil(t, desc)
	erin, err := c.SearchUsersByEmail(ctx, "erin@example.com")
	require.NoError(t, err)
	require.Len(t, erin, 1)
	assert.Equal(t, erin[0].ID, tk.GetRequesterID(), "the requester was created")

	_, audit, err := c.UpdateTicketWithAudit(ctx, tk.ID, &zendesk.Ticket{
		Metadata: map[string]any{"crmsync": "500XX"},
		Comment:  &zendesk.Comment{Body: "Synced from Salesforce", AuthorID: 10, Public: zendesk.Bool(false)},
	})
	require.NoError(t, err)
	added := audit.Comment()
	require.NotNil(t, added)
	assert.Equal(t, int64(1), audit.AuthorID, "the API user updates")
	assert.Equal(t, map[string]any{"crmsync": "500XX"}, audit.Metadata.Custom)

	var newestFirst []zendesk.Comment
	for cm, err := range c.AllTicketComments(ctx, tk.ID, &zendesk.ListOptions{PageSize: 1, Sort: zendesk.SortNewestFirst}) {
		require.NoError(t, err)
		newestFirst = append(newestFirst, cm)
	}
	require.Len(t, newestFirst, 2)
	assert.Equal(t, []int64{added.ID, desc.ID}, []int64{newestFirst[0].ID, newestFirst[1].ID})
	got := newestFirst[0]
	assert.Equal(t, int64(10), got.AuthorID)
	assert.False(t, got.GetPublic())
	assert.Equal(t, audit.ID, got.AuditID)
	assert.Equal(t, "Synced from Salesforce", got.PlainBody)
	assert.Equal(t, map[string]any{"crmsync": "500XX"}, got.Metadata.Custom, "the marker a sync can tell its own comments by")

	clock.advance(2 * time.Minute)
	events, err := c.IncrementalTicketEvents(ctx, written, true)
	require.NoError(t, err)
	require.True(t, events.EndOfStream)
	var synced []int64
	for _, ev := range events.Events {
		if ev.TicketID != tk.ID {
			continue
		}
		for _, ch := range ev.ChildEvents {
			if cm, ok := ch.Comment(); ok {
				synced = append(synced, cm.ID)
			}
		}
	}
	assert.Equal(t, []int64{desc.ID, added.ID}, synced, "every comment, oldest first, by the ids the writes answered with")
	plain, err := c.IncrementalTicketEvents(ctx, written, false)
	require.NoError(t, err)
	require.NotEmpty(t, plain.Events)
	_, ok := plain.Events[0].ChildEvents[0].Comment()
	assert.False(t, ok, "without comments only their presence")
}

func TestSandboxTicketRefusals(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx := context.Background()
	var ri *zendesk.RecordInvalidError

	_, err := c.UpdateTicket(ctx, 101, &zendesk.Ticket{Comment: &zendesk.Comment{Body: "hello?"}})
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("status"), "closed: %v", err)
	_, err = c.UpdateTicket(ctx, 100, &zendesk.Ticket{Status: zendesk.StatusNew})
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("status"), "back to new: %v", err)
	_, err = c.UpdateTicket(ctx, 100, &zendesk.Ticket{Status: zendesk.StatusSolved, AssigneeEmail: "nobody@example.com"})
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("assignee"), "%v", err)

	job, err := c.UpdateTickets(ctx, []zendesk.Ticket{{ID: 100, Priority: zendesk.String("low")}, {ID: 101, Priority: zendesk.String("low")}})
	require.NoError(t, err)
	done := waitJobs(t, c, job.ID)[0]
	require.Len(t, done.Results, 2)
	assert.False(t, done.Results[0].Failed())
	assert.True(t, done.Results[1].Failed())
	assert.Contains(t, done.Results[1].Details, "closed prevents ticket update")

	job, err = c.CreateTickets(ctx, []zendesk.Ticket{
		{Subject: "ok", RequesterID: zendesk.Int64(11), Comment: &zendesk.Comment{Body: "a"}},
		{Subject: "no body", RequesterID: zendesk.Int64(11)},
	})
	require.NoError(t, err)
	done = waitJobs(t, c, job.ID)[0]
	require.Len(t, done.Results, 2)
	assert.False(t, done.Results[0].Failed())
	assert.NotZero(t, done.Results[0].ID)
	assert.True(t, done.Results[1].Failed())
}

func TestSandboxDeletedTicketInExport(t *testing.T) {
	clock := newManualClock()
	c, _ := newSandbox(t, zdsandbox.Config{Now: clock.now})
	ctx := context.Background()
	deleted := clock.second()
	require.NoError(t, c.DeleteTicket(ctx, 100))
	var nf *zendesk.NotFoundError
	_, err := c.ShowTicket(ctx, 100)
	require.ErrorAs(t, err, &nf)
	require.ErrorAs(t, c.DeleteTicket(ctx, 100), &nf)

	clock.advance(2 * time.Minute)
	page, err := c.IncrementalTickets(ctx, deleted, "", 0)
	require.NoError(t, err)
	require.Len(t, page.Tickets, 1)
	assert.Equal(t, zendesk.StatusDeleted, page.Tickets[0].Status)
	assert.Equal(t, deleted.Unix(), page.Tickets[0].GeneratedTimestamp)
}

func TestSandboxTicketsByExternalID(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx := context.Background()
	for _, ext := range []string{"500A", "500A", "500B"} {
		_, err := c.CreateTicket(ctx, &zendesk.Ticket{Subject: "s " + ext, ExternalID: ext, Comment: &zendesk.Comment{Body: "b"},
			Requester: &zendesk.Requester{Name: "Ann", Email: "ann@example.com"}})
		require.NoError(t, err)
	}
	got, err := c.TicketsByExternalID(ctx, "500A")
	require.NoError(t, err)
	assert.Len(t, got, 2, "external ids are not unique")
	for _, tk := range got {
		assert.Equal(t, "500A", tk.ExternalID)
	}
	none, err := c.TicketsByExternalID(ctx, "nope")
	require.NoError(t, err)
	assert.Empty(t, none)
	_, err = c.TicketsByExternalID(ctx, "")
	assert.Error(t, err)
}
