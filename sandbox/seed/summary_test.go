package seed

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSummaryCountsHandBuiltData(t *testing.T) {
	d := &Dataset{
		Salesforce: Salesforce{
			Accounts: []Record{
				{"Id": "a1", "Name": "Acme", "ParentId": nil},
				{"Id": "a2", "Name": " acme ", "ParentId": "a1"},
				{"Id": "a3", "Name": "Globex", "ParentId": nil},
			},
			Contacts: []Record{
				{"Email": "x@acme.com", "AccountId": "a1", "IsDeleted": false, "Title": strings.Repeat("é", LongTitleRunes+1)},
				{"Email": "X@Acme.com", "AccountId": nil, "IsDeleted": true},
				{"Email": "foo@", "AccountId": "a1", "IsDeleted": false, "Phone": strings.Repeat("1", LongPhoneRunes+1)},
				{"Email": nil, "AccountId": "a3", "IsDeleted": false, "Title": strings.Repeat("é", LongTitleRunes)},
				{"Email": "dead@acme.com", "AccountId": "a3", "IsDeleted": true},
			},
			CaseComments: []Record{{"Id": "c1"}, {"Id": "c2"}},
		},
		Zendesk: Zendesk{
			Users: []User{
				{ID: 1, Email: "admin@example.com", Role: "admin"},
				{ID: 2, Email: "x@ACME.com", Role: "end-user"},
				{ID: 3, Email: "dead@acme.com", Role: "end-user"},
			},
			Organizations: []Organization{{ID: 1, Name: "ACME"}, {ID: 2, Name: "Other"}},
			Tickets: []Ticket{
				{Status: "open", Priority: "", Comments: []Comment{{}, {}}},
				{Status: "open", Priority: "high", Comments: []Comment{{}}},
				{Status: "closed", Priority: "high", Comments: []Comment{{}}},
			},
		},
	}
	s := d.Summary()
	assert.Equal(t, 3, s.Accounts)
	assert.Equal(t, 1, s.AccountsWithParent)
	assert.Equal(t, 1, s.AccountsPaddedName)
	assert.Equal(t, 2, s.AccountsSameTrimmedName)
	assert.Equal(t, 5, s.Contacts)
	assert.Equal(t, 2, s.CaseComments)
	assert.Equal(t, 2, s.ContactsDeleted)
	assert.Equal(t, 1, s.ContactsNoAccount)
	assert.Equal(t, 1, s.ContactsNoEmail)
	assert.Equal(t, 1, s.ContactsInvalidEmail)
	assert.Equal(t, 2, s.ContactsDuplicateEmail)
	assert.Equal(t, 1, s.ContactsLongTitle)
	assert.Equal(t, 1, s.ContactsLongPhone)
	assert.Equal(t, 3, s.ZendeskUsers)
	assert.Equal(t, 1, s.ZendeskAgents)
	assert.Equal(t, 1, s.UsersMatchingContacts, "a deleted contact's address does not count")
	assert.Equal(t, 1, s.OrganizationsMatchingAccounts)
	assert.Equal(t, map[string]int{"open": 2, "closed": 1}, s.TicketsByStatus)
	assert.Equal(t, map[string]int{"": 1, "high": 2}, s.TicketsByPriority)
	assert.Equal(t, 4, s.ZendeskComments)
}
