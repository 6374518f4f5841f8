package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

// planAndRun runs in as a dry run, checks no write reached either API,
// then runs it for real, and returns both results.
func planAndRun(t *testing.T, e *env, in workflows.SyncInput) (plan, real *workflows.SyncResult) {
	t.Helper()
	zdBefore, sfBefore := writes(e)
	in.DryRun = true
	plan, _, err := e.sync(in)
	require.NoError(t, err)
	zdAfter, sfAfter := writes(e)
	assert.Equal(t, zdBefore, zdAfter, "a plan writes nothing to Zendesk")
	assert.Equal(t, sfBefore, sfAfter, "a plan writes nothing to Salesforce")
	in.DryRun = false
	real, _, err = e.sync(in)
	require.NoError(t, err)
	return plan, real
}

// writeCounts are the counts a plan must predict.
func writeCounts(c activities.Counts) map[string]int {
	return map[string]int{
		"zendesk created": c.Zendesk.Created, "zendesk updated": c.Zendesk.Updated, "zendesk deleted": c.Zendesk.Deleted,
		"salesforce created": c.Salesforce.Created, "salesforce updated": c.Salesforce.Updated,
		"salesforce deleted": c.Salesforce.Deleted, "conflicts": c.Conflicts, "fetched": c.Fetched,
	}
}

// A plan of a backfill writes nothing and counts what the backfill then
// writes, pair by pair.
func TestPlanOfAFullSyncCountsWhatItDoes(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 91, Accounts: 15, Contacts: 150, Tickets: 1})
	plan, real := planAndRun(t, e, workflows.SyncInput{Mode: "full", Objects: []string{"accounts", "contacts"}})
	require.Len(t, plan.Objects, len(real.Objects))
	for i := range real.Objects {
		assert.Equal(t, writeCounts(real.Objects[i].Counts), writeCounts(plan.Objects[i].Counts), real.Objects[i].Object)
	}
	assert.Positive(t, real.Objects[1].Counts.Zendesk.Created)
	require.NotEmpty(t, plan.Changes)
	c := plan.Changes[0]
	assert.Equal(t, "accounts", c.Pair)
	assert.True(t, c.Create)
	assert.Equal(t, record.Zendesk, c.Side)
	assert.Contains(t, c.Fields, "name")
	assert.Nil(t, c.Fields["name"].Before, "a create has no before")
	assert.Empty(t, real.Changes, "only a plan lists changes")
}

// A two-way plan shows each side's field before and after, and the
// conflict with the winner the policy picks; the run then does that.
func TestPlanOfATwoWayIncremental(t *testing.T) {
	e, links := twoWay(t, "salesforce_wins")
	a, b := links[0], links[1]
	e.editSalesforce(a.SalesforceID, salesforce.Record{"Title": "Planned Title"})
	e.editZendesk(b.ZendeskID, zendesk.User{Phone: zendesk.String("+1 555 0199")})
	e.editZendesk(a.ZendeskID, zendesk.User{UserFields: map[string]any{"title": "Zendesk Title"}})
	e.aheadOnZendesk(61 * time.Second)
	plan, real := planAndRun(t, e, workflows.SyncInput{Objects: []string{"contacts"}})
	assert.Equal(t, writeCounts(real.Objects[0].Counts), writeCounts(plan.Objects[0].Counts))
	assert.Equal(t, 1, plan.Objects[0].Counts.Conflicts)
	require.Len(t, plan.Conflicts, 1)
	assert.Equal(t, "salesforce", string(plan.Conflicts[0].Winner))

	byRecord := map[string]activities.Change{}
	for _, c := range plan.Changes {
		byRecord[c.SalesforceID+"/"+string(c.Side)] = c
	}
	title, ok := byRecord[a.SalesforceID+"/zendesk"]
	require.True(t, ok, "the title goes to Zendesk: %+v", plan.Changes)
	assert.Equal(t, "Planned Title", title.Fields["user_fields.title"].After)
	assert.NotEqual(t, "Planned Title", title.Fields["user_fields.title"].Before)
	phone, ok := byRecord[b.SalesforceID+"/salesforce"]
	require.True(t, ok, "the phone goes to Salesforce: %+v", plan.Changes)
	assert.Equal(t, map[string]any{"Phone": "+1 555 0199"}, phone.Fields["phone"].After)
	assert.Equal(t, "Planned Title", e.user(a.ZendeskID).UserFields["title"], "the real run did what the plan said")
}
