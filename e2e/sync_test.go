package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

// TestOneWaySync is the backbone's acceptance test: a full sync of 5,000
// contacts and 500 accounts, an incremental run after edits in Salesforce,
// and a second full run that writes nothing.
func TestOneWaySync(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 7, Accounts: 500, Contacts: 5000, Tickets: 50})
	ctx := context.Background()

	res, run, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	rejected := e.rejectedInHistory(run.GetID(), run.GetRunID())
	require.Equal(t, res.RejectedTotal, len(rejected), "every rejection is in the history")

	orgs := e.organizationsByExternalID(ctx)
	users := e.usersByExternalID(ctx)

	// Accounts: each linked to exactly one organization, or rejected with a reason.
	for _, acc := range e.data.Salesforce.Accounts {
		id := acc["Id"].(string)
		if deleted, _ := acc["IsDeleted"].(bool); deleted {
			continue
		}
		if rej, ok := rejected[id]; ok {
			assert.NotEmpty(t, rej.Reason)
			assert.Empty(t, orgs[strings.ToLower(id)], "rejected account %s must not be in Zendesk", id)
			continue
		}
		got := orgs[strings.ToLower(id)]
		if assert.Len(t, got, 1, "account %s", id) {
			assert.Equal(t, strings.TrimSpace(acc["Name"].(string)), got[0].Name, "account %s", id)
		}
	}

	// Contacts: duplicates and invalid emails rejected, the rest linked once.
	byEmail := map[string][]string{}
	for _, c := range e.data.Salesforce.Contacts {
		if deleted, _ := c["IsDeleted"].(bool); !deleted {
			if email, _ := c["Email"].(string); strings.TrimSpace(email) != "" {
				k := strings.ToLower(strings.TrimSpace(email))
				byEmail[k] = append(byEmail[k], c["Id"].(string))
			}
		}
	}
	var written, dupes, invalid int
	for _, c := range e.data.Salesforce.Contacts {
		id := c["Id"].(string)
		if deleted, _ := c["IsDeleted"].(bool); deleted {
			assert.Empty(t, users[strings.ToLower(id)], "deleted contact %s synced", id)
			continue
		}
		email, _ := c["Email"].(string)
		key := strings.ToLower(strings.TrimSpace(email))
		rej, isRejected := rejected[id]
		switch {
		case key != "" && len(byEmail[key]) > 1:
			dupes++
			if assert.True(t, isRejected, "duplicate-email contact %s must be rejected", id) {
				assert.Contains(t, rej.Reason, "duplicate email")
			}
		case key != "" && !seed.ZendeskEmailValid(key):
			invalid++
			assert.True(t, isRejected, "contact %s with invalid email %q must be rejected", id, email)
		}
		if isRejected {
			assert.Empty(t, users[strings.ToLower(id)], "rejected contact %s must not be in Zendesk", id)
			continue
		}
		got := users[strings.ToLower(id)]
		if !assert.Len(t, got, 1, "contact %s linked to exactly one user", id) {
			continue
		}
		written++
		u := got[0]
		first, _ := c["FirstName"].(string)
		last, _ := c["LastName"].(string)
		assert.Equal(t, strings.TrimSpace(strings.TrimSpace(first)+" "+strings.TrimSpace(last)), u.Name, "contact %s name", id)
		assert.Equal(t, key, strings.ToLower(u.Email), "contact %s email", id)
		if acc, _ := c["AccountId"].(string); acc != "" && len(orgs[strings.ToLower(acc)]) == 1 {
			if assert.NotNil(t, u.OrganizationID, "contact %s membership", id) {
				assert.Equal(t, orgs[strings.ToLower(acc)][0].ID, *u.OrganizationID, "contact %s membership", id)
			}
		}
	}
	t.Logf("full sync: %d contacts written, %d duplicate-email and %d invalid-email rejected, %d rejected in all",
		written, dupes, invalid, len(rejected))
	require.Greater(t, dupes, 0, "the seed must exercise duplicates")
	require.Greater(t, invalid, 0, "the seed must exercise invalid emails")
	require.Greater(t, written, 4000)

	// Incremental: exactly the edits made in Salesforce arrive.
	edited := e.editContacts(ctx, users, 5)
	inc, _, err := e.sync(workflows.SyncInput{Mode: "incremental"})
	require.NoError(t, err)
	contacts := objectCounts(inc, "contacts")
	assert.Equal(t, 5, contacts.Zendesk.Updated, "incremental carries exactly the edits")
	assert.Equal(t, 0, contacts.Zendesk.Created)
	accounts := objectCounts(inc, "accounts")
	assert.Equal(t, 0, accounts.Zendesk.Updated+accounts.Zendesk.Created)
	users = e.usersByExternalID(ctx)
	for id, title := range edited {
		got := users[strings.ToLower(id)]
		require.Len(t, got, 1)
		assert.Equal(t, title, got[0].UserFields["title"], "contact %s title after incremental", id)
	}

	// A second full run over unchanged data writes nothing.
	before := e.zdServer.Stats().Snapshot().Writes
	again, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	after := e.zdServer.Stats().Snapshot().Writes
	assert.Equal(t, before, after, "a second full sync makes zero write calls")
	for _, o := range again.Objects {
		if o.Skipped {
			continue
		}
		assert.Zero(t, o.Counts.Zendesk.Created+o.Counts.Zendesk.Updated+o.Counts.Salesforce.Updated, "%s: nothing to write", o.Object)
		assert.Positive(t, o.Counts.Unchanged, o.Object)
	}
}

func objectCounts(r *workflows.SyncResult, object string) activities.Counts {
	for _, o := range r.Objects {
		if o.Object == object {
			return o.Counts
		}
	}
	return activities.Counts{}
}

// editContacts changes the Title of n synced contacts through the
// Salesforce API and returns the new titles by contact Id.
func (e *env) editContacts(ctx context.Context, synced map[string][]zendesk.User, n int) map[string]string {
	e.t.Helper()
	edited := map[string]string{}
	for _, c := range e.data.Salesforce.Contacts {
		id := c["Id"].(string)
		if len(synced[strings.ToLower(id)]) != 1 || len(edited) == n {
			continue
		}
		title := fmt.Sprintf("Edited title %d", len(edited))
		require.NoError(e.t, e.sf.Update(ctx, "Contact", id, salesforce.Record{"Title": title}))
		edited[id] = title
	}
	require.Len(e.t, edited, n)
	return edited
}
