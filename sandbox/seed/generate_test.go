package seed

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/sfid"
)

var testNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func defaultOptions(seed int64) Options {
	return Options{Seed: seed, Accounts: 500, Contacts: 5000, Tickets: 1000, Now: testNow}
}

func TestGenerateIsDeterministic(t *testing.T) {
	first, err := json.Marshal(Generate(defaultOptions(7)))
	require.NoError(t, err)
	second, err := json.Marshal(Generate(defaultOptions(7)))
	require.NoError(t, err)
	assert.Equal(t, first, second, "same options must give byte-identical data")

	other, err := json.Marshal(Generate(defaultOptions(8)))
	require.NoError(t, err)
	assert.NotEqual(t, first, other, "another seed must give other data")
}

func TestGenerateReferentialIntegrity(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		d := Generate(defaultOptions(seed))
		sf, zd := d.Salesforce, d.Zendesk

		users := idSet(t, sf.Users, sfid.PrefixUser)
		accounts := idSet(t, sf.Accounts, sfid.PrefixAccount)
		contacts := idSet(t, sf.Contacts, sfid.PrefixContact)
		cases := idSet(t, sf.Cases, sfid.PrefixCase)
		idSet(t, sf.CaseComments, sfid.PrefixCaseComment)
		idSet(t, sf.Leads, sfid.PrefixLead)

		for _, a := range sf.Accounts {
			assertRef(t, accounts, a, "ParentId")
			assertRef(t, users, a, "OwnerId")
		}
		for _, c := range sf.Contacts {
			assertRef(t, accounts, c, "AccountId")
			assertRef(t, users, c, "OwnerId")
		}
		for _, c := range sf.Cases {
			assertRef(t, contacts, c, "ContactId")
			assertRef(t, accounts, c, "AccountId")
		}
		for _, c := range sf.CaseComments {
			require.NotNil(t, c["ParentId"], "%s has no case", c["Id"])
			assertRef(t, cases, c, "ParentId")
			assertRef(t, users, c, "CreatedById")
		}

		role := map[int64]string{}
		orgOf := map[int64]int64{}
		for _, u := range zd.Users {
			_, dup := role[u.ID]
			require.False(t, dup, "user id %d twice", u.ID)
			role[u.ID], orgOf[u.ID] = u.Role, u.OrganizationID
		}
		orgs := map[int64]bool{0: true}
		for _, o := range zd.Organizations {
			require.False(t, orgs[o.ID], "organization id %d twice", o.ID)
			orgs[o.ID] = true
		}
		for _, u := range zd.Users {
			assert.True(t, orgs[u.OrganizationID], "user %d: organization %d", u.ID, u.OrganizationID)
		}
		for _, tk := range zd.Tickets {
			assert.Equal(t, "end-user", role[tk.RequesterID], "ticket %d requester", tk.ID)
			assert.Contains(t, role, tk.SubmitterID, "ticket %d submitter", tk.ID)
			assert.Equal(t, orgOf[tk.RequesterID], tk.OrganizationID, "ticket %d organization", tk.ID)
			if tk.AssigneeID != 0 {
				assert.Contains(t, []string{"agent", "admin"}, role[tk.AssigneeID], "ticket %d assignee", tk.ID)
			}
			if tk.Status == "solved" || tk.Status == "closed" {
				assert.NotZero(t, tk.AssigneeID, "%s ticket %d needs an assignee", tk.Status, tk.ID)
			}
			require.NotEmpty(t, tk.Comments, "ticket %d", tk.ID)
			assert.LessOrEqual(t, len(tk.Comments), 4, "ticket %d", tk.ID)
			assert.True(t, tk.Comments[0].Public, "ticket %d description must be public", tk.ID)
			for _, c := range tk.Comments {
				assert.Contains(t, role, c.AuthorID, "ticket %d comment author", tk.ID)
			}
		}
	}
}

func idSet(t *testing.T, records []Record, prefix string) map[string]bool {
	t.Helper()
	ids := make(map[string]bool, len(records))
	for _, r := range records {
		id, ok := r["Id"].(string)
		require.True(t, ok, "record without Id: %v", r)
		require.True(t, sfid.Valid(id), "malformed id %q", id)
		require.Equal(t, prefix, id[:3], "id %q", id)
		require.False(t, ids[id], "id %q twice", id)
		ids[id] = true
	}
	return ids
}

// assertRef checks that r's field is nil or names a record in ids.
func assertRef(t *testing.T, ids map[string]bool, r Record, field string) {
	t.Helper()
	v, ok := r[field]
	require.True(t, ok, "%s lacks %s", r["Id"], field)
	if v == nil {
		return
	}
	id, ok := v.(string)
	assert.True(t, ok && ids[id], "%s.%s = %v names no record", r["Id"], field, v)
}

func TestGenerateTimestampsAreOrderedAndRecent(t *testing.T) {
	d := Generate(defaultOptions(1))
	oldest := testNow.AddDate(-2, 0, 0)
	inWindow := func(what string, ts time.Time) {
		assert.False(t, ts.Before(oldest), "%s %v older than two years", what, ts)
		assert.False(t, ts.After(testNow), "%s %v after now", what, ts)
	}
	sf := d.Salesforce
	for _, records := range [][]Record{sf.Users, sf.Accounts, sf.Contacts, sf.Cases, sf.CaseComments, sf.Leads} {
		for _, r := range records {
			created, ok1 := r["CreatedDate"].(time.Time)
			modified, ok2 := r["LastModifiedDate"].(time.Time)
			modstamp, ok3 := r["SystemModstamp"].(time.Time)
			require.True(t, ok1 && ok2 && ok3, "%s lacks audit dates", r["Id"])
			_, ok := r["IsDeleted"].(bool)
			require.True(t, ok, "%s lacks IsDeleted", r["Id"])
			inWindow("CreatedDate", created)
			inWindow("SystemModstamp", modstamp)
			assert.False(t, modified.Before(created), "%s modified before created", r["Id"])
			assert.False(t, modstamp.Before(modified), "%s modstamp before modified", r["Id"])
		}
	}
	for _, u := range d.Zendesk.Users {
		inWindow("user created_at", u.CreatedAt)
		inWindow("user updated_at", u.UpdatedAt)
		assert.False(t, u.UpdatedAt.Before(u.CreatedAt), "user %d", u.ID)
	}
	for _, o := range d.Zendesk.Organizations {
		inWindow("organization created_at", o.CreatedAt)
		assert.False(t, o.UpdatedAt.Before(o.CreatedAt), "organization %d", o.ID)
	}
	for _, tk := range d.Zendesk.Tickets {
		inWindow("ticket created_at", tk.CreatedAt)
		inWindow("ticket updated_at", tk.UpdatedAt)
		assert.False(t, tk.UpdatedAt.Before(tk.CreatedAt), "ticket %d", tk.ID)
		prev := tk.CreatedAt
		for _, c := range tk.Comments {
			assert.False(t, c.CreatedAt.Before(prev), "ticket %d comment %d out of order", tk.ID, c.ID)
			assert.False(t, c.CreatedAt.After(tk.UpdatedAt), "ticket %d comment %d after update", tk.ID, c.ID)
			prev = c.CreatedAt
		}
	}
}

func TestGenerateHasTheFlawsASyncMeets(t *testing.T) {
	opts := defaultOptions(1)
	s := Generate(opts).Summary()
	contacts := float64(opts.Contacts)
	share := func(n int) float64 { return float64(n) / contacts }

	assert.Equal(t, opts.Accounts, s.Accounts)
	assert.Equal(t, opts.Contacts, s.Contacts)
	assert.Equal(t, opts.Tickets, s.ZendeskTickets)
	assert.GreaterOrEqual(t, s.SalesforceUsers, 3)
	assert.Positive(t, s.Cases)
	assert.Positive(t, s.Leads)

	assert.InDelta(t, shareDuplicateEmail*2, share(s.ContactsDuplicateEmail), 0.03, "duplicate emails")
	assert.InDelta(t, shareInvalidEmail, share(s.ContactsInvalidEmail), 0.01, "invalid emails")
	assert.InDelta(t, shareNoEmail, share(s.ContactsNoEmail), 0.01, "no email")
	assert.InDelta(t, shareDeleted, share(s.ContactsDeleted), 0.01, "deleted")
	assert.InDelta(t, shareNoAccount, share(s.ContactsNoAccount), 0.02, "no account")
	assert.Positive(t, s.ContactsLongTitle)
	assert.Positive(t, s.ContactsLongPhone)
	assert.Positive(t, s.AccountsWithParent)
	assert.Positive(t, s.AccountsPaddedName)
	assert.GreaterOrEqual(t, s.AccountsSameTrimmedName, 2, "whitespace twins come in pairs")

	assert.InDelta(t, shareMatchedUsers, share(s.UsersMatchingContacts), 0.03, "users matching contacts")
	assert.InDelta(t, shareMatchedOrgs, float64(s.OrganizationsMatchingAccounts)/float64(opts.Accounts), 0.04)
	assert.Greater(t, s.ZendeskOrganizations, s.OrganizationsMatchingAccounts, "unrelated organizations too")
	assert.Greater(t, s.ZendeskUsers-s.ZendeskAgents, s.UsersMatchingContacts, "unrelated end-users too")
	for _, status := range ticketStatuses {
		assert.Positive(t, s.TicketsByStatus[status], "status %s", status)
	}
	for _, priority := range ticketPriorities {
		assert.Positive(t, s.TicketsByPriority[priority], "priority %q", priority)
	}
}

func TestGenerateKeepsSalesforceLimitsAndZendeskUniqueness(t *testing.T) {
	d := Generate(defaultOptions(4))
	limits := map[string]int{"FirstName": 40, "LastName": 80, "Email": 80, "Title": 128, "Phone": 40, "MobilePhone": 40, "Department": 80, "MailingCity": 40}
	for _, c := range d.Salesforce.Contacts {
		for field, limit := range limits {
			if s, ok := c[field].(string); ok {
				assert.LessOrEqual(t, utf8.RuneCountInString(s), limit, "%s.%s = %q", c["Id"], field, s)
			}
		}
	}
	for _, a := range d.Salesforce.Accounts {
		assert.LessOrEqual(t, utf8.RuneCountInString(a["Name"].(string)), 255)
	}
	emails := map[string]bool{}
	for _, u := range d.Zendesk.Users {
		require.True(t, ZendeskEmailValid(u.Email), "user %d email %q", u.ID, u.Email)
		assert.Equal(t, strings.ToLower(u.Email), u.Email, "Zendesk keeps addresses in lower case")
		assert.False(t, emails[EmailKey(u.Email)], "email %q on two users", u.Email)
		emails[EmailKey(u.Email)] = true
	}
	assert.True(t, emails[AdminEmail], "the admin exists")
	names := map[string]bool{}
	for _, o := range d.Zendesk.Organizations {
		assert.False(t, names[nameKey(o.Name)], "organization name %q twice", o.Name)
		names[nameKey(o.Name)] = true
	}
}

// looseEmail is the loosest check a Zendesk model could apply: something,
// an @, and a dotted host.
var looseEmail = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)

func TestGeneratedInvalidEmailsFailEvenALooseCheck(t *testing.T) {
	invalid := 0
	for _, c := range Generate(defaultOptions(5)).Salesforce.Contacts {
		email, _ := c["Email"].(string)
		if email == "" || ZendeskEmailValid(email) {
			continue
		}
		invalid++
		assert.False(t, looseEmail.MatchString(email), "%q", email)
	}
	assert.Positive(t, invalid)
}

func TestCapitalized(t *testing.T) {
	assert.Equal(t, "Jane.Doe@Acme-labs.Com", capitalized("jane.doe@acme-labs.com"))
	assert.Equal(t, "O'brien@X.Io", capitalized("o'brien@x.io"))
}

func TestGenerateSmallSizes(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"empty", Options{Seed: 1}},
		{"tickets only", Options{Seed: 1, Tickets: 6}},
		{"one of each", Options{Seed: 1, Accounts: 1, Contacts: 1, Tickets: 1}},
		{"contacts without accounts", Options{Seed: 1, Contacts: 50, Tickets: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Generate(tt.opts)
			s := d.Summary()
			assert.Equal(t, tt.opts.Accounts, s.Accounts)
			assert.Equal(t, tt.opts.Contacts, s.Contacts)
			assert.Equal(t, tt.opts.Tickets, s.ZendeskTickets)
			assert.GreaterOrEqual(t, s.SalesforceUsers, 3)
			for i, status := range ticketStatuses[:min(tt.opts.Tickets, len(ticketStatuses))] {
				assert.Equal(t, status, d.Zendesk.Tickets[i].Status)
			}
			for _, r := range d.Salesforce.Users {
				assert.False(t, r["CreatedDate"].(time.Time).After(defaultNow), "zero Now anchors at defaultNow")
			}
		})
	}
}

func BenchmarkGenerate100kContacts(b *testing.B) {
	opts := Options{Seed: 1, Accounts: 10_000, Contacts: 100_000, Tickets: 20_000, Now: testNow}
	for b.Loop() {
		Generate(opts)
	}
	b.ReportMetric(float64(opts.Contacts)*float64(b.N)/b.Elapsed().Seconds(), "contacts/s")
}
