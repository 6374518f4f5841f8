package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

// twoWay starts an env whose contacts sync both ways under a policy, runs
// the full sync and returns linked contacts to edit.
func twoWay(t *testing.T, policy string) (*env, []store.Link) {
	t.Helper()
	e := newEnv(t, seed.Options{Seed: 11, Accounts: 10, Contacts: 60, Tickets: 1},
		withMapping("conflict_policy: "+policy+"\ncontacts: {direction: both}\n"))
	return e, linkedContacts(t, e)
}

func (e *env) editSalesforce(id string, fields salesforce.Record) {
	e.t.Helper()
	require.NoError(e.t, e.sf.Update(context.Background(), "Contact", id, fields))
}

func (e *env) editZendesk(id int64, u zendesk.User) {
	e.t.Helper()
	_, err := e.zd.UpdateUser(context.Background(), id, &u)
	require.NoError(e.t, err)
}

func (e *env) contact(id string) salesforce.Record {
	e.t.Helper()
	r, err := e.sf.Get(context.Background(), "Contact", id, []string{"Phone", "Title"})
	require.NoError(e.t, err)
	return r
}

func (e *env) user(id int64) zendesk.User {
	e.t.Helper()
	us, err := e.zd.ShowUsers(context.Background(), []int64{id})
	require.NoError(e.t, err)
	require.Len(e.t, us, 1)
	return us[0]
}

// incremental runs an incremental sync once the Zendesk export can see
// the edits (it leaves out the last minute).
func (e *env) incremental() *workflows.SyncResult {
	e.t.Helper()
	e.aheadOnZendesk(61 * time.Second)
	res, _, err := e.sync(workflows.SyncInput{})
	require.NoError(e.t, err)
	return res
}

func writes(e *env) (map[string]int64, map[string]int64) {
	return e.zdServer.Stats().Snapshot().Writes, e.sfServer.Stats().Snapshot().Writes
}

// Each side changes a different field: both merge, no conflict; then the
// echo of those writes costs nothing on either side.
func TestTwoWayMergeAndEcho(t *testing.T) {
	e, links := twoWay(t, "zendesk_wins")
	a := links[0]
	e.editSalesforce(a.SalesforceID, salesforce.Record{"Title": "Head of Merging"})
	e.editZendesk(a.ZendeskID, zendesk.User{Phone: zendesk.String("+1 555 0101")})

	res := e.incremental()
	c := objectCounts(res, "contacts")
	assert.Equal(t, 1, c.Zendesk.Updated, "the title goes to Zendesk")
	assert.Equal(t, 1, c.Salesforce.Updated, "the phone goes to Salesforce")
	assert.Zero(t, c.Conflicts)
	assert.Equal(t, "Head of Merging", e.user(a.ZendeskID).UserFields["title"])
	assert.Equal(t, "+1 555 0101", e.contact(a.SalesforceID)["Phone"])

	zdBefore, sfBefore := writes(e)
	again := e.incremental()
	zdAfter, sfAfter := writes(e)
	assert.Equal(t, zdBefore, zdAfter, "our own writes coming back write nothing to Zendesk")
	assert.Equal(t, sfBefore, sfAfter, "our own writes coming back write nothing to Salesforce")
	c = objectCounts(again, "contacts")
	assert.Zero(t, c.Conflicts)
	assert.Zero(t, c.Zendesk.Updated+c.Salesforce.Updated)

	conflicts, err := e.store.Conflicts(context.Background(), store.ConflictFilter{Pair: "contacts"})
	require.NoError(t, err)
	assert.Empty(t, conflicts)
}

// Both sides change the same field: the policy's winner lands on both
// sides and the conflict log holds one entry with both values.
func TestTwoWayConflictPolicies(t *testing.T) {
	cases := []struct {
		policy string
		// zendeskFirst edits Zendesk before Salesforce, a minute apart
		// on the records' clocks.
		zendeskFirst bool
		winner       string
	}{
		{"zendesk_wins", false, "zendesk"},
		{"salesforce_wins", true, "salesforce"},
		{"newest_wins", false, "zendesk"},
		{"newest_wins", true, "salesforce"},
	}
	for _, tc := range cases {
		t.Run(tc.policy+"/zendesk_first="+strconv.FormatBool(tc.zendeskFirst), func(t *testing.T) {
			e, links := twoWay(t, tc.policy)
			b := links[1]
			editSF := func() { e.editSalesforce(b.SalesforceID, salesforce.Record{"Phone": "+1 555 0001"}) }
			editZD := func() { e.editZendesk(b.ZendeskID, zendesk.User{Phone: zendesk.String("+1 555 0002")}) }
			if tc.zendeskFirst {
				editZD()
				e.salesforceAhead.Add(int64(2 * time.Minute))
				editSF()
			} else {
				editSF()
				e.aheadOnZendesk(2 * time.Minute)
				editZD()
			}
			res := e.incremental()
			want := map[string]string{"salesforce": "+1 555 0001", "zendesk": "+1 555 0002"}[tc.winner]
			assert.Equal(t, want, e.contact(b.SalesforceID)["Phone"], "salesforce holds the winner")
			zu := e.user(b.ZendeskID)
			assert.Equal(t, want, zu.GetPhone(), "zendesk holds the winner")
			assert.Equal(t, 1, objectCounts(res, "contacts").Conflicts)

			log, err := e.store.Conflicts(context.Background(), store.ConflictFilter{Pair: "contacts"})
			require.NoError(t, err)
			require.Len(t, log, 1)
			got := log[0]
			assert.Equal(t, b.SalesforceID, got.SalesforceID)
			assert.Equal(t, b.ZendeskID, got.ZendeskID)
			assert.Equal(t, "phone", got.Field)
			assert.Contains(t, got.SalesforceValue, "+1 555 0001")
			assert.Contains(t, got.ZendeskValue, "+1 555 0002")
			assert.Equal(t, tc.policy, got.Policy)
			assert.Equal(t, tc.winner, got.Winner)
			assert.Contains(t, got.Value, want)
			assert.False(t, got.SalesforceModified.IsZero())
			assert.False(t, got.ZendeskModified.IsZero())
			if assert.Len(t, res.Conflicts, 1, "the decision is in the result too") {
				assert.Equal(t, "phone", res.Conflicts[0].Field)
			}
		})
	}
}

// A two-way field the worker cannot carry back stops it at start, naming
// the entry.
func TestTwoWayFieldThatCannotInvertIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mapping.yaml")
	require.NoError(t, os.WriteFile(path, []byte(
		"contacts:\n  fields:\n    - {zendesk: user_fields.summary, template: \"{{Title}} at {{Department}}\", direction: both}\n"), 0o600))
	_, err := mapping.Load(path, pairs.Defaults())
	require.Error(t, err)
	assert.Contains(t, err.Error(), `contacts: field 7 (zendesk "user_fields.summary", line 3)`)
	assert.Contains(t, err.Error(), "cannot be carried back to Salesforce")
}

// A many-to-one value map round-trips through the baseline: an unrelated
// edit never turns Marketing into Sales; a Zendesk change goes back
// through reverse_values.
func TestTwoWayLossyValueMapSurvivesAnUnrelatedEdit(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 12, Accounts: 10, Contacts: 60, Tickets: 1}, withMapping(`
contacts:
  direction: both
  fields:
    - {zendesk: user_fields.department, salesforce: Department,
       values: {Sales: commercial, Marketing: commercial, Support: service},
       reverse_values: {commercial: Sales, service: Support}}
`))
	var id string
	for _, c := range e.data.Salesforce.Contacts {
		if email, _ := c["Email"].(string); email != "" && seed.ZendeskEmailValid(email) {
			id = c["Id"].(string)
			e.editSalesforce(id, salesforce.Record{"Department": "Marketing", "Email": "lossy.map@example.com"})
			break
		}
	}
	link := linkedContacts(t, e)
	var zdID int64
	for _, l := range link {
		if l.SalesforceID == id {
			zdID = l.ZendeskID
		}
	}
	require.NotZero(t, zdID, "the contact is linked")
	zu := e.user(zdID)
	require.Equal(t, "commercial", zu.UserFields["department"])

	e.editSalesforce(id, salesforce.Record{"Title": "Unrelated"})
	_, sfBefore := writes(e)
	e.incremental()
	_, sfAfter := writes(e)
	assert.Equal(t, "Marketing", e.contactField(id, "Department"), "Marketing stays Marketing")
	assert.Equal(t, sfBefore, sfAfter, "nothing is written back to Salesforce")
	zu = e.user(zdID)
	assert.Equal(t, "Unrelated", zu.UserFields["title"])
	assert.Equal(t, "commercial", zu.UserFields["department"])

	e.editZendesk(zdID, zendesk.User{UserFields: map[string]any{"department": "service"}})
	e.incremental()
	assert.Equal(t, "Support", e.contactField(id, "Department"), "a Zendesk change goes back through reverse_values")
}

func (e *env) contactField(id, field string) any {
	e.t.Helper()
	r, err := e.sf.Get(context.Background(), "Contact", id, []string{field})
	require.NoError(e.t, err)
	return r[field]
}
