package e2e

import (
	"context"
	"regexp"
	"strings"
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
		"zendesk created": c.Zendesk.Created, "zendesk adopted": c.Zendesk.Adopted,
		"zendesk updated": c.Zendesk.Updated, "zendesk deleted": c.Zendesk.Deleted,
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
	assert.Positive(t, real.Objects[1].Counts.Zendesk.Adopted, "the seed has users with contacts' emails")
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

// A plan says which creates would adopt an existing Zendesk record, a
// user with the contact's email, an organization with the account's name,
// and refuses the account whose name an organization of another account
// holds; the run then adopts and refuses exactly those.
func TestPlanNamesTheAdoptions(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 17, Accounts: 10, Contacts: 40, Tickets: 1})
	ctx := context.Background()
	contact, accounts := unmatched(t, e)
	user, _, err := e.zd.CreateOrUpdateUser(ctx, &zendesk.User{Name: "Someone Else", Email: strings.ToUpper(contact["Email"].(string))})
	require.NoError(t, err)
	org, _, err := e.zd.CreateOrUpdateOrganization(ctx, &zendesk.Organization{Name: " " + accounts[0]["Name"].(string) + " "})
	require.NoError(t, err)
	taken, _, err := e.zd.CreateOrUpdateOrganization(ctx, &zendesk.Organization{Name: accounts[1]["Name"].(string), ExternalID: "001000000000OTHER"})
	require.NoError(t, err)

	plan, real := planAndRun(t, e, workflows.SyncInput{Mode: "full", Objects: []string{"accounts", "contacts"}})
	require.Len(t, plan.Objects, 2)
	for i := range real.Objects {
		c := real.Objects[i].Counts
		assert.Equal(t, writeCounts(c), writeCounts(plan.Objects[i].Counts), real.Objects[i].Object)
		assert.Equal(t, c.Rejected, plan.Objects[i].Counts.Rejected, real.Objects[i].Object)
	}
	assert.Contains(t, plan.Adoptions, activities.Adoption{Pair: "contacts", SalesforceID: contact["Id"].(string), ZendeskID: user.ID})
	assert.Contains(t, plan.Adoptions, activities.Adoption{Pair: "accounts", SalesforceID: accounts[0]["Id"].(string), ZendeskID: org.ID})
	assert.Len(t, plan.Adoptions, plan.Objects[0].Counts.Zendesk.Adopted+plan.Objects[1].Counts.Zendesk.Adopted,
		"under 10 a pair, every adoption is listed")
	refused := func(r *workflows.SyncResult) []string {
		var out []string
		for _, rej := range r.Rejected {
			if rej.SalesforceID == accounts[1]["Id"].(string) {
				out = append(out, rej.Reason)
			}
		}
		return out
	}
	require.Len(t, refused(real), 1, "the run refuses the account whose name is held")
	assert.Equal(t, refused(real), refused(plan), "and the plan says so")
	assert.Empty(t, real.Adoptions, "only a plan lists adoptions")

	assert.Equal(t, contact["Id"], e.user(user.ID).ExternalID, "the run adopted the user the plan named")
	orgs, err := e.zd.ShowOrganizations(ctx, []int64{org.ID, taken.ID})
	require.NoError(t, err)
	ext := map[int64]string{}
	for _, o := range orgs {
		ext[o.ID] = o.ExternalID
	}
	assert.Equal(t, map[int64]string{org.ID: accounts[0]["Id"].(string), taken.ID: "001000000000OTHER"}, ext)
}

var plainEmail = regexp.MustCompile(`^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$`)

// unmatched picks a contact with a plain, unique email that no seeded
// Zendesk user has, and two accounts with unique names that no seeded
// organization has.
func unmatched(t *testing.T, e *env) (seed.Record, []seed.Record) {
	t.Helper()
	taken := map[string]int{}
	for _, u := range e.data.Zendesk.Users {
		taken[strings.ToLower(u.Email)] = 2
	}
	for _, o := range e.data.Zendesk.Organizations {
		taken[strings.ToLower(strings.TrimSpace(o.Name))] = 2
	}
	key := func(r seed.Record, field string) string {
		v, _ := r[field].(string)
		return strings.ToLower(strings.TrimSpace(v))
	}
	for _, c := range e.data.Salesforce.Contacts {
		taken[key(c, "Email")]++
	}
	for _, a := range e.data.Salesforce.Accounts {
		taken[key(a, "Name")]++
	}
	var contact seed.Record
	for _, c := range e.data.Salesforce.Contacts {
		if k := key(c, "Email"); taken[k] == 1 && plainEmail.MatchString(k) {
			contact = c
			break
		}
	}
	var accounts []seed.Record
	for _, a := range e.data.Salesforce.Accounts {
		if k := key(a, "Name"); taken[k] == 1 && len(accounts) < 2 {
			accounts = append(accounts, a)
		}
	}
	require.NotNil(t, contact, "the seed has a plain contact")
	require.Len(t, accounts, 2, "the seed has two plainly named accounts")
	return contact, accounts
}
