package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// A lead syncs to a Zendesk end-user; converted, it hands its user to the
// contact, so the person keeps one Zendesk user.
func TestLeadSyncsAndHandsItsUserToTheContact(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 31, Accounts: 10, Contacts: 300, Tickets: 1}, withMapping("leads: {enabled: true}\n"))
	ctx := context.Background()
	res, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	require.Equal(t, len(e.data.Salesforce.Leads), pairResult(res, "leads").Counts.Zendesk.Created, "every lead has a user")

	lead := e.data.Salesforce.Leads[0]
	leadID := lead["Id"].(string)
	links, err := e.store.Links(ctx, "leads", []string{leadID})
	require.NoError(t, err)
	require.Contains(t, links, leadID)
	userID := links[leadID].ZendeskID
	u := e.user(userID)
	assert.Equal(t, strings.ToLower(lead["Email"].(string)), u.Email)
	assert.Equal(t, lead["Company"], u.UserFields["company"])

	conv, err := e.sfServer.ConvertLead(leadID, "")
	require.NoError(t, err)
	res = e.incremental()
	assert.Equal(t, 1, pairResult(res, "leads").Counts.HandedOver)

	contact, err := e.store.Links(ctx, "contacts", []string{conv.ContactID})
	require.NoError(t, err)
	require.Contains(t, contact, conv.ContactID, "the contact is linked")
	assert.Equal(t, userID, contact[conv.ContactID].ZendeskID, "to the lead's user")
	assert.False(t, e.linked("leads", leadID), "the lead lets its user go")
	found, err := e.zd.SearchUsersByEmail(ctx, u.Email)
	require.NoError(t, err)
	assert.Len(t, found, 1, "one Zendesk user for the person")
	assert.True(t, strings.EqualFold(conv.ContactID, e.user(userID).ExternalID), "the user now carries the contact's id")

	again := e.incremental()
	assert.Zero(t, pairResult(again, "leads").Counts.HandedOver, "a handover happens once")
}

// Leads are off unless the mapping enables them, and run when named.
func TestLeadsAreOffByDefault(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 32, Accounts: 5, Contacts: 100, Tickets: 1})
	res, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	assert.True(t, pairResult(res, "leads").Skipped)
	named, _, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"leads"}})
	require.NoError(t, err)
	assert.Positive(t, pairResult(named, "leads").Counts.Zendesk.Created)
}
