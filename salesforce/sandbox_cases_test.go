package salesforce_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/salesforce"
	sfsandbox "github.com/crmsync/crmsync/sandbox/salesforce"
)

// The calls a Tickets ⇄ Cases sync makes, against the simulator.

func TestSandboxCaseUpsertByTicketID(t *testing.T) {
	org, _ := newClockedSandbox(t)
	c := org.client(t)
	ctx := context.Background()

	res, err := c.Upsert(ctx, "Case", "Zendesk_Ticket_Id__c", "4242", salesforce.Record{"Subject": "Printer on fire", "Status": "New", "Origin": "Web"})
	require.NoError(t, err)
	assert.True(t, res.Created)
	again, err := c.Upsert(ctx, "Case", "Zendesk_Ticket_Id__c", "4242", salesforce.Record{"Status": "Closed"})
	require.NoError(t, err)
	assert.Equal(t, res.ID, again.ID)
	assert.False(t, again.Created)
	got, err := c.Get(ctx, "Case", res.ID, []string{"Status", "IsClosed", "ClosedDate", "CaseNumber"})
	require.NoError(t, err)
	assert.Equal(t, "true", got.String("IsClosed"))
	_, closed := got.Time("ClosedDate")
	assert.True(t, closed)
	assert.NotEmpty(t, got.String("CaseNumber"))

	results, err := c.UpsertCollection(ctx, "Case", "Zendesk_Ticket_Id__c", []salesforce.Record{
		{"Zendesk_Ticket_Id__c": "4242", "Priority": "Low"},
		{"Zendesk_Ticket_Id__c": "4243", "Subject": "Second", "Priority": "Urgent"},
	}, false)
	require.NoError(t, err)
	require.Len(t, results, 2)
	assert.Equal(t, res.ID, results[0].ID)
	assert.True(t, results[1].HasCode("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"), "%+v", results[1])
}

func TestSandboxCaseComments(t *testing.T) {
	org, clock := newClockedSandbox(t)
	c := org.client(t)
	ctx := context.Background()
	cases := queryRecords(t, c, "SELECT Id FROM Case ORDER BY Id LIMIT 2")
	require.Len(t, cases, 2)
	clock.advance(time.Hour)
	since := clock.now().Truncate(time.Second)

	comment := func(parent, body string, published bool) salesforce.Record {
		return salesforce.Record{"attributes": map[string]string{"type": "CaseComment"},
			"ParentId": parent, "CommentBody": body, "IsPublished": published}
	}
	res, err := c.CreateCollection(ctx, []salesforce.Record{
		comment(cases[0].ID(), "From Zendesk: hello", true),
		comment(cases[1].ID(), "Internal: check logs", false),
		comment(cases[1].ID(), strings.Repeat("ü", 2001), true),
	}, false)
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.True(t, res[0].Success, "%+v", res[0])
	assert.True(t, res[1].Success, "%+v", res[1])
	assert.True(t, res[2].HasCode("STRING_TOO_LONG"), "2001 ü are 4002 bytes: %+v", res[2])

	got := queryRecords(t, c, "SELECT Id, ParentId, CommentBody, IsPublished, CreatedById, CreatedDate FROM CaseComment WHERE ParentId IN ("+
		salesforce.QuoteString(cases[0].ID())+", "+salesforce.QuoteString(cases[1].ID())+") AND SystemModstamp >= "+
		salesforce.FormatDateTime(since)+" ORDER BY CreatedDate, Id")
	require.Len(t, got, 2)
	assert.Equal(t, res[0].ID, got[0].ID())
	assert.Equal(t, "From Zendesk: hello", got[0].String("CommentBody"))
	assert.Equal(t, "true", got[0].String("IsPublished"))
	assert.Equal(t, "false", got[1].String("IsPublished"))
	me := queryRecords(t, c, "SELECT Id FROM User WHERE Username = 'integration@example.com'")
	require.Len(t, me, 1)
	assert.Equal(t, me[0].ID(), got[0].String("CreatedById"), "written by the API user")

	d, err := c.Describe(ctx, "CaseComment")
	require.NoError(t, err)
	body, ok := d.Field("CommentBody")
	require.True(t, ok)
	assert.Equal(t, 4000, body.Length)
	for _, f := range d.Fields {
		assert.False(t, strings.HasSuffix(f.Name, "__c"), "no custom fields: %s", f.Name)
	}
	_, err = c.CreateCollection(ctx, []salesforce.Record{{"attributes": map[string]string{"type": "CaseComment"},
		"ParentId": cases[0].ID(), "Zendesk_Comment_Id__c": "1"}}, false)
	var qe *salesforce.QueryError
	require.ErrorAs(t, err, &qe, "an unknown field fails the whole call")
	assert.Equal(t, "INVALID_FIELD", qe.Code)
}

func TestSandboxAssigneeLookup(t *testing.T) {
	org := newSandbox(t, sfsandbox.Config{})
	c := org.client(t)
	users := org.data.Salesforce.Users
	shared := users[len(users)-1]["Email"].(string)
	found := queryRecords(t, c, "SELECT Id, Email, IsActive, Name, Username FROM User WHERE Email = "+
		salesforce.QuoteString(shared)+" AND IsActive = true")
	require.Len(t, found, 1, "the seed's former user shares the address but is inactive")
	assert.Equal(t, users[0]["Id"], found[0].ID())
	assert.Equal(t, users[0]["Username"], found[0].String("Username"))
	all := queryRecords(t, c, "SELECT Id FROM User WHERE Email = "+salesforce.QuoteString(shared))
	assert.Len(t, all, 2)

	var agent bool
	for _, u := range org.data.Zendesk.Users {
		agent = agent || (u.Role == "agent" && strings.EqualFold(u.Email, shared))
	}
	assert.True(t, agent, "a Zendesk agent has the address too, so an assignee can be matched")
}
