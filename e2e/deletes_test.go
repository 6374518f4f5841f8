package e2e

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
)

// linkedContacts runs the full sync of an env and returns its linked
// contacts in seed order.
func linkedContacts(t *testing.T, e *env) []store.Link {
	t.Helper()
	_, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	var ids []string
	for _, c := range e.data.Salesforce.Contacts {
		if deleted, _ := c["IsDeleted"].(bool); !deleted {
			ids = append(ids, c["Id"].(string))
		}
	}
	links, err := e.store.Links(context.Background(), "contacts", ids)
	require.NoError(t, err)
	var out []store.Link
	for _, id := range ids {
		if l, ok := links[id]; ok {
			out = append(out, l)
		}
	}
	require.GreaterOrEqual(t, len(out), 20)
	return out
}

func pairResult(r *workflows.SyncResult, pair string) workflows.PairResult {
	for _, o := range r.Objects {
		if o.Object == pair {
			return o
		}
	}
	return workflows.PairResult{}
}

func (e *env) linked(pair, id string) bool {
	e.t.Helper()
	got, err := e.store.Links(context.Background(), pair, []string{id})
	require.NoError(e.t, err)
	_, ok := got[id]
	return ok
}

// A contact deleted in Salesforce, under each delete policy.
func TestSalesforceDeletePolicies(t *testing.T) {
	cases := []struct {
		policy      string
		userActive  bool
		tagged      bool
		linkRemains bool
	}{
		{"ignore", true, false, true},
		{"propagate", false, false, false},
		{"tag", true, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.policy, func(t *testing.T) {
			e := newEnv(t, seed.Options{Seed: 21, Accounts: 10, Contacts: 80, Tickets: 1},
				withMapping("contacts: {deletes: "+tc.policy+", delete_limit: 0.5}\n"))
			l := linkedContacts(t, e)[0]
			require.NoError(t, e.sf.Delete(context.Background(), "Contact", l.SalesforceID))

			res := e.incremental()
			u := e.user(l.ZendeskID)
			assert.Equal(t, tc.userActive, u.GetActive(), "zendesk user active")
			assert.Equal(t, tc.tagged, slices.Contains(u.Tags, "salesforce-deleted"), "tags %v", u.Tags)
			assert.Equal(t, tc.linkRemains, e.linked("contacts", l.SalesforceID))
			c := pairResult(res, "contacts")
			want := 1
			if tc.policy == "ignore" {
				want = 0
			}
			assert.Equal(t, want, c.Counts.Zendesk.Deleted)
			assert.Nil(t, c.Held)

			again := e.incremental()
			assert.Zero(t, pairResult(again, "contacts").Counts.Zendesk.Deleted, "a deletion is carried once")
		})
	}
}

// A user deleted in Zendesk reaches Salesforce only when the pair's
// direction carries Zendesk's changes.
func TestZendeskDeletePropagatesTwoWay(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 22, Accounts: 10, Contacts: 80, Tickets: 1},
		withMapping("contacts: {direction: both, deletes: propagate, delete_limit: 0.5}\n"))
	l := linkedContacts(t, e)[1]
	_, err := e.zd.DeleteUser(context.Background(), l.ZendeskID)
	require.NoError(t, err)

	res := e.incremental()
	assert.Equal(t, 1, pairResult(res, "contacts").Counts.Salesforce.Deleted)
	_, err = e.sf.Get(context.Background(), "Contact", l.SalesforceID, []string{"Id"})
	assert.Error(t, err, "the contact is deleted in Salesforce")
	assert.False(t, e.linked("contacts", l.SalesforceID))
}

// A run that would delete more than delete_limit of the linked records
// deletes none, says how many with a sample, and the rest goes on.
func TestDeleteCircuitBreaker(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 23, Accounts: 10, Contacts: 80, Tickets: 1},
		withMapping("contacts: {deletes: propagate, delete_limit: 0.05}\n"))
	links := linkedContacts(t, e)
	n := len(links)/20 + 2 // over 5%
	for _, l := range links[:n] {
		require.NoError(t, e.sf.Delete(context.Background(), "Contact", l.SalesforceID))
	}
	edited := links[n]
	e.editSalesforce(edited.SalesforceID, map[string]any{"Title": "Still synced"})

	res := e.incremental()
	c := pairResult(res, "contacts")
	require.NotNil(t, c.Held, "the breaker trips")
	assert.Equal(t, n, c.Held.Count)
	assert.NotEmpty(t, c.Held.Sample)
	assert.Contains(t, c.Held.Reason, "circuit breaker")
	assert.Zero(t, c.Counts.Zendesk.Deleted)
	for _, l := range links[:n] {
		u := e.user(l.ZendeskID)
		assert.True(t, u.GetActive(), "nothing deleted")
		assert.True(t, e.linked("contacts", l.SalesforceID))
	}
	u := e.user(edited.ZendeskID)
	assert.Equal(t, "Still synced", u.UserFields["title"], "the rest of the sync goes on")
}
