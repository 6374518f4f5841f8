package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// Two instances share one store file and the dev server, each with a
// sandbox of its own. The seeds give both orgs the same record ids with
// other contents, so a link, baseline or staged record one instance took
// from the other's partition would show as a wrong or extra write.
func TestInstancesShareOneStore(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "shared.db")
	names := []string{"north", "south"}
	envs := map[string]*env{}
	for i, name := range names {
		envs[name] = newEnv(t, seed.Options{Seed: int64(61 + i), Accounts: 30, Contacts: 300, Tickets: 5}, withInstance(dsn, name))
	}
	require.NotEqual(t, envs["north"].taskQueue, envs["south"].taskQueue)
	require.Greater(t, sameIDOtherName(contactNames(envs["north"]), contactNames(envs["south"])), 200,
		"the orgs share contact ids, under other names")

	// Both at once: a run clearing what it takes for a dead run's staged
	// records would hit the other instance's live ones.
	syncAll(t, envs, names)
	before := map[string]map[string]int64{}
	for _, name := range names {
		e := envs[name]
		checkOwnRecords(t, name, e)
		before[name] = e.zdServer.Stats().Snapshot().Writes
	}

	// Each instance's baselines are its own: a second full run finds
	// everything unchanged.
	syncAll(t, envs, names)
	for _, name := range names {
		assert.Equal(t, before[name], envs[name].zdServer.Stats().Snapshot().Writes, "%s: a second full sync writes nothing", name)
	}
}

// syncAll runs a full sync of every env at the same time.
func syncAll(t *testing.T, envs map[string]*env, names []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	runs := map[string]client.WorkflowRun{}
	for _, name := range names {
		run, err := dev.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: envs[name].taskQueue},
			workflows.Sync, workflows.SyncInput{Mode: "full"})
		require.NoError(t, err, name)
		runs[name] = run
	}
	for _, name := range names {
		var res workflows.SyncResult
		require.NoError(t, runs[name].Get(ctx, &res), name)
	}
}

// checkOwnRecords checks that e's Zendesk holds only e's Salesforce
// contacts and accounts, under their own names, and that e's links are
// exactly those records.
func checkOwnRecords(t *testing.T, name string, e *env) {
	t.Helper()
	ctx := context.Background()
	contacts := contactNames(e)
	users := e.usersByExternalID(ctx)
	require.Greater(t, len(users), 200, "%s: contacts written", name)
	links, err := e.store.Links(ctx, "contacts", contacts.ids())
	require.NoError(t, err)
	assert.Equal(t, len(users), len(links), "%s: a link for each user, and only those", name)
	for id, got := range users {
		want, ok := contacts.byLowerID(id)
		if !assert.True(t, ok, "%s: user of unknown contact %s", name, id) || !assert.Len(t, got, 1, "%s: %s", name, id) {
			continue
		}
		assert.Equal(t, want.name, got[0].Name, "%s: contact %s", name, want.id)
		if assert.Contains(t, links, want.id, "%s: contact %s linked", name) {
			assert.Equal(t, got[0].ID, links[want.id].ZendeskID, "%s: contact %s linked to its user", name, want.id)
		}
	}

	orgs := e.organizationsByExternalID(ctx)
	require.NotEmpty(t, orgs, "%s: accounts written", name)
	accountNames := map[string]string{}
	var accountIDs []string
	for _, a := range e.data.Salesforce.Accounts {
		id := a["Id"].(string)
		accountNames[strings.ToLower(id)] = strings.TrimSpace(a["Name"].(string))
		accountIDs = append(accountIDs, id)
	}
	accountLinks, err := e.store.Links(ctx, "accounts", accountIDs)
	require.NoError(t, err)
	assert.Equal(t, len(orgs), len(accountLinks), "%s: a link for each organization, and only those", name)
	for id, got := range orgs {
		if assert.Contains(t, accountNames, id, "%s: organization of unknown account", name) && assert.Len(t, got, 1, id) {
			assert.Equal(t, accountNames[id], got[0].Name, "%s: account %s", name, id)
		}
	}
}

type contactName struct{ id, name string }

// contactList is an org's live contacts in seed order.
type contactList []contactName

func contactNames(e *env) contactList {
	var out contactList
	for _, c := range e.data.Salesforce.Contacts {
		if deleted, _ := c["IsDeleted"].(bool); deleted {
			continue
		}
		first, _ := c["FirstName"].(string)
		last, _ := c["LastName"].(string)
		out = append(out, contactName{id: c["Id"].(string), name: strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))})
	}
	return out
}

func (l contactList) ids() []string {
	out := make([]string, len(l))
	for i, c := range l {
		out[i] = c.id
	}
	return out
}

func (l contactList) byLowerID(id string) (contactName, bool) {
	for _, c := range l {
		if strings.ToLower(c.id) == id {
			return c, true
		}
	}
	return contactName{}, false
}

// sameIDOtherName counts the contacts of a that b has too, named
// otherwise.
func sameIDOtherName(a, b contactList) int {
	names := map[string]string{}
	for _, c := range b {
		names[c.id] = c.name
	}
	n := 0
	for _, c := range a {
		if name, ok := names[c.id]; ok && name != c.name {
			n++
		}
	}
	return n
}
