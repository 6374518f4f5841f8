package mapping

import (
	"errors"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/reconcile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBothAloneMakesInvertibleDefaultsTwoWay: a pair made two-way carries
// back every default that can be inverted and leaves the others (email,
// the user's identity) one way, without an error since the user did not
// write them.
func TestBothAloneMakesInvertibleDefaultsTwoWay(t *testing.T) {
	for _, file := range []struct{ name, body string }{
		{"m.yaml", "contacts: {direction: both}\n"},
		{"m.json", `{"contacts": {"direction": "both"}}`},
	} {
		t.Run(file.name, func(t *testing.T) {
			c := mustLoad(t, file.name, file.body)
			p := c.Pair("contacts")
			want := map[string]reconcile.Direction{
				"name":                   reconcile.Both,
				"email":                  reconcile.SalesforceToZendesk,
				"phone":                  reconcile.Both,
				"organization_id":        reconcile.Both,
				"user_fields.title":      reconcile.Both,
				"user_fields.department": reconcile.Both,
			}
			require.Len(t, p.Fields, len(want))
			for i := range p.Fields {
				f := &p.Fields[i]
				assert.Equal(t, want[f.Zendesk], p.DirectionOf(f), f.Zendesk)
			}
			assert.True(t, p.ReadsZendesk())
			assert.False(t, c.Pair("accounts").ReadsZendesk(), "accounts stay one way")

			_, err := field(t, p, "email").ToSalesforce(User, "ann@acme.com", nil)
			assert.ErrorIs(t, err, ErrNoReverse)
		})
	}
}

func TestBothOnAccounts(t *testing.T) {
	c := mustLoad(t, "m.yaml", "accounts: {direction: both}\n")
	p := c.Pair("accounts")
	assert.Equal(t, reconcile.Both, p.DirectionOf(field(t, p, "name")))
	assert.Equal(t, reconcile.Both, p.DirectionOf(field(t, p, "organization_fields.industry")))
	assert.Equal(t, reconcile.SalesforceToZendesk, p.DirectionOf(field(t, p, "domain_names")), "a list, through host")
	assert.Equal(t, reconcile.SalesforceToZendesk, p.DirectionOf(field(t, p, "details")), "a join without reverse: split")
}

// TestTwoWayThatCannotInvertIsRefused: each field loads when it flows one
// way, and is refused, naming the entry and the reason, when the user makes
// it two-way (by the field's direction or the pair's).
func TestTwoWayThatCannotInvertIsRefused(t *testing.T) {
	cases := []struct {
		name   string
		field  string // the YAML lines of the entry after "- zendesk: <zendesk>"
		target string
		want   string
	}{
		{
			name: "template", target: "user_fields.greeting", field: `template: "Hi {{FirstName}}"`,
			want: "a template cannot be split back into its fields",
		},
		{
			name: "constant", target: "user_fields.source", field: "constant: salesforce",
			want: "a constant has no Salesforce field to write back",
		},
		{
			name: "join without reverse", target: "user_fields.full_name", field: "join: [FirstName, LastName]",
			want: "a join goes back only with reverse: split over exactly two fields joined by a space (first name, last name)",
		},
		{
			name: "split over three fields", target: "user_fields.full_name", field: "join: [Salutation, FirstName, LastName]\n      reverse: split",
			want: "a join goes back only with reverse: split over exactly two fields",
		},
		{
			name: "host transform", target: "user_fields.site", field: "salesforce: Website__c\n      transforms: [trim, host]",
			want: `transform "host" cannot be undone`,
		},
		{
			name: "list target", target: "tags", field: "salesforce: Interests__c",
			want: "a list field flows one way",
		},
		{
			name: "many-to-one values", target: "user_fields.level", field: "salesforce: Rating__c\n      values: {Hot: high, Warm: high, Cold: low}",
			want: `values maps "Hot" and "Warm" both to "high": give reverse_values`,
		},
		{
			name: "relationship path", target: "user_fields.company", field: "salesforce: Account.Name",
			want: "Account.Name is a field of a related record",
		},
		{
			name: "email written by the user", target: "email", field: "salesforce: Email",
			want: "email is the Zendesk user's identity, changed only through its identities",
		},
	}
	for _, c := range cases {
		entry := "    - zendesk: " + c.target + "\n      " + c.field + "\n"
		t.Run(c.name+"/one way", func(t *testing.T) {
			cfg := mustLoad(t, "m.yaml", "contacts:\n  fields:\n"+entry)
			p := cfg.Pair("contacts")
			assert.Equal(t, reconcile.SalesforceToZendesk, p.DirectionOf(field(t, p, c.target)))
		})
		for _, dir := range []reconcile.Direction{reconcile.Both, reconcile.ZendeskToSalesforce} {
			t.Run(c.name+"/field "+string(dir), func(t *testing.T) {
				_, err := load(t, "m.yaml", "contacts:\n  fields:\n"+entry+"      direction: "+string(dir)+"\n")
				require.Error(t, err)
				assert.Contains(t, err.Error(), "contacts: field ")
				assert.Contains(t, err.Error(), `(zendesk "`+c.target+`", line 3): flows `+string(dir)+
					" but cannot be carried back to Salesforce: "+c.want)
			})
		}
		t.Run(c.name+"/pair both", func(t *testing.T) {
			_, err := load(t, "m.yaml", "contacts:\n  direction: both\n  fields:\n"+entry)
			require.Error(t, err)
			assert.Contains(t, err.Error(), `(zendesk "`+c.target+`", line 4): flows both but cannot be carried back to Salesforce: `+c.want)
			assert.Equal(t, 1, strings.Count(err.Error(), "cannot be carried back"), "the defaults are not blamed:\n%v", err)
		})
	}
}

func TestTwoWayAccepted(t *testing.T) {
	cases := []struct {
		name  string
		field string
	}{
		{"many-to-one values with reverse_values", "{zendesk: user_fields.level, salesforce: Rating__c, values: {Hot: high, Warm: high, Cold: low}, reverse_values: {high: Hot, low: Cold}}"},
		{"one-to-one values", "{zendesk: user_fields.level, salesforce: Rating__c, values: {Hot: high, Cold: low}}"},
		{"stable transforms", "{zendesk: user_fields.code, salesforce: Code__c, transforms: [trim, squash, upper, lower]}"},
		{"plain custom field", "{zendesk: user_fields.vip, salesforce: VIP__c}"},
		{"name split", "{zendesk: name, join: [FirstName, LastName], reverse: split}"},
		{"replaced phone", "{zendesk: phone, salesforce: MobilePhone}"},
		{"replaced reference", "{zendesk: organization_id, salesforce: AccountId, reference: accounts}"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := mustLoad(t, "m.yaml", "contacts:\n  direction: both\n  fields:\n    - "+c.field+"\n")
			p := cfg.Pair("contacts")
			f := &p.Fields[len(p.Fields)-1]
			assert.Equal(t, reconcile.Both, p.DirectionOf(f))
			assert.NoError(t, f.invertible(User))
		})
	}
}

func TestValuesInvertedAutomatically(t *testing.T) {
	cfg := mustLoad(t, "m.yaml", `contacts:
  fields:
    - zendesk: user_fields.level
      salesforce: Rating__c
      values: {Hot: high, Cold: low}
      direction: both
    - zendesk: user_fields.tier
      salesforce: Tier__c
      values: {Gold: a, Silver: a, Bronze: b}
      reverse_values: {a: Gold, b: Bronze}
      direction: both
`)
	p := cfg.Pair("contacts")
	cases := []struct {
		field, zd string
		want      map[string]any
	}{
		{"user_fields.level", "high", map[string]any{"Rating__c": "Hot"}},
		{"user_fields.level", "low", map[string]any{"Rating__c": "Cold"}},
		{"user_fields.tier", "a", map[string]any{"Tier__c": "Gold"}},
		{"user_fields.tier", "b", map[string]any{"Tier__c": "Bronze"}},
	}
	for _, c := range cases {
		got, err := field(t, p, c.field).ToSalesforce(User, c.zd, nil)
		require.NoError(t, err, "%s %q", c.field, c.zd)
		assert.Equal(t, c.want, got, "%s %q", c.field, c.zd)
	}
	_, err := field(t, p, "user_fields.level").ToSalesforce(User, "warm", nil)
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrNoReverse), "the field inverts, the value has no mapping")
	assert.Contains(t, err.Error(), `Zendesk value "warm" has no mapping to Salesforce Rating__c`)
}
