package mapping

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMapAccountDefault(t *testing.T) {
	rec := map[string]any{
		"attributes":     map[string]any{"type": "Account"},
		"Id":             "001000000000001AAA",
		"Name":           "  Acme Corp ",
		"Website":        "https://www.Acme.com/about",
		"BillingCity":    " Berlin ",
		"BillingCountry": "Germany",
		"Industry":       "Retail",
	}
	o, err := Default().MapAccount(rec)
	require.NoError(t, err)
	assert.Equal(t, Organization{
		ExternalID:         "001000000000001AAA",
		Name:               "Acme Corp",
		DomainNames:        []string{"acme.com"},
		Details:            "Berlin, Germany",
		OrganizationFields: map[string]any{"industry": "Retail"},
	}, o)
}

func TestMapAccountSparseRecord(t *testing.T) {
	o, err := Default().MapAccount(map[string]any{"Id": "001A", "Name": "Acme", "Website": "not a url", "Industry": nil})
	require.NoError(t, err)
	assert.Empty(t, o.DomainNames, "an invalid website gives no domain")
	assert.Empty(t, o.Details)
	assert.Equal(t, map[string]any{"industry": nil}, o.OrganizationFields, "an empty custom field is cleared")
}

func TestMapContactDefault(t *testing.T) {
	rec := map[string]any{
		"Id": "003000000000001AAA", "AccountId": "001000000000001AAA",
		"FirstName": " Ann ", "LastName": "Lee", "Email": " Ann.Lee@ACME.com ",
		"Phone": " +49 30 123 ", "Title": " CTO ", "Department": nil,
	}
	u, err := Default().MapContact(rec)
	require.NoError(t, err)
	assert.Equal(t, User{
		ExternalID: "003000000000001AAA", Name: "Ann Lee", Email: "ann.lee@acme.com", Phone: "+49 30 123",
		AccountID: "001000000000001AAA", Role: "end-user",
		UserFields: map[string]any{"title": "CTO", "department": nil},
	}, u)
}

func TestMapContactName(t *testing.T) {
	cases := []struct {
		first, last any
		want        string
	}{
		{"Ann", "Lee", "Ann Lee"},
		{nil, "Lee", "Lee"},
		{"Ann", "", "Ann"},
		{"  ", " Lee  ", "Lee"},
		{"Mary Ann", "van  Lee", "Mary Ann van  Lee"},
	}
	for _, c := range cases {
		u, err := Default().MapContact(map[string]any{"Id": "003A", "FirstName": c.first, "LastName": c.last})
		require.NoError(t, err)
		assert.Equal(t, c.want, u.Name)
	}
}

func TestMapRejections(t *testing.T) {
	long := strings.Repeat("x", 256)
	cases := []struct {
		name    string
		account bool
		rec     map[string]any
		field   string
		message string
	}{
		{"contact without names", false, map[string]any{"Id": "003A", "FirstName": " ", "LastName": nil}, "name", "name: is required"},
		{"contact name too long", false, map[string]any{"Id": "003A", "LastName": long}, "name", "name: is 256 characters long, Zendesk allows at most 255"},
		{"bad email", false, map[string]any{"Id": "003A", "LastName": "Lee", "Email": "foo@"}, "email", `email: "foo@" is not a valid email address`},
		{"email without dot", false, map[string]any{"Id": "003A", "LastName": "Lee", "Email": "a@localhost"}, "email", `email: "a@localhost" is not a valid email address`},
		{"long phone", false, map[string]any{"Id": "003A", "LastName": "Lee", "Phone": strings.Repeat("1", 41)}, "phone", "phone: \"" + strings.Repeat("1", 41) + "\" is 41 characters long, at most 40 are allowed"},
		{"contact without Id", false, map[string]any{"LastName": "Lee"}, "external_id", "external_id: the record has no Id"},
		{"account without name", true, map[string]any{"Id": "001A", "Name": "  "}, "name", "name: is required"},
		{"account name too long", true, map[string]any{"Id": "001A", "Name": long}, "name", "name: is 256 characters long, Zendesk allows at most 255"},
		{"account without Id", true, map[string]any{"Name": "Acme"}, "external_id", "external_id: the record has no Id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.account {
				_, err = Default().MapAccount(c.rec)
			} else {
				_, err = Default().MapContact(c.rec)
			}
			var r *Rejection
			require.True(t, errors.As(err, &r), "want a *Rejection, got %v", err)
			assert.Equal(t, c.field, r.Field)
			assert.Equal(t, c.message, r.Error())
		})
	}
}

func TestMapCustomFields(t *testing.T) {
	c := Default()
	c.Accounts.Fields = append(c.Accounts.Fields,
		Field{Target: "organization_fields.tier", Source: "Rating", Values: map[string]string{"Hot": "gold", "Warm": "silver"}, Default: "bronze"},
		Field{Target: "organization_fields.employees", Source: "NumberOfEmployees"},
		Field{Target: "organization_fields.active", Source: "Active__c"},
		Field{Target: "organization_fields.owner", Source: "Owner.Name", Transforms: []string{"upper"}},
		Field{Target: "organization_fields.source", Constant: "salesforce"},
		Field{Target: "organization_fields.priority", Constant: 3},
		Field{Target: "notes", Template: "{{Industry}} / {{BillingCountry}}"},
		Field{Target: "tags", Constant: []any{"From Salesforce", "crm"}},
		Field{Target: "tags", Source: "Segments__c"},
		Field{Target: "domain_names", Constant: []any{"acme.org"}},
	)
	cases := []struct {
		rating any
		tier   any
	}{
		{"Hot", "gold"}, {"Warm", "silver"}, {"Cold", "bronze"}, {nil, "bronze"},
	}
	for _, tc := range cases {
		o, err := c.MapAccount(map[string]any{
			"Id": "001A", "Name": "Acme", "Rating": tc.rating, "Website": "acme.com", "Industry": "Retail",
			"NumberOfEmployees": float64(120), "Active__c": true, "Owner": map[string]any{"Name": "bo"},
			"Segments__c": "Enterprise;SMB;crm",
		})
		require.NoError(t, err)
		assert.Equal(t, tc.tier, o.OrganizationFields["tier"], "rating %v", tc.rating)
		assert.Equal(t, float64(120), o.OrganizationFields["employees"], "numbers keep their type")
		assert.Equal(t, true, o.OrganizationFields["active"], "booleans keep their type")
		assert.Equal(t, "BO", o.OrganizationFields["owner"])
		assert.Equal(t, "salesforce", o.OrganizationFields["source"])
		assert.Equal(t, 3, o.OrganizationFields["priority"])
		assert.Equal(t, "Retail / ", o.Notes)
		assert.Equal(t, []string{"crm", "enterprise", "from_salesforce", "smb"}, o.Tags)
		assert.Equal(t, []string{"acme.com", "acme.org"}, o.DomainNames)
	}
}

func TestMapRejectsInvalidMappedDomain(t *testing.T) {
	c := Default()
	c.Accounts.Fields = append(c.Accounts.Fields, Field{Target: "domain_names", Source: "Domain__c"})
	_, err := c.MapAccount(map[string]any{"Id": "001A", "Name": "Acme", "Domain__c": "not a host"})
	var r *Rejection
	require.ErrorAs(t, err, &r)
	assert.Equal(t, `domain_names: "not a host" is not a valid host name`, r.Error())
}

func TestMapConfigErrorIsNotRejection(t *testing.T) {
	c := Default()
	c.Contacts.Fields = append(c.Contacts.Fields, Field{Target: "external_id", Source: "Id"})
	_, err := c.MapContact(map[string]any{"Id": "003A", "LastName": "Lee"})
	require.Error(t, err)
	var r *Rejection
	assert.False(t, errors.As(err, &r))
}

func TestHash(t *testing.T) {
	rec := map[string]any{"Id": "003A", "FirstName": "Ann", "LastName": "Lee", "Email": "ann@acme.com", "AccountId": "001A"}
	base, err := Default().MapContact(rec)
	require.NoError(t, err)
	again, err := Default().MapContact(map[string]any{"AccountId": "001A", "Email": " ANN@acme.com", "LastName": "Lee ", "FirstName": "Ann", "Id": "003A"})
	require.NoError(t, err)
	assert.Equal(t, base.Hash(), again.Hash(), "equivalent input, same hash")
	assert.Len(t, base.Hash(), 64)

	changes := map[string]func(u *User){
		"name":       func(u *User) { u.Name = "Ann B" },
		"email":      func(u *User) { u.Email = "b@acme.com" },
		"phone":      func(u *User) { u.Phone = "1" },
		"account":    func(u *User) { u.AccountID = "001B" },
		"tags":       func(u *User) { u.Tags = []string{"x"} },
		"user field": func(u *User) { u.UserFields["title"] = "CEO" },
		"null field": func(u *User) { u.UserFields["department"] = "x" },
	}
	for name, change := range changes {
		u, err := Default().MapContact(rec)
		require.NoError(t, err)
		change(&u)
		assert.NotEqual(t, base.Hash(), u.Hash(), name)
	}

	o1 := Organization{ExternalID: "001A", Name: "Acme", OrganizationFields: map[string]any{"a": "1", "b": "2"}}
	o2 := Organization{ExternalID: "001A", Name: "Acme", OrganizationFields: map[string]any{"b": "2", "a": "1"}}
	assert.Equal(t, o1.Hash(), o2.Hash())
	o2.OrganizationFields["b"] = float64(2)
	assert.NotEqual(t, o1.Hash(), o2.Hash(), "a type change is a change")
}
