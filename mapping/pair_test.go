package mapping

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/reconcile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewAndPairs(t *testing.T) {
	d := defaults()
	c := New(d)
	assert.Equal(t, reconcile.ZendeskWins, c.ConflictPolicy)
	require.Len(t, c.Pairs(), 2)
	assert.Equal(t, "accounts", c.Pairs()[0].Name)
	assert.Equal(t, "contacts", c.Pairs()[1].Name)
	assert.Same(t, c.Pairs()[1], c.Pair("contacts"))
	assert.Nil(t, c.Pair("leads"))
	assert.Equal(t, "Contact", c.Pair("contacts").Object)
	assert.Equal(t, User, c.Pair("contacts").Kind)
	for _, f := range c.Pair("contacts").Fields {
		assert.True(t, f.builtin, f.Zendesk)
	}
	assert.Equal(t, defaults(), d, "New marks its own copy of the fields")
}

func TestOn(t *testing.T) {
	yes, no := true, false
	assert.True(t, (&Pair{}).On(), "enabled unless said otherwise")
	assert.True(t, (&Pair{Enabled: &yes}).On())
	assert.False(t, (&Pair{Enabled: &no}).On())
}

func TestDirectionOf(t *testing.T) {
	builtin := func(f Field) Field { f.builtin = true; return f }
	email := Field{Zendesk: "email", Salesforce: "Email"}
	phone := Field{Zendesk: "phone", Salesforce: "Phone"}
	cases := []struct {
		name  string
		pair  reconcile.Direction
		field Field
		want  reconcile.Direction
	}{
		{"pair direction", reconcile.SalesforceToZendesk, phone, reconcile.SalesforceToZendesk},
		{"pair both", reconcile.Both, phone, reconcile.Both},
		{"pair zd_to_sf", reconcile.ZendeskToSalesforce, phone, reconcile.ZendeskToSalesforce},
		{"field over pair", reconcile.Both, Field{Zendesk: "phone", Salesforce: "Phone", Direction: reconcile.SalesforceToZendesk}, reconcile.SalesforceToZendesk},
		{"field over one-way pair", reconcile.SalesforceToZendesk, Field{Zendesk: "phone", Salesforce: "Phone", Direction: reconcile.Both}, reconcile.Both},
		{"built-in invertible follows the pair", reconcile.Both, builtin(phone), reconcile.Both},
		{"built-in that cannot invert stays one way", reconcile.Both, builtin(email), reconcile.SalesforceToZendesk},
		{"user-written that cannot invert follows the pair", reconcile.Both, email, reconcile.Both},
		{"built-in with its own direction", reconcile.Both, func() Field { f := builtin(email); f.Direction = reconcile.Both; return f }(), reconcile.Both},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &Pair{Kind: User, Direction: c.pair}
			assert.Equal(t, c.want, p.DirectionOf(&c.field))
		})
	}
}

func TestPolicyOf(t *testing.T) {
	cases := []struct {
		name             string
		top, pair, field reconcile.Policy
		want             reconcile.Policy
	}{
		{"top", reconcile.NewestWins, "", "", reconcile.NewestWins},
		{"pair over top", reconcile.NewestWins, reconcile.SalesforceWins, "", reconcile.SalesforceWins},
		{"field over pair", reconcile.NewestWins, reconcile.SalesforceWins, reconcile.ZendeskWins, reconcile.ZendeskWins},
		{"field over top", reconcile.SalesforceWins, "", reconcile.NewestWins, reconcile.NewestWins},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := &Config{ConflictPolicy: c.top}
			p := &Pair{ConflictPolicy: c.pair}
			assert.Equal(t, c.want, cfg.PolicyOf(p, &Field{ConflictPolicy: c.field}))
		})
	}
}

func TestPolicyOfLoaded(t *testing.T) {
	c := mustLoad(t, "m.yaml", `conflict_policy: newest_wins
contacts:
  conflict_policy: salesforce_wins
  fields:
    - {zendesk: phone, salesforce: Phone, conflict_policy: zendesk_wins}
`)
	p := c.Pair("contacts")
	assert.Equal(t, reconcile.ZendeskWins, c.PolicyOf(p, field(t, p, "phone")))
	assert.Equal(t, reconcile.SalesforceWins, c.PolicyOf(p, field(t, p, "name")))
	a := c.Pair("accounts")
	assert.Equal(t, reconcile.NewestWins, c.PolicyOf(a, field(t, a, "name")))
}

func TestReadsZendesk(t *testing.T) {
	cases := []struct {
		name string
		file string
		want bool
	}{
		{"defaults", "", false},
		{"pair both", "contacts: {direction: both}\n", true},
		{"pair zd_to_sf", "contacts: {direction: zd_to_sf}\n", true},
		{"one field both", "contacts:\n  fields:\n    - {zendesk: phone, salesforce: Phone, direction: both}\n", true},
		{
			"pair both, every field one way",
			"contacts:\n  direction: both\n  replace_defaults: true\n  fields:\n" +
				"    - {zendesk: name, salesforce: LastName, direction: sf_to_zd}\n" +
				"    - {zendesk: email, salesforce: Email, direction: sf_to_zd}\n",
			false,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := mustLoad(t, "m.yaml", c.file)
			assert.Equal(t, c.want, cfg.Pair("contacts").ReadsZendesk())
		})
	}
}

func TestSourceFields(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		c := New(defaults())
		assert.Equal(t,
			[]string{"AccountId", "Department", "Email", "FirstName", "Id", "IsDeleted", "LastModifiedDate", "LastName", "Phone", "SystemModstamp", "Title"},
			c.Pair("contacts").SourceFields("Email", "Id", "IsDeleted", "LastModifiedDate", "SystemModstamp"))
		assert.Equal(t,
			[]string{"BillingCity", "BillingCountry", "Id", "Industry", "Name", "Website"},
			c.Pair("accounts").SourceFields("Id"))
	})
	t.Run("every source, once, case-insensitively, sorted", func(t *testing.T) {
		p := &Pair{Kind: User, Fields: []Field{
			{Zendesk: "name", Join: []string{"FirstName", "LastName"}},
			{Zendesk: "email", Salesforce: "email"},
			{Zendesk: "user_fields.greeting", Template: "Hi {{firstname}} of {{Account.Name}}"},
			{Zendesk: "user_fields.source", Constant: "sf"},
			{Zendesk: "user_fields.broken", Template: "{{Broken"},
			{Zendesk: "phone", Salesforce: "Phone"},
			{Zendesk: "user_fields.phone2", Salesforce: "PHONE"},
		}}
		assert.Equal(t, []string{"Account.Name", "Email", "FirstName", "LastName", "Phone", "id"}, p.SourceFields("id", "Email"))
	})
	t.Run("nothing always", func(t *testing.T) {
		p := &Pair{Kind: User, Fields: []Field{{Zendesk: "phone", Salesforce: "Phone"}}}
		assert.Equal(t, []string{"Phone"}, p.SourceFields())
	})
	t.Run("always is not modified", func(t *testing.T) {
		backing := []string{"Z", "A", "keep"}
		got := (&Pair{Fields: []Field{{Zendesk: "phone", Salesforce: "Phone"}}}).SourceFields(backing[:2]...)
		assert.Equal(t, []string{"A", "Phone", "Z"}, got)
		assert.Equal(t, []string{"Z", "A", "keep"}, backing, "not even past the slice's length")
	})
}

func TestCheckZendesk(t *testing.T) {
	cases := []struct {
		name      string
		fields    map[string]any
		create    bool
		wantField string // empty: accepted
		wantWhy   string
	}{
		{name: "valid", fields: map[string]any{"name": "Ann Lee", "email": "ann@acme.com", "phone": "+1 555"}, create: true},
		{name: "name required on create", fields: map[string]any{"email": "ann@acme.com"}, create: true, wantField: "name", wantWhy: "is required"},
		{name: "empty name on create", fields: map[string]any{"name": ""}, create: true, wantField: "name", wantWhy: "is required"},
		{name: "name not required on update", fields: map[string]any{"phone": "+1 555"}},
		{name: "name cleared on update", fields: map[string]any{"name": ""}, wantField: "name", wantWhy: "is required"},
		{name: "name of a non-string", fields: map[string]any{"name": nil}, wantField: "name", wantWhy: "is required"},
		{name: "longest name", fields: map[string]any{"name": strings.Repeat("é", 255)}, create: true},
		{
			name: "long name", fields: map[string]any{"name": strings.Repeat("a", 256)}, create: true,
			wantField: "name", wantWhy: "is 256 characters long, Zendesk allows at most 255",
		},
		{name: "no email", fields: map[string]any{"name": "Ann", "email": ""}, create: true},
		{
			name: "invalid email", fields: map[string]any{"name": "Ann", "email": "ann@acme"}, create: true,
			wantField: "email", wantWhy: `"ann@acme" is not a valid email address`,
		},
		{
			name: "invalid email on update", fields: map[string]any{"email": "ann lee@acme.com"},
			wantField: "email", wantWhy: `"ann lee@acme.com" is not a valid email address`,
		},
		{name: "longest phone", fields: map[string]any{"phone": strings.Repeat("é", 40)}},
		{
			name: "long phone", fields: map[string]any{"phone": strings.Repeat("1", 41)},
			wantField: "phone", wantWhy: `"` + strings.Repeat("1", 41) + `" is 41 characters long, at most 40 are allowed`,
		},
		{name: "domains", fields: map[string]any{"name": "Acme", "domain_names": []string{"acme.com", "acme.co.uk"}}, create: true},
		{
			name: "bad domain", fields: map[string]any{"name": "Acme", "domain_names": []string{"acme.com", "acme"}}, create: true,
			wantField: "domain_names", wantWhy: `"acme" is not a valid host name`,
		},
		{
			name: "bad domain in a JSON list", fields: map[string]any{"domain_names": []any{"ACME.COM"}},
			wantField: "domain_names", wantWhy: `"ACME.COM" is not a valid host name`,
		},
		{name: "name is checked first", fields: map[string]any{"email": "x"}, create: true, wantField: "name", wantWhy: "is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := CheckZendesk(User, c.fields, c.create)
			if c.wantField == "" {
				assert.Nil(t, r)
				return
			}
			require.NotNil(t, r)
			assert.Equal(t, c.wantField, r.Field)
			assert.Equal(t, c.wantWhy, r.Reason)
			assert.Equal(t, c.wantField+": "+c.wantWhy, r.Error())
		})
	}
}
