package activities

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/zendesk"
)

// An organization a run created is found by name without listing: the
// listing reaches a run's own organizations last.
func TestRunFindsTheOrganizationsItCreatedWithoutListing(t *testing.T) {
	tests := []struct {
		name     string
		remember bool
		listed   bool
	}{
		{"created by the run", true, false},
		{"not known to the run", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, seed.Options{Seed: 15, Accounts: 300, Contacts: 10, Tickets: 1}, zdsandbox.Config{})
			ctx := context.Background()
			org, _, err := f.acts.Zendesk.CreateOrUpdateOrganization(ctx, &zendesk.Organization{Name: "Zyxwv Holdings", ExternalID: "001NEW"})
			require.NoError(t, err)
			if tt.remember {
				f.acts.rememberOrganizations(testRun, []orgRef{refOf(org.ID, org.Name)})
			}
			lists := f.requests("GET /api/v2/organizations")

			got, err := f.acts.organizationsByName(ctx, testRun, []string{" zyxwv holdings"})
			require.NoError(t, err)

			require.Contains(t, got, "zyxwv holdings")
			assert.Equal(t, org.ID, got["zyxwv holdings"].ID)
			assert.Equal(t, tt.listed, f.requests("GET /api/v2/organizations") > lists, "listed")
		})
	}
}

// A page's upsert tells its run the organizations it created.
func TestUpsertRemembersTheOrganizationsItCreated(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 16, Accounts: 1000, Contacts: 10, Tickets: 1}, zdsandbox.Config{})
	ctx := context.Background()
	in, _ := f.resolved(t, "accounts")
	r := f.upsert(t, in)
	require.Positive(t, r.Counts.Zendesk.Created)
	var pl plan
	require.NoError(t, f.acts.staged(ctx, in, stagedPlan, in.Page, &pl))
	var names []string
	for _, it := range pl.Items {
		if it.Create {
			names = append(names, organizationFrom(it.SalesforceID, it.Zendesk).Name)
		}
	}
	require.NotEmpty(t, names)
	lookups := func() int64 {
		return f.requests("GET /api/v2/organizations") + f.requests("GET /api/v2/organizations/search")
	}
	before := lookups()

	got, err := f.acts.organizationsByName(ctx, in.Run, names[:1])
	require.NoError(t, err)

	assert.Len(t, got, 1)
	assert.Equal(t, before, lookups(), "found without listing or searching")
}
