package mapping

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var links = fakeLinks{"accounts": {"001A": 42, "001B": 43}}

func TestToZendesk(t *testing.T) {
	level := map[string]string{"Hot": "high", "Warm": "high", "Cold": "low"}
	cases := []struct {
		name    string
		kind    string // User when empty
		field   Field
		rec     map[string]any
		links   Links // noLinks when nil
		want    any
		wantErr string
	}{
		// Zendesk trims names and phones and lower-cases emails, with or
		// without transforms.
		{
			name: "name is trimmed", kind: Organization, field: Field{Zendesk: "name", Salesforce: "Name"},
			rec: map[string]any{"Name": "  Acme Inc \t"}, want: "Acme Inc",
		},
		{
			name: "email is trimmed and lower-cased", field: Field{Zendesk: "email", Salesforce: "Email"},
			rec: map[string]any{"Email": " Ann.Lee@Example.COM "}, want: "ann.lee@example.com",
		},
		{
			name: "phone is trimmed", field: Field{Zendesk: "phone", Salesforce: "Phone"},
			rec: map[string]any{"Phone": "\t+1 555 0100  "}, want: "+1 555 0100",
		},
		{
			name: "other text is kept as it is", field: Field{Zendesk: "user_fields.title", Salesforce: "Title"},
			rec: map[string]any{"Title": " VP Sales "}, want: " VP Sales ",
		},
		{
			name: "trim transform", field: Field{Zendesk: "user_fields.title", Salesforce: "Title", Transforms: []string{"trim"}},
			rec: map[string]any{"Title": " VP Sales "}, want: "VP Sales",
		},
		{
			name: "transforms in order", field: Field{Zendesk: "user_fields.title", Salesforce: "Title", Transforms: []string{"squash", "upper"}},
			rec: map[string]any{"Title": "  vp   sales "}, want: "VP SALES",
		},
		{
			name: "missing field", field: Field{Zendesk: "phone", Salesforce: "Phone"},
			rec: map[string]any{}, want: "",
		},
		{
			name: "field names are case-insensitive", field: Field{Zendesk: "phone", Salesforce: "phone"},
			rec: map[string]any{"Phone": "555"}, want: "555",
		},
		// Join.
		{
			name: "join trims each part", field: Field{Zendesk: "name", Join: []string{"FirstName", "LastName"}},
			rec: map[string]any{"FirstName": " Mary Ann ", "LastName": " Lee"}, want: "Mary Ann Lee",
		},
		{
			name: "join skips empty parts", field: Field{Zendesk: "name", Join: []string{"FirstName", "LastName"}},
			rec: map[string]any{"FirstName": "  ", "LastName": "Lee"}, want: "Lee",
		},
		{
			name: "join with a separator", kind: Organization,
			field: Field{Zendesk: "details", Join: []string{"BillingCity", "BillingCountry"}, Separator: ", "},
			rec:   map[string]any{"BillingCity": "Paris", "BillingCountry": "France"}, want: "Paris, France",
		},
		{
			name: "join of nothing", kind: Organization,
			field: Field{Zendesk: "details", Join: []string{"BillingCity", "BillingCountry"}, Separator: ", "},
			rec:   map[string]any{}, want: "",
		},
		// Template and constant.
		{
			name:  "template",
			field: Field{Zendesk: "user_fields.greeting", Template: "Hi {{FirstName}} of {{ Account.Name }}!"},
			rec:   map[string]any{"FirstName": "Ann", "Account": map[string]any{"Name": "Acme"}}, want: "Hi Ann of Acme!",
		},
		{
			name:  "template with a missing field",
			field: Field{Zendesk: "user_fields.greeting", Template: "Hi {{FirstName}} of {{Account.Name}}"},
			rec:   map[string]any{"FirstName": "Ann", "Account": nil}, want: "Hi Ann of ",
		},
		{
			name:  "bad template",
			field: Field{Zendesk: "user_fields.greeting", Template: "Hi {{FirstName"},
			rec:   map[string]any{}, wantErr: "is never closed",
		},
		{
			name: "text constant", field: Field{Zendesk: "user_fields.source", Constant: "salesforce"},
			rec: map[string]any{"Title": "x"}, want: "salesforce",
		},
		{
			name: "bool constant", field: Field{Zendesk: "user_fields.vip", Constant: true},
			rec: map[string]any{}, want: true,
		},
		{
			name: "list constant", field: Field{Zendesk: "tags", Constant: []any{"sf", "crm", "sf"}},
			rec: map[string]any{}, want: []string{"crm", "sf"},
		},
		// Values and default.
		{
			name: "values", field: Field{Zendesk: "user_fields.level", Salesforce: "Rating", Values: level, Default: "none"},
			rec: map[string]any{"Rating": "Warm"}, want: "high",
		},
		{
			name: "default for an unmapped value", field: Field{Zendesk: "user_fields.level", Salesforce: "Rating", Values: level, Default: "none"},
			rec: map[string]any{"Rating": "Lukewarm"}, want: "none",
		},
		{
			name: "default for a missing value", field: Field{Zendesk: "user_fields.level", Salesforce: "Rating", Values: level, Default: "none"},
			rec: map[string]any{}, want: "none",
		},
		{
			name: "unmapped value without default clears a custom field", field: Field{Zendesk: "user_fields.level", Salesforce: "Rating", Values: level},
			rec: map[string]any{"Rating": "Lukewarm"}, want: nil,
		},
		{
			name: "values after transforms", field: Field{Zendesk: "user_fields.level", Salesforce: "Rating", Transforms: []string{"trim"}, Values: level},
			rec: map[string]any{"Rating": " Cold "}, want: "low",
		},
		{
			name: "default without values fills an empty value", field: Field{Zendesk: "user_fields.title", Salesforce: "Title", Default: "n/a"},
			rec: map[string]any{"Title": ""}, want: "n/a",
		},
		{
			name: "default without values keeps a value", field: Field{Zendesk: "user_fields.title", Salesforce: "Title", Default: "n/a"},
			rec: map[string]any{"Title": "CEO"}, want: "CEO",
		},
		// Lists.
		{
			name: "host transform to domain_names", kind: Organization,
			field: Field{Zendesk: "domain_names", Salesforce: "Website", Transforms: []string{"host"}},
			rec:   map[string]any{"Website": "https://www.Acme.com/about"}, want: []string{"acme.com"},
		},
		{
			name: "host transform of a bad website", kind: Organization,
			field: Field{Zendesk: "domain_names", Salesforce: "Website", Transforms: []string{"host"}},
			rec:   map[string]any{"Website": "not a site"}, want: []string(nil),
		},
		{
			name: "multi-select picklist to tags", field: Field{Zendesk: "tags", Salesforce: "Interests__c", Transforms: []string{"lower"}},
			rec: map[string]any{"Interests__c": "Golf;chess;;GOLF"}, want: []string{"chess", "golf"},
		},
		{
			name: "JSON list to tags", field: Field{Zendesk: "tags", Salesforce: "Interests__c"},
			rec: map[string]any{"Interests__c": []any{"b", "a"}}, want: []string{"a", "b"},
		},
		// Custom fields keep bools and numbers.
		{
			name: "custom bool", field: Field{Zendesk: "user_fields.vip", Salesforce: "VIP__c"},
			rec: map[string]any{"VIP__c": false}, want: false,
		},
		{
			name: "custom number", field: Field{Zendesk: "user_fields.score", Salesforce: "Score__c"},
			rec: map[string]any{"Score__c": 12.5}, want: 12.5,
		},
		{
			name: "custom int", field: Field{Zendesk: "user_fields.score", Salesforce: "Score__c"},
			rec: map[string]any{"Score__c": 7}, want: 7,
		},
		{
			name: "custom number through a transform becomes text", field: Field{Zendesk: "user_fields.score", Salesforce: "Score__c", Transforms: []string{"trim"}},
			rec: map[string]any{"Score__c": 12.5}, want: "12.5",
		},
		{
			name: "custom empty is nil", field: Field{Zendesk: "user_fields.title", Salesforce: "Title"},
			rec: map[string]any{"Title": ""}, want: nil,
		},
		{
			name: "scalar number becomes text", field: Field{Zendesk: "phone", Salesforce: "Phone"},
			rec: map[string]any{"Phone": 5550100.0}, want: "5550100",
		},
		// References.
		{
			name: "reference linked", field: Field{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
			rec: map[string]any{"AccountId": " 001B "}, links: links, want: int64(43),
		},
		{
			name: "reference not linked", field: Field{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
			rec: map[string]any{"AccountId": "001Z"}, links: links, want: nil,
		},
		{
			name: "reference empty", field: Field{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
			rec: map[string]any{"AccountId": "  "}, want: nil,
		},
		{
			name: "reference missing", field: Field{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
			rec: map[string]any{}, want: nil,
		},
		// Targets.
		{
			name: "unknown target", field: Field{Zendesk: "nickname", Salesforce: "Nick"},
			rec: map[string]any{}, wantErr: `unknown zendesk field "nickname"`,
		},
		{
			name: "external_id", field: Field{Zendesk: "external_id", Salesforce: "Id"},
			rec: map[string]any{}, wantErr: "external_id is always the Salesforce Id",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind := c.kind
			if kind == "" {
				kind = User
			}
			l := c.links
			if l == nil {
				l = noLinks{t}
			}
			got, err := c.field.ToZendesk(kind, c.rec, l)
			if c.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestToSalesforce(t *testing.T) {
	name := Field{Zendesk: "name", Join: []string{"FirstName", "LastName"}, Reverse: "split"}
	org := Field{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"}
	level := Field{Zendesk: "user_fields.level", Salesforce: "Rating", Values: map[string]string{"Hot": "high", "Cold": "low"}}
	tier := Field{
		Zendesk: "user_fields.tier", Salesforce: "Tier__c",
		Values:        map[string]string{"Gold": "a", "Silver": "a", "Bronze": "b"},
		ReverseValues: map[string]string{"a": "Silver", "b": "Bronze"},
	}
	cases := []struct {
		name    string
		kind    string
		field   Field
		zd      any
		links   Links
		want    map[string]any
		wantErr string
	}{
		{name: "split", field: name, zd: "Mary Ann Lee", want: map[string]any{"FirstName": "Mary Ann", "LastName": "Lee"}},
		{name: "split single word is a last name", field: name, zd: "Cher", want: map[string]any{"FirstName": "", "LastName": "Cher"}},
		{name: "split collapses white space", field: name, zd: "  Ann \t Lee ", want: map[string]any{"FirstName": "Ann", "LastName": "Lee"}},
		{name: "split empty", field: name, zd: "", want: map[string]any{"FirstName": "", "LastName": ""}},
		{name: "plain", field: Field{Zendesk: "phone", Salesforce: "Phone", Transforms: []string{"trim"}}, zd: "+1 555", want: map[string]any{"Phone": "+1 555"}},
		{name: "plain empty clears", field: Field{Zendesk: "phone", Salesforce: "Phone"}, zd: "", want: map[string]any{"Phone": nil}},
		{name: "plain nil clears", field: Field{Zendesk: "user_fields.title", Salesforce: "Title"}, zd: nil, want: map[string]any{"Title": nil}},
		{name: "custom bool kept", field: Field{Zendesk: "user_fields.vip", Salesforce: "VIP__c"}, zd: true, want: map[string]any{"VIP__c": true}},
		{name: "custom number kept", field: Field{Zendesk: "user_fields.score", Salesforce: "Score__c"}, zd: 2.5, want: map[string]any{"Score__c": 2.5}},
		{name: "organization name", kind: Organization, field: Field{Zendesk: "name", Salesforce: "Name"}, zd: "Acme", want: map[string]any{"Name": "Acme"}},
		{name: "values inverted", field: level, zd: "low", want: map[string]any{"Rating": "Cold"}},
		{name: "reverse_values", field: tier, zd: "a", want: map[string]any{"Tier__c": "Silver"}},
		{name: "reverse_values win over values", field: tier, zd: "b", want: map[string]any{"Tier__c": "Bronze"}},
		{name: "unmapped value", field: level, zd: "medium", wantErr: `Zendesk value "medium" has no mapping to Salesforce Rating`},
		{name: "unmapped reverse value", field: tier, zd: "c", wantErr: `Zendesk value "c" has no mapping to Salesforce Tier__c`},
		{name: "reference float id", field: org, zd: float64(42), links: links, want: map[string]any{"AccountId": "001A"}},
		{name: "reference int64 id", field: org, zd: int64(43), links: links, want: map[string]any{"AccountId": "001B"}},
		{name: "reference int id", field: org, zd: 43, links: links, want: map[string]any{"AccountId": "001B"}},
		{name: "reference cleared", field: org, zd: nil, want: map[string]any{"AccountId": nil}},
		{
			name: "reference not linked", field: org, zd: float64(99), links: links,
			wantErr: "Zendesk record 99 is not linked to a Salesforce record of accounts",
		},
		{name: "reference not an id", field: org, zd: "42", wantErr: "42 is not a Zendesk id"},
		{name: "reference fractional id", field: org, zd: 4.5, wantErr: "4.5 is not a Zendesk id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind := c.kind
			if kind == "" {
				kind = User
			}
			l := c.links
			if l == nil {
				l = noLinks{t}
			}
			got, err := c.field.ToSalesforce(kind, c.zd, l)
			if c.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, c.wantErr, err.Error())
				assert.False(t, errors.Is(err, ErrNoReverse), "the field inverts")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestToSalesforceNoReverse(t *testing.T) {
	cases := []struct {
		name  string
		kind  string
		field Field
		want  string
	}{
		{"email", User, Field{Zendesk: "email", Salesforce: "Email", Transforms: []string{"trim", "lower"}}, "email is the Zendesk user's identity"},
		{"template", User, Field{Zendesk: "user_fields.x", Template: "{{Title}}"}, "a template cannot be split back"},
		{"constant", User, Field{Zendesk: "user_fields.x", Constant: "x"}, "a constant has no Salesforce field"},
		{"join without split", Organization, Field{Zendesk: "details", Join: []string{"BillingCity", "BillingCountry"}, Separator: ", "}, "a join goes back only with reverse: split"},
		{"list", User, Field{Zendesk: "tags", Salesforce: "Interests__c"}, "a list field flows one way"},
		{"host", Organization, Field{Zendesk: "domain_names", Salesforce: "Website", Transforms: []string{"host"}}, "a list field flows one way"},
		{"host on text", User, Field{Zendesk: "user_fields.site", Salesforce: "Website__c", Transforms: []string{"host"}}, `transform "host" cannot be undone`},
		{"relationship", User, Field{Zendesk: "user_fields.company", Salesforce: "Account.Name"}, "Account.Name is a field of a related record"},
		{"many-to-one", User, Field{Zendesk: "user_fields.x", Salesforce: "X", Values: map[string]string{"a": "1", "b": "1"}}, `values maps "a" and "b" both to "1"`},
		{"unknown target", User, Field{Zendesk: "nickname", Salesforce: "Nick"}, `unknown zendesk field "nickname"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.field.ToSalesforce(c.kind, "x", noLinks{t})
			require.Error(t, err)
			assert.Nil(t, got)
			assert.ErrorIs(t, err, ErrNoReverse)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// TestReverseSplitRoundTrip: what the default name field writes to Zendesk
// comes back to the same Salesforce fields when the first name is one
// word or more and the last name one word.
func TestReverseSplitRoundTrip(t *testing.T) {
	f := defaults()[1].Fields[0]
	require.Equal(t, "name", f.Zendesk)
	for _, rec := range []map[string]any{
		{"FirstName": "Ann", "LastName": "Lee"},
		{"FirstName": "Mary Ann", "LastName": "Lee"},
		{"FirstName": "", "LastName": "Lee"},
	} {
		zd, err := f.ToZendesk(User, rec, nil)
		require.NoError(t, err)
		back, err := f.ToSalesforce(User, zd, nil)
		require.NoError(t, err)
		assert.Equal(t, rec, back)
	}
}

func TestSalesforceValue(t *testing.T) {
	rec := map[string]any{
		"FirstName": "Ann", "LastName": "Lee", "email": "ann@acme.com", "AccountId": "001A",
		"Account": map[string]any{"Name": "Acme"},
	}
	cases := []struct {
		name  string
		field Field
		want  any
	}{
		{"salesforce field", Field{Zendesk: "email", Salesforce: "Email"}, map[string]any{"Email": "ann@acme.com"}},
		{"missing field", Field{Zendesk: "phone", Salesforce: "Phone"}, map[string]any{"Phone": nil}},
		{"join", Field{Zendesk: "name", Join: []string{"FirstName", "LastName"}}, map[string]any{"FirstName": "Ann", "LastName": "Lee"}},
		{"template", Field{Zendesk: "user_fields.x", Template: "{{FirstName}} at {{Account.Name}}"}, map[string]any{"FirstName": "Ann", "Account.Name": "Acme"}},
		{"reference", Field{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"}, map[string]any{"AccountId": "001A"}},
		{"constant", Field{Zendesk: "user_fields.x", Constant: "x"}, nil},
		{"template without fields", Field{Zendesk: "user_fields.x", Template: "literal"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.field.SalesforceValue(rec)
			if c.want == nil {
				assert.Nil(t, got)
				return
			}
			assert.Equal(t, c.want, got)
		})
	}
}
