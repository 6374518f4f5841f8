package mapping

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var describe = map[string][]string{
	Account: {"Id", "Name", "Website", "BillingCity", "BillingCountry", "Industry", "Type", "Rating", "IsDeleted", "SystemModstamp"},
	Contact: {"Id", "FirstName", "LastName", "Email", "Phone", "Title", "Department", "AccountId", "IsDeleted", "SystemModstamp"},
}

func TestValidateDefault(t *testing.T) {
	require.NoError(t, Default().Validate(describe))
	require.NoError(t, Default().Validate(nil))
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name    string
		object  string
		field   Field
		filter  string
		wantErr string
	}{
		{name: "ok value map", object: Account, field: Field{Target: "organization_fields.tier", Source: "Rating", Values: map[string]string{"Hot": "gold"}, Default: "bronze"}},
		{name: "ok relationship", object: Contact, field: Field{Target: "user_fields.company", Template: "{{Account.Name}}"}},
		{name: "ok list constant", object: Contact, field: Field{Target: "tags", Constant: []any{"crm"}}},
		{name: "unknown source", object: Contact, field: Field{Target: "user_fields.title", Source: "Titel"},
			wantErr: `mapping: Contact: field 6 (target "user_fields.title"): source: unknown field "Titel"`},
		{name: "unknown template field", object: Account, field: Field{Target: "notes", Template: "{{Industry}} {{Revenue}}"},
			wantErr: `mapping: Account: field 5 (target "notes"): source: unknown field "Revenue"`},
		{name: "unknown relationship", object: Contact, field: Field{Target: "user_fields.o", Source: "Owner.Name"},
			wantErr: `unknown relationship "Owner"`},
		{name: "unknown target", object: Account, field: Field{Target: "email", Source: "Name"},
			wantErr: `mapping: Account: field 5 (target "email"): unknown target "email" (allowed: name, details, notes, domain_names, tags, organization_fields.<key>)`},
		{name: "external id", object: Contact, field: Field{Target: "external_id", Source: "Email"},
			wantErr: "external_id is always the Salesforce Id"},
		{name: "bad custom key", object: Contact, field: Field{Target: "user_fields.my-key", Source: "Title"},
			wantErr: "custom field key must be letters, digits and underscores"},
		{name: "numeric custom key", object: Contact, field: Field{Target: "user_fields.123", Source: "Title"},
			wantErr: "custom field key"},
		{name: "bad transform", object: Account, field: Field{Target: "notes", Source: "Type", Transforms: []string{"titlecase"}},
			wantErr: `mapping: Account: field 5 (target "notes"): unknown transform "titlecase"`},
		{name: "bad template", object: Account, field: Field{Target: "notes", Template: "{{Type"},
			wantErr: `mapping: Account: field 5 (target "notes"): template "{{Type": "{{" is never closed`},
		{name: "two sources", object: Account, field: Field{Target: "notes", Source: "Type", Template: "{{Type}}"},
			wantErr: "needs exactly one of source, join, template or constant"},
		{name: "no source", object: Account, field: Field{Target: "notes"},
			wantErr: "needs exactly one of source, join, template or constant"},
		{name: "list constant on scalar", object: Account, field: Field{Target: "notes", Constant: []any{"a"}},
			wantErr: "a list constant needs a list target"},
		{name: "number constant on scalar", object: Account, field: Field{Target: "notes", Constant: 5},
			wantErr: "does not fit this target"},
		{name: "separator without join", object: Account, field: Field{Target: "notes", Source: "Type", Separator: "-"},
			wantErr: "separator is only used with join"},
		{name: "duplicate scalar target", object: Account, field: Field{Target: "name", Source: "Type"},
			wantErr: `mapping: Account: field 5 (target "name"): target is already filled by field 1 (target "name")`},
		{name: "bad filter", object: Account, filter: "Type = 'Customer' LIMIT 5",
			wantErr: "mapping: Account: filter: at offset 18: clause keyword LIMIT is not allowed in a filter"},
		{name: "filter unknown field", object: Contact, filter: "Emial != null",
			wantErr: `mapping: Contact: filter: at offset 0: unknown field "Emial"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Default()
			o := cfg.object(c.object)
			if c.field.Target != "" || c.field.Source != "" {
				o.Fields = append(o.Fields, c.field)
			}
			o.Filter = c.filter
			err := cfg.Validate(describe)
			if c.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.wantErr)
		})
	}
}

func TestValidateReportsEveryProblemAndMissingName(t *testing.T) {
	cfg := Default()
	cfg.Accounts.Fields = []Field{{Target: "notes", Source: "Nope"}}
	cfg.Contacts.Filter = "Email = "
	err := cfg.Validate(describe)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `mapping: Account: field 1 (target "notes"): source: unknown field "Nope"`)
	assert.Contains(t, err.Error(), "mapping: Account: no field maps to name")
	assert.Contains(t, err.Error(), "mapping: Contact: filter: at offset 8: expected a value after =")
}
