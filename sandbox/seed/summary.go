package seed

import (
	"strings"
	"unicode/utf8"
)

// Lengths past which a contact field is counted as too long to carry into
// Zendesk as is. Zendesk publishes no limits for these; the sync must
// truncate or report rather than send them blindly.
const (
	LongTitleRunes = 100
	LongPhoneRunes = 30
)

// Summary counts what a dataset holds, including the flaws a sync has to
// cope with. It is computed from the records, so tests and the sandbox's
// start banner can rely on it for any seed.
type Summary struct {
	SalesforceUsers int `json:"salesforce_users"`
	Accounts        int `json:"accounts"`
	Contacts        int `json:"contacts"`
	Cases           int `json:"cases"`
	CaseComments    int `json:"case_comments"`
	Leads           int `json:"leads"`

	AccountsWithParent int `json:"accounts_with_parent"`
	// AccountsPaddedName have white space around their name.
	AccountsPaddedName int `json:"accounts_padded_name"`
	// AccountsSameTrimmedName share their trimmed name with another account.
	AccountsSameTrimmedName int `json:"accounts_same_trimmed_name"`

	ContactsDeleted   int `json:"contacts_deleted"`
	ContactsNoAccount int `json:"contacts_no_account"`
	ContactsNoEmail   int `json:"contacts_no_email"`
	// ContactsInvalidEmail have an email Zendesk refuses (ZendeskEmailValid).
	ContactsInvalidEmail int `json:"contacts_invalid_email"`
	// ContactsDuplicateEmail share their email (by EmailKey) with another
	// contact; each contact of a pair counts.
	ContactsDuplicateEmail int `json:"contacts_duplicate_email"`
	ContactsLongTitle      int `json:"contacts_long_title"`
	ContactsLongPhone      int `json:"contacts_long_phone"`

	ZendeskUsers         int            `json:"zendesk_users"`
	ZendeskAgents        int            `json:"zendesk_agents"`
	ZendeskOrganizations int            `json:"zendesk_organizations"`
	ZendeskTickets       int            `json:"zendesk_tickets"`
	ZendeskComments      int            `json:"zendesk_comments"`
	TicketsByStatus      map[string]int `json:"tickets_by_status"`
	TicketsByPriority    map[string]int `json:"tickets_by_priority"`
	// UsersMatchingContacts are Zendesk users whose email is a live
	// contact's; OrganizationsMatchingAccounts have an account's trimmed name.
	UsersMatchingContacts         int `json:"users_matching_contacts"`
	OrganizationsMatchingAccounts int `json:"organizations_matching_accounts"`
}

// Summary counts d's records and flaws.
func (d *Dataset) Summary() Summary {
	sf, zd := d.Salesforce, d.Zendesk
	s := Summary{
		SalesforceUsers:   len(sf.Users),
		Accounts:          len(sf.Accounts),
		Contacts:          len(sf.Contacts),
		Cases:             len(sf.Cases),
		CaseComments:      len(sf.CaseComments),
		Leads:             len(sf.Leads),
		ZendeskUsers:      len(zd.Users),
		ZendeskTickets:    len(zd.Tickets),
		TicketsByStatus:   map[string]int{},
		TicketsByPriority: map[string]int{},
	}
	s.summarizeAccounts(sf.Accounts)
	live := s.summarizeContacts(sf.Contacts)
	for _, u := range zd.Users {
		if u.Role != "end-user" {
			s.ZendeskAgents++
		}
		if live[EmailKey(u.Email)] {
			s.UsersMatchingContacts++
		}
	}
	accountNames := map[string]bool{}
	for _, a := range sf.Accounts {
		accountNames[nameKey(a["Name"])] = true
	}
	s.ZendeskOrganizations = len(zd.Organizations)
	for _, o := range zd.Organizations {
		if accountNames[nameKey(o.Name)] {
			s.OrganizationsMatchingAccounts++
		}
	}
	for _, t := range zd.Tickets {
		s.TicketsByStatus[t.Status]++
		s.TicketsByPriority[t.Priority]++
		s.ZendeskComments += len(t.Comments)
	}
	return s
}

func (s *Summary) summarizeAccounts(accounts []Record) {
	names := map[string]int{}
	for _, a := range accounts {
		names[nameKey(a["Name"])]++
	}
	for _, a := range accounts {
		if a["ParentId"] != nil {
			s.AccountsWithParent++
		}
		if name, _ := a["Name"].(string); name != strings.TrimSpace(name) {
			s.AccountsPaddedName++
		}
		if names[nameKey(a["Name"])] > 1 {
			s.AccountsSameTrimmedName++
		}
	}
}

// summarizeContacts counts contact flaws and returns the email keys of live
// contacts.
func (s *Summary) summarizeContacts(contacts []Record) map[string]bool {
	emails := map[string]int{}
	live := map[string]bool{}
	for _, c := range contacts {
		if email, ok := c["Email"].(string); ok && email != "" {
			emails[EmailKey(email)]++
			if c["IsDeleted"] != true {
				live[EmailKey(email)] = true
			}
		}
	}
	for _, c := range contacts {
		if c["IsDeleted"] == true {
			s.ContactsDeleted++
		}
		if c["AccountId"] == nil {
			s.ContactsNoAccount++
		}
		email, _ := c["Email"].(string)
		switch {
		case email == "":
			s.ContactsNoEmail++
		case !ZendeskEmailValid(email):
			s.ContactsInvalidEmail++
		}
		if email != "" && emails[EmailKey(email)] > 1 {
			s.ContactsDuplicateEmail++
		}
		if title, _ := c["Title"].(string); utf8.RuneCountInString(title) > LongTitleRunes {
			s.ContactsLongTitle++
		}
		if phone, _ := c["Phone"].(string); utf8.RuneCountInString(phone) > LongPhoneRunes {
			s.ContactsLongPhone++
		}
	}
	return live
}

func nameKey(v any) string {
	name, _ := v.(string)
	return strings.ToLower(strings.TrimSpace(name))
}
