package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

// An account whose name another account's organization holds is refused.
// An incremental run that reads it again unchanged (an edit of a field
// the sync does not send) rejects it again without a call; a change of
// what it sends, or a full sync, tries again.
func TestRefusedCreateIsNotSentAgainUntilItChanges(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 17, Accounts: 10, Contacts: 40, Tickets: 1})
	ctx := context.Background()
	_, accounts := unmatched(t, e)
	account := accounts[1]
	id := account["Id"].(string)
	_, _, err := e.zd.CreateOrUpdateOrganization(ctx, &zendesk.Organization{Name: account["Name"].(string), ExternalID: "001000000000OTHER"})
	require.NoError(t, err)
	orgCalls := func() int64 {
		n := int64(0)
		for k, v := range e.zdServer.Stats().Snapshot().Requests {
			if strings.Contains(k, "/organizations") {
				n += v
			}
		}
		return n
	}
	reasons := func(r *workflows.SyncResult) []string {
		var out []string
		for _, rej := range r.Rejected {
			if rej.SalesforceID == id {
				out = append(out, rej.Reason)
			}
		}
		return out
	}
	run := func(mode string) (*workflows.SyncResult, int64) {
		before := orgCalls()
		res, _, err := e.sync(workflows.SyncInput{Mode: mode, Objects: []string{"accounts"}})
		require.NoError(t, err)
		return res, orgCalls() - before
	}

	res, _ := run("full")
	require.Len(t, reasons(res), 1)
	assert.Contains(t, reasons(res)[0], "is linked to Salesforce account 001000000000OTHER")

	require.NoError(t, e.sf.Update(ctx, "Account", id, salesforce.Record{"Description": "not synced"}))
	res, calls := run("incremental")
	require.Len(t, reasons(res), 1, "still refused")
	assert.Contains(t, reasons(res)[0], "unchanged since Zendesk refused it")
	assert.Zero(t, calls, "the same create is not sent again")

	require.NoError(t, e.sf.Update(ctx, "Account", id, salesforce.Record{"Website": "https://changed.example.com"}))
	res, calls = run("incremental")
	require.Len(t, reasons(res), 1)
	assert.NotContains(t, reasons(res)[0], "unchanged since", "a changed create is sent")
	assert.Positive(t, calls)

	res, calls = run("full")
	require.Len(t, reasons(res), 1)
	assert.NotContains(t, reasons(res)[0], "unchanged since", "a full sync tries every create again")
	assert.Positive(t, calls)
}
