package mapping

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSourceFields(t *testing.T) {
	c := Default()
	assert.Equal(t, []string{"BillingCity", "BillingCountry", "Id", "Industry", "IsDeleted", "Name", "SystemModstamp", "Website"},
		c.SourceFields(Account))
	assert.Equal(t, []string{"AccountId", "Department", "Email", "FirstName", "Id", "IsDeleted", "LastName", "Phone", "SystemModstamp", "Title"},
		c.SourceFields(Contact))

	c.Contacts.Fields = append(c.Contacts.Fields,
		Field{Target: "user_fields.company", Template: "{{Account.Name}} ({{ email }})"},
		Field{Target: "tags", Constant: []any{"Title"}},
		Field{Target: "user_fields.x", Source: "title"},
	)
	assert.Equal(t, []string{"Account.Name", "AccountId", "Department", "Email", "FirstName", "Id", "IsDeleted", "LastName", "Phone", "SystemModstamp", "Title"},
		c.SourceFields(Contact), "template fields added, constants read nothing, case-insensitive duplicates dropped")
	assert.Nil(t, c.SourceFields("Lead"))
}

func TestFilter(t *testing.T) {
	c := Default()
	c.Accounts.Filter = "Type = 'Customer'"
	assert.Equal(t, "Type = 'Customer'", c.Filter(Account))
	assert.Equal(t, "", c.Filter(Contact))
	assert.Equal(t, "", c.Filter("Lead"))
}
