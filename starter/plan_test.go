package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/workflows"
)

func TestPlanIsAlwaysADryRun(t *testing.T) {
	cases := []struct {
		args []string
		mode string
	}{
		{[]string{"plan"}, "incremental"},
		{[]string{"plan", "full", "-objects", "contacts"}, "full"},
		{[]string{"plan", "-dry-run=false"}, "incremental"},
	}
	for _, c := range cases {
		o, err := parseArgs(c.args)
		require.NoError(t, err, "%v", c.args)
		assert.True(t, o.plan, "%v", c.args)
		assert.True(t, o.in.DryRun, "%v: a plan never writes", c.args)
		assert.Equal(t, c.mode, o.in.Mode, "%v", c.args)
	}
	o, err := parseArgs([]string{"full"})
	require.NoError(t, err)
	assert.False(t, o.plan || o.in.DryRun, "a plain start is no plan")
}

func TestPrintPlan(t *testing.T) {
	var out bytes.Buffer
	printPlan(&out, &workflows.SyncResult{
		Objects: []workflows.PairResult{
			{Object: "contacts", Counts: activities.Counts{Conflicts: 1, Rejected: 2,
				Zendesk: activities.Writes{Created: 3, Adopted: 6, Updated: 4}, Salesforce: activities.Writes{Updated: 5}},
				Held: &activities.Held{}},
			{Object: "leads", Skipped: true},
		},
		Adoptions: []activities.Adoption{{Pair: "contacts", SalesforceID: "003D", ZendeskID: 9}},
		Changes: []activities.Change{
			{Pair: "contacts", Side: record.Zendesk, SalesforceID: "003A", ZendeskID: 7,
				Fields: map[string]activities.FieldChange{"user_fields.title": {Before: "Lead", After: "Head"}}},
			{Pair: "contacts", Side: record.Salesforce, SalesforceID: "003B", ZendeskID: 8,
				Fields: map[string]activities.FieldChange{"phone": {Before: map[string]any{"Phone": nil}, After: map[string]any{"Phone": "+1 555"}}}},
			{Pair: "accounts", Side: record.Zendesk, SalesforceID: "001C", Create: true,
				Fields: map[string]activities.FieldChange{"name": {After: "Acme"}}},
		},
	})
	got := out.String()
	assert.Contains(t, got, "contacts  → zendesk: 3 to create, 6 to adopt, 4 to update, 0 to delete; → salesforce: 0 to create, 5 to update, 0 to delete; 1 conflicts, 2 rejected")
	assert.Contains(t, got, "the circuit breaker would hold back deletions")
	assert.Contains(t, got, "contacts → zendesk adopt 003D ⇄ 9\n")
	assert.NotContains(t, got, "leads")
	assert.Contains(t, got, "contacts → zendesk update 003A ⇄ 7\n      user_fields.title: \"Lead\" → \"Head\"\n")
	assert.Contains(t, got, "contacts → salesforce update 003B ⇄ 8\n      phone: Phone \"\" → Phone \"+1 555\"\n")
	assert.Contains(t, got, "accounts → zendesk create 001C\n      name = \"Acme\"\n")
}
