package mapping

import (
	"strconv"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/reconcile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// describes are what Salesforce's describe lists for the test objects.
var describes = map[string][]string{
	"Account": {"Id", "Name", "Website", "BillingCity", "BillingCountry", "Industry", "Type", "ParentId", "Tier__c", "Parent__c"},
	"Contact": {"Id", "FirstName", "LastName", "Email", "Phone", "MobilePhone", "AccountId", "Title", "Department", "Level__c"},
}

func TestValidateDefaults(t *testing.T) {
	c := New(defaults())
	assert.NoError(t, c.Validate(nil))
	assert.NoError(t, c.Validate(describes))
}

func TestValidateField(t *testing.T) {
	cases := []struct {
		name  string
		pair  string // contacts when empty
		field Field
		// replaces says the field takes the place of a default, so it is
		// the last of 6 rather than the 7th.
		replaces bool
		want     string // the whole message after "<pair>: field N (zendesk ...): "
	}{
		{
			name:  "external_id",
			field: Field{Zendesk: "external_id", Salesforce: "Id"},
			want:  "target external_id is always the Salesforce Id and cannot be mapped",
		},
		{
			name:  "unknown user target",
			field: Field{Zendesk: "nickname", Salesforce: "Title"},
			want:  `unknown zendesk field "nickname" (allowed: name, email, phone, tags, organization_id, user_fields.<key>)`,
		},
		{
			name: "unknown organization target", pair: "accounts",
			field: Field{Zendesk: "email", Salesforce: "Name"},
			want:  `unknown zendesk field "email" (allowed: name, details, notes, domain_names, tags, organization_fields.<key>)`,
		},
		{
			name: "custom prefix of the other kind", pair: "accounts",
			field: Field{Zendesk: "user_fields.tier", Salesforce: "Tier__c"},
			want:  `unknown zendesk field "user_fields.tier" (allowed: name, details, notes, domain_names, tags, organization_fields.<key>)`,
		},
		{
			name:  "custom key of digits only",
			field: Field{Zendesk: "user_fields.123", Salesforce: "Title"},
			want:  `target "user_fields.123": custom field key must be letters, digits and underscores, not only digits`,
		},
		{
			name:  "custom key with a dash",
			field: Field{Zendesk: "user_fields.job-title", Salesforce: "Title"},
			want:  `target "user_fields.job-title": custom field key must be letters, digits and underscores, not only digits`,
		},
		{
			name:  "no source",
			field: Field{Zendesk: "user_fields.x"},
			want:  "needs exactly one of salesforce, join, template or constant",
		},
		{
			name:  "two sources",
			field: Field{Zendesk: "user_fields.x", Salesforce: "Title", Constant: "x"},
			want:  "needs exactly one of salesforce, join, template or constant",
		},
		{
			name:  "join and template",
			field: Field{Zendesk: "user_fields.x", Join: []string{"FirstName"}, Template: "{{Title}}"},
			want:  "needs exactly one of salesforce, join, template or constant",
		},
		{
			name:  "unknown transform",
			field: Field{Zendesk: "user_fields.x", Salesforce: "Title", Transforms: []string{"trim", "reverse"}},
			want:  `unknown transform "reverse" (known: trim, lower, upper, squash, host)`,
		},
		{
			name: "bool constant for a text target", pair: "accounts",
			field: Field{Zendesk: "notes", Constant: true},
			want:  "constant true (bool) does not fit this target",
		},
		{
			name: "number constant for a text target", pair: "accounts",
			field: Field{Zendesk: "notes", Constant: 3},
			want:  "constant 3 (int) does not fit this target",
		},
		{
			name: "list constant for a text target", pair: "accounts",
			field: Field{Zendesk: "notes", Constant: []any{"a"}},
			want:  "a list constant needs a list target (tags, domain_names)",
		},
		{
			name:  "list constant with a number",
			field: Field{Zendesk: "tags", Constant: []any{"a", 1}},
			want:  "list constant item 1 is not a string",
		},
		{
			name:  "map constant",
			field: Field{Zendesk: "user_fields.x", Constant: map[string]any{"a": "b"}},
			want:  "constant map[a:b] (map[string]interface {}) does not fit this target",
		},
		{
			name:  "template with a bad field",
			field: Field{Zendesk: "user_fields.x", Template: "Hi {{First Name}}"},
			want:  `template "Hi {{First Name}}": "First Name" is not a field name`,
		},
		{
			name:  "template never closed",
			field: Field{Zendesk: "user_fields.x", Template: "Hi {{FirstName"},
			want:  `template "Hi {{FirstName": "{{" is never closed`,
		},
		{
			name:  "separator without join",
			field: Field{Zendesk: "user_fields.x", Salesforce: "Title", Separator: "-"},
			want:  "separator is only used with join",
		},
		{
			name:  "unknown reverse rule",
			field: Field{Zendesk: "user_fields.x", Join: []string{"FirstName", "LastName"}, Reverse: "concat"},
			want:  `reverse "concat": the only reverse rule is "split"`,
		},
		{
			name:  "reverse_values without values",
			field: Field{Zendesk: "user_fields.x", Salesforce: "Title", ReverseValues: map[string]string{"a": "b"}},
			want:  "reverse_values needs values",
		},
		{
			name: "reference target without reference", replaces: true,
			field: Field{Zendesk: "organization_id", Salesforce: "AccountId"},
			want:  "organization_id needs reference (the pair whose links resolve it), and only it takes one",
		},
		{
			name:  "reference on a field that is not one",
			field: Field{Zendesk: "user_fields.company", Salesforce: "AccountId", Reference: "accounts"},
			want:  "user_fields.company needs reference (the pair whose links resolve it), and only it takes one",
		},
		{
			name: "reference to an unknown pair", replaces: true,
			field: Field{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "leads"},
			want:  `reference "leads": needs a salesforce id field and a known pair`,
		},
		{
			name: "reference through a join", replaces: true,
			field: Field{Zendesk: "organization_id", Join: []string{"AccountId", "Id"}, Reference: "accounts"},
			want:  `reference "accounts": needs a salesforce id field and a known pair`,
		},
		{
			name:  "bad field direction",
			field: Field{Zendesk: "user_fields.x", Salesforce: "Title", Direction: "up"},
			want:  `direction "up": want one of [sf_to_zd zd_to_sf both]`,
		},
		{
			name:  "bad field policy",
			field: Field{Zendesk: "user_fields.x", Salesforce: "Title", ConflictPolicy: "loudest"},
			want:  `conflict_policy "loudest": want one of [zendesk_wins salesforce_wins newest_wins]`,
		},
		{
			name:  "source that is not a field name",
			field: Field{Zendesk: "user_fields.x", Salesforce: "Job Title"},
			want:  `source "Job Title" is not a field name`,
		},
		{
			name:  "join part that is not a field name",
			field: Field{Zendesk: "user_fields.x", Join: []string{"FirstName", "1st"}},
			want:  `source "1st" is not a field name`,
		},
		{
			name:  "two-way field that cannot invert",
			field: Field{Zendesk: "user_fields.x", Template: "{{Title}}", Direction: reconcile.Both},
			want:  "flows both but cannot be carried back to Salesforce: a template cannot be split back into its fields",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pair := c.pair
			if pair == "" {
				pair = "contacts"
			}
			cfg := configWith(t, pair, Pair{Fields: []Field{c.field}})
			n := len(cfg.Pair(pair).Fields)
			if !c.replaces {
				require.Equal(t, len(New(defaults()).Pair(pair).Fields)+1, n, "the field is added")
			}
			err := cfg.Validate(nil)
			require.Error(t, err)
			prefix := "" + pair + ": field " + strconv.Itoa(n) + ` (zendesk "` + c.field.Zendesk + `"): `
			assert.Contains(t, strings.Split(err.Error(), "\n"), prefix+c.want)
		})
	}
}

func TestValidateAcceptsConstants(t *testing.T) {
	cases := []Field{
		{Zendesk: "user_fields.vip", Constant: true},
		{Zendesk: "user_fields.score", Constant: 7},
		{Zendesk: "user_fields.ratio", Constant: 0.5},
		{Zendesk: "user_fields.source", Constant: "salesforce"},
		{Zendesk: "tags", Constant: "crm"},
		{Zendesk: "tags", Constant: []any{"crm", "sf"}},
	}
	for _, f := range cases {
		t.Run(f.Zendesk, func(t *testing.T) {
			assert.NoError(t, configWith(t, "contacts", Pair{Fields: []Field{f}}).Validate(nil))
		})
	}
}

func TestValidateSalesforceFields(t *testing.T) {
	cases := []struct {
		name  string
		pair  string
		field Field
		want  string // empty: accepted
	}{
		{name: "known field", pair: "contacts", field: Field{Zendesk: "user_fields.x", Salesforce: "Level__c"}},
		{name: "case-insensitive", pair: "contacts", field: Field{Zendesk: "user_fields.x", Salesforce: "level__C"}},
		{name: "relationship through a lookup", pair: "contacts", field: Field{Zendesk: "user_fields.x", Salesforce: "Account.Name"}},
		{name: "custom relationship", pair: "accounts", field: Field{Zendesk: "organization_fields.x", Salesforce: "Parent__r.Name"}},
		{name: "standard relationship", pair: "accounts", field: Field{Zendesk: "organization_fields.x", Template: "{{Parent.Name}}"}},
		{
			name: "unknown field", pair: "contacts", field: Field{Zendesk: "user_fields.x", Salesforce: "Titel"},
			want: `contacts: field 7 (zendesk "user_fields.x"): salesforce: unknown field "Titel"`,
		},
		{
			name: "unknown join part", pair: "contacts", field: Field{Zendesk: "user_fields.x", Join: []string{"FirstName", "MiddleName"}},
			want: `contacts: field 7 (zendesk "user_fields.x"): salesforce: unknown field "MiddleName"`,
		},
		{
			name: "unknown template field", pair: "accounts", field: Field{Zendesk: "notes", Template: "{{Type}} / {{Rating}}"},
			want: `accounts: field 5 (zendesk "notes"): salesforce: unknown field "Rating"`,
		},
		{
			name: "unknown relationship", pair: "contacts", field: Field{Zendesk: "user_fields.x", Salesforce: "Owner.Name"},
			want: `contacts: field 7 (zendesk "user_fields.x"): salesforce: unknown relationship "Owner" in "Owner.Name"`,
		},
		{
			name: "custom relationship without its lookup", pair: "accounts", field: Field{Zendesk: "organization_fields.x", Salesforce: "Region__r.Name"},
			want: `accounts: field 5 (zendesk "organization_fields.x"): salesforce: unknown relationship "Region__r" in "Region__r.Name"`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := configWith(t, c.pair, Pair{Fields: []Field{c.field}})
			err := cfg.Validate(describes)
			if c.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
			assert.NoError(t, cfg.Validate(nil), "without a describe the names are not checked")
			assert.NoError(t, cfg.Validate(map[string][]string{"Lead": {"Id"}}), "an object missing from the describe is not checked")
		})
	}
}

func TestValidatePair(t *testing.T) {
	cases := []struct {
		name  string
		pair  string
		file  Pair
		known map[string][]string
		want  []string
	}{
		{
			name: "filter syntax", pair: "accounts", file: Pair{Filter: "Type = "},
			want: []string{"accounts: filter: at offset 7: expected a value after ="},
		},
		{
			name: "filter field unknown to the describe", pair: "accounts", file: Pair{Filter: "Typo = 'x'"}, known: describes,
			want: []string{`accounts: filter: at offset 0: unknown field "Typo"`},
		},
		{
			name: "pair direction", pair: "contacts", file: Pair{Direction: "up"},
			want: []string{`contacts: direction "up": want one of [sf_to_zd zd_to_sf both]`},
		},
		{
			name: "pair policy", pair: "contacts", file: Pair{ConflictPolicy: "loudest"},
			want: []string{`contacts: conflict_policy "loudest": want one of [zendesk_wins salesforce_wins newest_wins]`},
		},
		{
			name: "duplicate zendesk field", pair: "contacts",
			file: Pair{Fields: []Field{{Zendesk: "user_fields.x", Salesforce: "Title"}, {Zendesk: "user_fields.x", Salesforce: "Department"}}},
			want: []string{`contacts: field 8 (zendesk "user_fields.x"): zendesk field is already filled by field 7 (zendesk "user_fields.x")`},
		},
		{
			name: "only comments have private records", pair: "contacts", file: Pair{IncludePrivate: true},
			want: []string{"contacts: include_private: only comments have private records"},
		},
		{
			name: "only comments have long bodies", pair: "contacts", file: Pair{LongBodies: "split"},
			want: []string{"contacts: long_bodies: only comments have bodies"},
		},
		{
			name: "only tickets create missing contacts", pair: "contacts", file: Pair{CreateMissingContacts: true},
			want: []string{"contacts: create_missing_contacts and default_account: only tickets have requesters"},
		},
		{
			name: "missing name", pair: "contacts",
			file: Pair{ReplaceDefaults: true, Fields: []Field{{Zendesk: "email", Salesforce: "Email"}}},
			want: []string{"contacts: no field maps to name, which Zendesk requires"},
		},
		{
			name: "an invalid name field counts as missing", pair: "accounts",
			file: Pair{Fields: []Field{{Zendesk: "name", Salesforce: "Name", Transforms: []string{"title"}}}},
			want: []string{
				`accounts: field 4 (zendesk "name"): unknown transform "title"`,
				"accounts: no field maps to name, which Zendesk requires",
			},
		},
		{
			name: "every problem is reported", pair: "contacts",
			file: Pair{Direction: "up", ConflictPolicy: "loudest", Fields: []Field{
				{Zendesk: "user_fields.x"},
				{Zendesk: "nickname", Salesforce: "Title"},
			}},
			want: []string{
				`contacts: direction "up"`,
				`contacts: conflict_policy "loudest"`,
				`contacts: field 7 (zendesk "user_fields.x"): needs exactly one of`,
				`contacts: field 8 (zendesk "nickname"): unknown zendesk field`,
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := configWith(t, c.pair, c.file).Validate(c.known)
			require.Error(t, err)
			lines := strings.Split(err.Error(), "\n")
			for _, w := range c.want {
				assert.True(t, hasPrefixed(lines, w), "no line starts with %q in:\n%v", w, err)
			}
			assert.Len(t, lines, len(c.want), "only the expected problems:\n%v", err)
		})
	}
}

func TestValidateTopLevelPolicy(t *testing.T) {
	c := New(defaults())
	c.ConflictPolicy = "loudest"
	err := c.Validate(nil)
	require.Error(t, err)
	assert.Equal(t, `conflict_policy "loudest": want one of [zendesk_wins salesforce_wins newest_wins]`, err.Error())
}

func hasPrefixed(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}
