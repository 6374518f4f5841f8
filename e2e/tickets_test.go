package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/salesforce"
	sfsandbox "github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

var ticketToCase = map[string]string{"new": "New", "open": "Working", "pending": "Working", "hold": "Escalated",
	"solved": "Closed", "closed": "Closed"}

// ticketEnv runs a full sync and returns the tickets' links by ticket id.
func ticketEnv(t *testing.T, seedN int64, options ...envOption) (*env, map[int64]store.Link) {
	t.Helper()
	e := newEnv(t, seed.Options{Seed: seedN, Accounts: 20, Contacts: 200, Tickets: 40}, options...)
	_, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	var ids []int64
	for _, tk := range e.data.Zendesk.Tickets {
		ids = append(ids, tk.ID)
	}
	links, err := e.store.LinksByZendeskID(context.Background(), "tickets", ids)
	require.NoError(t, err)
	return e, links
}

func (e *env) caseRecord(id string) salesforce.Record {
	e.t.Helper()
	r, err := e.sf.Get(context.Background(), "Case", id, []string{"Subject", "Description", "Status", "Priority", "ContactId", "Zendesk_Ticket_Id__c"})
	require.NoError(e.t, err)
	return r
}

func (e *env) ticket(id int64) *zendesk.Ticket {
	e.t.Helper()
	tk, err := e.zd.ShowTicket(context.Background(), id)
	require.NoError(e.t, err)
	return tk
}

// A full sync links every ticket to one case carrying its subject,
// description, status and priority through the default maps, and its
// requester as the case's contact when the requester is a synced contact.
func TestFullSyncLinksEveryTicketToACase(t *testing.T) {
	e, links := ticketEnv(t, 41)
	ctx := context.Background()
	require.Len(t, links, len(e.data.Zendesk.Tickets), "every ticket is linked")
	seen := map[string]bool{}
	withContact := 0
	for _, tk := range e.data.Zendesk.Tickets {
		l := links[tk.ID]
		assert.False(t, seen[l.SalesforceID], "one case per ticket")
		seen[l.SalesforceID] = true
		c := e.caseRecord(l.SalesforceID)
		assert.Equal(t, tk.Subject, c["Subject"], "ticket %d", tk.ID)
		assert.Equal(t, ticketToCase[tk.Status], c["Status"], "ticket %d status %s", tk.ID, tk.Status)
		assert.Equal(t, strconv.FormatInt(tk.ID, 10), c["Zendesk_Ticket_Id__c"])
		if tk.Priority != "" {
			assert.Equal(t, map[string]string{"urgent": "High", "high": "High", "normal": "Medium", "low": "Low"}[tk.Priority], c["Priority"])
		}
		contact, err := e.store.LinksByZendeskID(ctx, "contacts", []int64{tk.RequesterID})
		require.NoError(t, err)
		if l, ok := contact[tk.RequesterID]; ok {
			assert.Equal(t, l.SalesforceID, c["ContactId"], "ticket %d requester", tk.ID)
			withContact++
		}
	}
	assert.Positive(t, withContact, "the seed has requesters who are contacts")

	zdBefore, sfBefore := writes(e)
	again := e.incremental()
	zdAfter, sfAfter := writes(e)
	assert.Equal(t, zdBefore, zdAfter, "the cases' echo writes nothing to Zendesk")
	assert.Equal(t, sfBefore, sfAfter, "nor to Salesforce")
	assert.Zero(t, pairResult(again, "tickets").Counts.Conflicts)
}

// A status changed on each side flows to the other through the maps; a
// lossy map keeps the ticket's own value when the case is edited.
func TestTicketStatusBothWays(t *testing.T) {
	e, links := ticketEnv(t, 42)
	var open, other *seed.Ticket
	for i := range e.data.Zendesk.Tickets {
		tk := &e.data.Zendesk.Tickets[i]
		if tk.Status == "open" && open == nil {
			open = tk
		} else if tk.Status == "open" && other == nil {
			other = tk
		}
	}
	require.NotNil(t, open)
	require.NotNil(t, other)

	// Zendesk: open → pending; the case stays Working (no write), and an
	// unrelated case edit later leaves the ticket pending.
	_, err := e.zd.UpdateTicket(context.Background(), open.ID, &zendesk.Ticket{Status: "pending"})
	require.NoError(t, err)
	e.incremental()
	c := e.caseRecord(links[open.ID].SalesforceID)
	assert.Equal(t, "Working", c["Status"])
	e.editCase(links[open.ID].SalesforceID, salesforce.Record{"Subject": "Edited on the case"})
	e.incremental()
	tk := e.ticket(open.ID)
	assert.Equal(t, "pending", tk.Status, "pending survives an unrelated edit")
	assert.Equal(t, "Edited on the case", tk.Subject)

	// Salesforce: Working → Closed; the ticket is solved.
	e.editCase(links[other.ID].SalesforceID, salesforce.Record{"Status": "Closed"})
	e.incremental()
	assert.Equal(t, "solved", e.ticket(other.ID).Status)
}

// A closed ticket refuses every update: a later case edit is rejected once
// with the reason, not on every run.
func TestClosedTicketRejectsACaseEditOnce(t *testing.T) {
	e, links := ticketEnv(t, 43)
	var closed *seed.Ticket
	for i := range e.data.Zendesk.Tickets {
		if e.data.Zendesk.Tickets[i].Status == "closed" {
			closed = &e.data.Zendesk.Tickets[i]
			break
		}
	}
	require.NotNil(t, closed, "the seed has a closed ticket")
	e.editCase(links[closed.ID].SalesforceID, salesforce.Record{"Subject": "After closure"})

	res := e.incremental()
	var reasons []string
	for _, r := range res.Rejected {
		if r.Pair == "tickets" && r.ZendeskID == closed.ID {
			reasons = append(reasons, r.Reason)
		}
	}
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], "closed prevents ticket update")

	again, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	for _, r := range again.Rejected {
		assert.False(t, r.Pair == "tickets" && r.ZendeskID == closed.ID, "reported once, not on every run: %s", r.Reason)
	}
}

// A ticket created in Zendesk gets a case with the requester's contact.
func TestNewTicketGetsACase(t *testing.T) {
	e, _ := ticketEnv(t, 44)
	ctx := context.Background()
	var contact store.Link
	for _, c := range e.data.Salesforce.Contacts {
		got, err := e.store.Links(ctx, "contacts", []string{c["Id"].(string)})
		require.NoError(t, err)
		if l, ok := got[c["Id"].(string)]; ok {
			contact = l
			break
		}
	}
	require.NotEmpty(t, contact.SalesforceID)
	tk, err := e.zd.CreateTicket(ctx, &zendesk.Ticket{Subject: "Printer on fire", RequesterID: &contact.ZendeskID,
		Priority: zendesk.String("urgent"), Comment: &zendesk.Comment{Body: "It is really on fire."}})
	require.NoError(t, err)

	before, err := e.store.CountLinks(ctx, "tickets")
	require.NoError(t, err)
	res := e.incremental()
	after, err := e.store.CountLinks(ctx, "tickets")
	require.NoError(t, err)
	// The seed's most recent tickets sat in the export's last minute
	// during the full sync: they arrive now too.
	assert.Equal(t, after-before, pairResult(res, "tickets").Counts.Salesforce.Created)
	l, err := e.store.LinksByZendeskID(ctx, "tickets", []int64{tk.ID})
	require.NoError(t, err)
	require.Contains(t, l, tk.ID)
	c := e.caseRecord(l[tk.ID].SalesforceID)
	assert.Equal(t, "Printer on fire", c["Subject"])
	assert.Equal(t, "It is really on fire.", c["Description"])
	assert.Equal(t, "High", c["Priority"])
	assert.Equal(t, contact.SalesforceID, c["ContactId"])
	u := e.user(contact.ZendeskID)
	if org := u.GetOrganizationID(); org != 0 {
		accounts, err := e.store.LinksByZendeskID(ctx, "accounts", []int64{org})
		require.NoError(t, err)
		got, err := e.sf.Get(ctx, "Case", l[tk.ID].SalesforceID, []string{"AccountId"})
		require.NoError(t, err)
		assert.Equal(t, accounts[org].SalesforceID, got["AccountId"], "the contact's account is the case's")
	}
}

// Both sides change a ticket's subject: the policy's winner (zendesk_wins)
// lands on both and the decision is logged; a status with no mapping is
// reported and the ticket's other fields still sync.
func TestTicketConflictAndUnmappedStatus(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 49, Accounts: 20, Contacts: 200, Tickets: 40}, withMapping(`
tickets:
  fields:
    - {zendesk: status, salesforce: Status, values: {New: open, Working: open, Closed: solved},
       reverse_values: {new: New, open: Working, pending: Working, solved: Closed, closed: Closed}}
`))
	ctx := context.Background()
	_, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	var two []int64
	for _, tk := range e.data.Zendesk.Tickets {
		if tk.Status == "open" {
			two = append(two, tk.ID)
		}
	}
	require.GreaterOrEqual(t, len(two), 2)
	links, err := e.store.LinksByZendeskID(ctx, "tickets", two)
	require.NoError(t, err)
	both, unmapped := links[two[0]], links[two[1]]

	e.editCase(both.SalesforceID, salesforce.Record{"Subject": "Case side"})
	e.aheadOnZendesk(2 * time.Minute)
	_, err = e.zd.UpdateTicket(ctx, both.ZendeskID, &zendesk.Ticket{Subject: "Ticket side"})
	require.NoError(t, err)
	_, err = e.zd.UpdateTicket(ctx, unmapped.ZendeskID, &zendesk.Ticket{Status: "hold", Subject: "On hold now"})
	require.NoError(t, err)

	res := e.incremental()
	assert.Equal(t, "Ticket side", e.caseRecord(both.SalesforceID)["Subject"])
	assert.Equal(t, "Ticket side", e.ticket(both.ZendeskID).Subject)
	log, err := e.store.Conflicts(ctx, store.ConflictFilter{Pair: "tickets"})
	require.NoError(t, err)
	require.Len(t, log, 1)
	assert.Equal(t, "subject", log[0].Field)
	assert.Equal(t, "zendesk", log[0].Winner)

	c := e.caseRecord(unmapped.SalesforceID)
	assert.Equal(t, "On hold now", c["Subject"], "the other fields sync")
	assert.Equal(t, "Working", c["Status"], "the unmapped status is not guessed")
	reported := false
	for _, r := range res.Rejected {
		if r.Pair == "tickets" && r.ZendeskID == unmapped.ZendeskID && r.Field == "status" {
			reported = strings.Contains(r.Reason, `"hold"`)
		}
	}
	assert.True(t, reported, "the unmapped value is reported: %+v", res.Rejected)
}

// A ticket whose requester is no contact gets a case without a contact,
// carrying the requester's email and name.
func TestTicketFromSomeoneWhoIsNoContact(t *testing.T) {
	e, _ := ticketEnv(t, 45)
	ctx := context.Background()
	_, tk := e.ticketFromNewUser("Walk In", "walk.in@example.org", "Who am I")
	e.incremental()
	l, err := e.store.LinksByZendeskID(ctx, "tickets", []int64{tk.ID})
	require.NoError(t, err)
	require.Contains(t, l, tk.ID)
	got, err := e.sf.Get(ctx, "Case", l[tk.ID].SalesforceID, []string{"ContactId", "SuppliedEmail", "SuppliedName"})
	require.NoError(t, err)
	assert.Nil(t, got["ContactId"])
	assert.Equal(t, "walk.in@example.org", got["SuppliedEmail"])
	assert.Equal(t, "Walk In", got["SuppliedName"])

	zdBefore, sfBefore := writes(e)
	e.incremental()
	zdAfter, sfAfter := writes(e)
	assert.Equal(t, zdBefore, zdAfter, "the case's echo changes no ticket")
	assert.Equal(t, sfBefore, sfAfter)
}

// ticketFromNewUser makes an end user and a ticket they request.
func (e *env) ticketFromNewUser(name, email, subject string) (*zendesk.User, *zendesk.Ticket) {
	e.t.Helper()
	ctx := context.Background()
	u, _, err := e.zd.CreateOrUpdateUser(ctx, &zendesk.User{Name: name, Email: email, Role: zendesk.RoleEndUser})
	require.NoError(e.t, err)
	tk, err := e.zd.CreateTicket(ctx, &zendesk.Ticket{Subject: subject, RequesterID: &u.ID, Comment: &zendesk.Comment{Body: "hi"}})
	require.NoError(e.t, err)
	return u, tk
}

func (e *env) editCase(id string, fields salesforce.Record) {
	e.t.Helper()
	require.NoError(e.t, e.sf.Update(context.Background(), "Case", id, fields))
}

// Deleted tickets and cases follow the tickets' delete policy: with tag,
// a deleted case tags its ticket and a deleted ticket checks the case's
// deleted_field; the links stay.
func TestDeletedTicketsAndCasesAreTagged(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 46, Accounts: 20, Contacts: 200, Tickets: 40},
		withSalesforceFields(sfsandbox.FieldDef{Object: "Case", Name: "Zendesk_Deleted__c", Type: "boolean"}),
		withMapping("tickets: {deletes: tag, deleted_field: Zendesk_Deleted__c, delete_limit: 0.5}\n"))
	ctx := context.Background()
	_, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	var ids []int64
	for _, tk := range e.data.Zendesk.Tickets {
		if tk.Status != "closed" {
			ids = append(ids, tk.ID)
		}
	}
	links, err := e.store.LinksByZendeskID(ctx, "tickets", ids)
	require.NoError(t, err)
	caseGone, ticketGone := links[ids[0]], links[ids[1]]
	require.NoError(t, e.sf.Delete(ctx, "Case", caseGone.SalesforceID))
	require.NoError(t, e.zd.DeleteTicket(ctx, ticketGone.ZendeskID))

	res := e.incremental()
	c := pairResult(res, "tickets").Counts
	assert.Equal(t, 1, c.Zendesk.Deleted, "one ticket tagged")
	assert.Equal(t, 1, c.Salesforce.Deleted, "one case checked")
	assert.Contains(t, e.ticket(caseGone.ZendeskID).Tags, "salesforce-deleted")
	got, err := e.sf.Get(ctx, "Case", ticketGone.SalesforceID, []string{"Zendesk_Deleted__c"})
	require.NoError(t, err)
	assert.Equal(t, true, got["Zendesk_Deleted__c"])
	assert.True(t, e.linked("tickets", caseGone.SalesforceID))
}

// The assignee and the case owner meet through the person's email.
func TestAssigneeAndOwnerMeetByEmail(t *testing.T) {
	e, links := ticketEnv(t, 47)
	ctx := context.Background()
	users := e.data.Salesforce.Users
	require.GreaterOrEqual(t, len(users), 2)
	agent := func(u map[string]any) int64 {
		a, _, err := e.zd.CreateOrUpdateUser(ctx, &zendesk.User{Name: "Agent " + u["Id"].(string), Email: u["Email"].(string), Role: zendesk.RoleAgent})
		require.NoError(t, err)
		return a.ID
	}
	first, second := agent(users[0]), agent(users[1])
	var open *seed.Ticket
	for i := range e.data.Zendesk.Tickets {
		if e.data.Zendesk.Tickets[i].Status == "open" {
			open = &e.data.Zendesk.Tickets[i]
			break
		}
	}
	require.NotNil(t, open)
	caseID := links[open.ID].SalesforceID

	_, err := e.zd.UpdateTicket(ctx, open.ID, &zendesk.Ticket{AssigneeID: &first})
	require.NoError(t, err)
	e.incremental()
	got, err := e.sf.Get(ctx, "Case", caseID, []string{"OwnerId"})
	require.NoError(t, err)
	assert.Equal(t, users[0]["Id"], got["OwnerId"], "the agent's user owns the case")

	e.editCase(caseID, salesforce.Record{"OwnerId": users[1]["Id"]})
	e.incremental()
	assert.Equal(t, second, e.ticket(open.ID).GetAssigneeID(), "the owner's agent is assigned")
}

// A case that publish selects becomes a ticket, once, and the case keeps
// the ticket's id; a case it does not select stays in Salesforce.
func TestPublishedCaseCreatesATicket(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 48, Accounts: 20, Contacts: 200, Tickets: 20}, withMapping("tickets: {publish: \"Origin = 'Web'\"}\n"))
	ctx := context.Background()
	_, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	web, err := e.sf.Create(ctx, "Case", salesforce.Record{"Subject": "From the web form", "Description": "Please call me.",
		"Origin": "Web", "Priority": "High", "SuppliedEmail": "web.visitor@example.org", "SuppliedName": "Web Visitor"})
	require.NoError(t, err)
	phone, err := e.sf.Create(ctx, "Case", salesforce.Record{"Subject": "By phone", "Origin": "Phone"})
	require.NoError(t, err)

	res := e.incremental()
	assert.Equal(t, 1, pairResult(res, "tickets").Counts.Zendesk.Created)
	c := e.caseRecord(web)
	ext, _ := c["Zendesk_Ticket_Id__c"].(string)
	require.NotEmpty(t, ext, "the case receives the ticket's id")
	id, err := strconv.ParseInt(ext, 10, 64)
	require.NoError(t, err)
	tk := e.ticket(id)
	assert.Equal(t, "From the web form", tk.Subject)
	assert.Equal(t, "Please call me.", tk.Description)
	assert.Equal(t, "high", tk.GetPriority())
	assert.Equal(t, web, tk.ExternalID)
	requester := e.user(tk.GetRequesterID())
	assert.Equal(t, "web.visitor@example.org", requester.Email, "the requester is found or made by the case's email")
	assert.True(t, e.linked("tickets", web))
	assert.False(t, e.linked("tickets", phone), "not published")

	zdBefore, sfBefore := writes(e)
	again := e.incremental()
	zdAfter, sfAfter := writes(e)
	assert.Zero(t, pairResult(again, "tickets").Counts.Zendesk.Created, "published once")
	assert.Equal(t, zdBefore, zdAfter, "the echo writes nothing")
	assert.Equal(t, sfBefore, sfAfter)
	found, err := e.zd.TicketsByExternalID(ctx, web)
	require.NoError(t, err)
	assert.Len(t, found, 1, "one ticket for the case")
}

// Zendesk refuses to solve a ticket with no assignee: a case closed in
// Salesforce solves its unassigned ticket under the default assignee, and
// without one the refusal is reported with Zendesk's reason.
func TestClosingACaseSolvesAnUnassignedTicket(t *testing.T) {
	for _, c := range []struct {
		name     string
		assignee bool
	}{{"with default_assignee", true}, {"without", false}} {
		t.Run(c.name, func(t *testing.T) {
			probe := seed.Generate(seed.Options{Seed: 44, Accounts: 20, Contacts: 200, Tickets: 40})
			var agent seed.User
			for _, u := range probe.Zendesk.Users {
				if u.Role == "agent" {
					agent = u
					break
				}
			}
			require.NotZero(t, agent.ID, "the seed has an agent")
			var options []envOption
			if c.assignee {
				options = append(options, withMapping("tickets: {default_assignee: "+strings.ToUpper(agent.Email)+"}\n"))
			}
			e, links := ticketEnv(t, 44, options...)
			var open *seed.Ticket
			for i := range e.data.Zendesk.Tickets {
				tk := &e.data.Zendesk.Tickets[i]
				if (tk.Status == "open" || tk.Status == "new") && tk.AssigneeID == 0 {
					open = tk
					break
				}
			}
			require.NotNil(t, open, "the seed has an unassigned ticket")
			e.editCase(links[open.ID].SalesforceID, salesforce.Record{"Status": "Closed", "Subject": "Closed in Salesforce"})
			res := e.incremental()
			tk := e.ticket(open.ID)
			var reasons []string
			for _, r := range res.Rejected {
				if r.Pair == "tickets" && r.ZendeskID == open.ID {
					reasons = append(reasons, r.Reason)
				}
			}
			if c.assignee {
				assert.Empty(t, reasons)
				assert.Equal(t, "solved", tk.Status)
				assert.Equal(t, agent.ID, tk.GetAssigneeID(), "solved under the default assignee")
				assert.Equal(t, "Closed in Salesforce", tk.Subject)
				return
			}
			require.Len(t, reasons, 1)
			assert.Contains(t, reasons[0], "Assignee: is required when solving a ticket")
			assert.NotEqual(t, "solved", tk.Status)
		})
	}
}

// With create_missing_contacts, a new ticket's requester who is no contact
// becomes one, under the default account; the case gets that contact, and
// the contact is linked to the requester, so a second ticket and a re-run
// reuse it.
func TestTicketRequesterBecomesAContact(t *testing.T) {
	probe := seed.Generate(seed.Options{Seed: 47, Accounts: 20, Contacts: 200, Tickets: 40})
	account, _ := probe.Salesforce.Accounts[0]["Id"].(string)
	require.NotEmpty(t, account)
	e, _ := ticketEnv(t, 47, withMapping("tickets: {create_missing_contacts: true, default_account: "+account+"}\n"))
	ctx := context.Background()
	u, first := e.ticketFromNewUser("Walk In", "Walk.In@example.org", "Who am I")
	e.incremental()
	second, err := e.zd.CreateTicket(ctx, &zendesk.Ticket{Subject: "Me again", RequesterID: &u.ID, Comment: &zendesk.Comment{Body: "hi again"}})
	require.NoError(t, err)
	e.incremental()
	e.incremental()

	var contacts []salesforce.Record
	err = e.sf.QueryEach(ctx, "SELECT Id, FirstName, LastName, Email, AccountId FROM Contact WHERE Email = 'walk.in@example.org'", nil,
		func(p *salesforce.QueryResult) error {
			contacts = append(contacts, p.Records...)
			return nil
		})
	require.NoError(t, err)
	require.Len(t, contacts, 1, "one contact, made once")
	c := contacts[0]
	assert.Equal(t, "Walk", c["FirstName"])
	assert.Equal(t, "In", c["LastName"])
	assert.Equal(t, account, c["AccountId"], "under the default account")
	link, err := e.store.LinksByZendeskID(ctx, "contacts", []int64{u.ID})
	require.NoError(t, err)
	assert.Equal(t, c.ID(), link[u.ID].SalesforceID, "linked to the requester")

	for _, tk := range []int64{first.ID, second.ID} {
		l, err := e.store.LinksByZendeskID(ctx, "tickets", []int64{tk})
		require.NoError(t, err)
		require.Contains(t, l, tk)
		got, err := e.sf.Get(ctx, "Case", l[tk].SalesforceID, []string{"ContactId", "SuppliedEmail"})
		require.NoError(t, err)
		assert.Equal(t, c.ID(), got["ContactId"], "ticket %d", tk)
	}
	zdBefore, sfBefore := writes(e)
	e.incremental()
	zdAfter, sfAfter := writes(e)
	assert.Equal(t, zdBefore, zdAfter, "nothing echoes")
	assert.Equal(t, sfBefore, sfAfter)

	// A contact that already has the requester's email, not linked yet
	// (the contacts pair has not run since it appeared): found, not made
	// again — as a retry after a crash between create and link finds it.
	known, err := e.sf.Create(ctx, "Contact", salesforce.Record{"LastName": "Known", "Email": "known@example.org"})
	require.NoError(t, err)
	_, third := e.ticketFromNewUser("Known Person", "known@example.org", "Known")
	e.aheadOnZendesk(61 * time.Second)
	_, _, err = e.sync(workflows.SyncInput{Objects: []string{"tickets"}})
	require.NoError(t, err)
	l, err := e.store.LinksByZendeskID(ctx, "tickets", []int64{third.ID})
	require.NoError(t, err)
	require.Contains(t, l, third.ID)
	got, err := e.sf.Get(ctx, "Case", l[third.ID].SalesforceID, []string{"ContactId"})
	require.NoError(t, err)
	assert.Equal(t, known, got["ContactId"])
}
