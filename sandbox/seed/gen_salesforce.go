package seed

import (
	"fmt"
	"strings"
	"time"

	"github.com/crmsync/crmsync/sandbox/sfid"
)

// Shares of Salesforce rows that carry the flaws real orgs collect through
// imports. Each is a fraction of contacts (or accounts).
const (
	shareDuplicateEmail = 0.03
	shareInvalidEmail   = 0.02
	shareNoEmail        = 0.02
	shareDeleted        = 0.02
	shareNoAccount      = 0.08
	shareLongTitle      = 0.01
	shareLongPhone      = 0.01
	sharePaddedName     = 0.03
	shareWhitespaceTwin = 0.01
	shareParent         = 0.10
)

// longTitle is as long as Salesforce's Title field allows (128).
const longTitle = "Senior Vice President, Global Customer Success & Support Operations, " +
	"Enterprise Accounts EMEA/APAC, Strategic Alliances Lead"

func (g *generator) salesforce(opts Options) Salesforce {
	var sf Salesforce
	sf.Users = g.sfUsers(max(3, opts.Accounts/50))
	sf.Accounts = g.sfAccounts(opts.Accounts, sf.Users)
	sf.Contacts = g.sfContacts(opts.Contacts, sf.Users, sf.Accounts)
	sf.Cases = g.sfCases(opts.Contacts/10, sf.Users, sf.Contacts)
	leads := 0
	if opts.Contacts > 0 {
		leads = max(3, opts.Contacts/100)
	}
	sf.Leads = g.sfLeads(leads, sf.Users)
	return sf
}

func (g *generator) sfUsers(n int) []Record {
	users := make([]Record, 0, n)
	for i := range n {
		first, last := g.person(firstNames), g.person(lastNames)
		email := g.uniqueEmail(first.ascii+"."+strings.ReplaceAll(last.ascii, "'", ""), "example.com")
		r := Record{
			"Id":        sfid.New(sfid.PrefixUser, uint64(i+1)),
			"Username":  email,
			"Email":     email,
			"FirstName": first.name,
			"LastName":  last.name,
			"Name":      first.name + " " + last.name,
			"Alias":     alias(first.ascii, last.ascii),
			"IsActive":  true,
			"Title":     "Support Agent",
		}
		g.stamp(r, g.created())
		users = append(users, r)
	}
	return users
}

func alias(first, last string) string {
	a := first[:1] + strings.ReplaceAll(last, "'", "")
	if len(a) > 8 {
		a = a[:8]
	}
	return a
}

func (g *generator) sfAccounts(n int, users []Record) []Record {
	accounts := make([]Record, 0, n)
	g.domains = make([]string, 0, n)
	for i := range n {
		name, host := g.company()
		website := "https://www." + host
		switch {
		case g.chance(0.1):
			website, host = "", ""
		case g.chance(0.2):
			website = "www." + host
		}
		if i > 0 && g.chance(shareWhitespaceTwin) {
			// The same company imported twice, once with stray spaces.
			t := g.rng.Intn(i)
			name = whitespaceTwin(accounts[t]["Name"].(string))
			host = g.domains[t]
			website, _ = accounts[t]["Website"].(string)
		} else if g.chance(sharePaddedName) {
			name = pad(name, g.rng.Intn(3))
		}
		city := cities[g.rng.Intn(len(cities))]
		r := Record{
			"Id":             sfid.New(sfid.PrefixAccount, uint64(i+1)),
			"Name":           name,
			"AccountNumber":  fmt.Sprintf("ACC-%06d", i+1),
			"Website":        str(website),
			"Phone":          g.phone(),
			"Industry":       str(g.pickOrEmpty(industries, 0.1)),
			"Type":           g.pick(accountTypes),
			"ParentId":       nil,
			"BillingCity":    city.city,
			"BillingCountry": city.country,
			"Description":    nil,
			"OwnerId":        users[g.rng.Intn(len(users))]["Id"],
		}
		if i > 0 && g.chance(shareParent) {
			// Only earlier accounts, so the hierarchy has no cycles.
			r["ParentId"] = accounts[g.rng.Intn(i)]["Id"]
		}
		g.stamp(r, g.created())
		accounts = append(accounts, r)
		g.domains = append(g.domains, host)
	}
	return accounts
}

// whitespaceTwin returns name differing from it only by surrounding spaces.
func whitespaceTwin(name string) string {
	if trimmed := strings.TrimSpace(name); trimmed != name {
		return trimmed
	}
	return name + " "
}

func pad(name string, how int) string {
	switch how {
	case 0:
		return " " + name
	case 1:
		return name + "  "
	default:
		return "  " + name + " "
	}
}

func (g *generator) pickOrEmpty(list []string, emptyShare float64) string {
	if g.chance(emptyShare) {
		return ""
	}
	return g.pick(list)
}

func (g *generator) sfContacts(n int, users, accounts []Record) []Record {
	contacts := make([]Record, 0, n)
	for i := range n {
		first, last := g.person(firstNames), g.person(lastNames)
		firstName := first.name
		if g.chance(0.03) {
			firstName = ""
		}
		var accountID any
		domain := g.pick(freeMail)
		created := g.created()
		if len(accounts) > 0 && !g.chance(shareNoAccount) {
			a := g.rng.Intn(len(accounts))
			accountID = accounts[a]["Id"]
			if g.domains[a] != "" {
				domain = g.domains[a]
			}
			// Contacts are added to accounts that already exist.
			created = g.after(accounts[a]["CreatedDate"].(time.Time))
		}
		local := first.ascii + "." + last.ascii
		if g.chance(0.3) {
			local = first.ascii[:1] + last.ascii
		}
		var email string
		switch r := g.rng.Float64(); {
		case r < shareDuplicateEmail && i > 0:
			email = g.duplicateEmail(contacts)
		case r < shareDuplicateEmail+shareInvalidEmail:
			email = g.invalidEmail(local, domain)
		case r < shareDuplicateEmail+shareInvalidEmail+shareNoEmail:
		default:
			email = g.uniqueEmail(local, domain)
			if g.chance(0.05) {
				email = capitalized(email)
			}
		}
		title := g.pick(titles)
		if g.chance(shareLongTitle) {
			title = longTitle
		}
		phone := g.phone()
		if g.chance(shareLongPhone) {
			phone += " ext. 4410 (reception)"
		}
		city := cities[g.rng.Intn(len(cities))]
		rec := Record{
			"Id":          sfid.New(sfid.PrefixContact, uint64(i+1)),
			"FirstName":   str(firstName),
			"LastName":    last.name,
			"Name":        strings.TrimSpace(firstName + " " + last.name),
			"Email":       str(email),
			"Phone":       phone,
			"MobilePhone": nil,
			"Title":       str(title),
			"Department":  str(g.pick(departments)),
			"AccountId":   accountID,
			"MailingCity": city.city,
			"Description": nil,
			"OwnerId":     users[g.rng.Intn(len(users))]["Id"],
		}
		if g.chance(0.4) {
			rec["MobilePhone"] = g.phone()
		}
		if g.chance(0.1) {
			rec["Description"] = g.pick(bodies)
		}
		g.stamp(rec, created)
		if g.chance(shareDeleted) {
			rec["IsDeleted"] = true
		}
		contacts = append(contacts, rec)
	}
	return contacts
}

// duplicateEmail reuses the address of an earlier contact, sometimes in
// other letter case, as a second import of the same person leaves it.
func (g *generator) duplicateEmail(contacts []Record) string {
	for range 10 {
		if email, ok := contacts[g.rng.Intn(len(contacts))]["Email"].(string); ok && ZendeskEmailValid(email) {
			if g.chance(0.3) {
				return strings.ToUpper(email[:1]) + email[1:]
			}
			return email
		}
	}
	return ""
}

// capitalized writes an address as people type it into a CRM form:
// "Jane.Doe@Acme.com".
func capitalized(email string) string {
	b := []byte(email)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '.' || c == '@'
	}
	return string(b)
}

// invalidEmail returns an address Salesforce kept from an import that
// Zendesk refuses.
func (g *generator) invalidEmail(local, domain string) string {
	// Only forms even a loose check refuses, so that whichever rule a
	// Zendesk model applies, these fail.
	forms := []string{
		local + "@",
		local + "@@" + domain,
		local + "@" + strings.Split(domain, ".")[0],
		local + "@" + domain + ".",
		strings.Replace(local, ".", " ", 1) + "@" + domain,
		strings.Replace(local, ".", " ", 1),
	}
	email := forms[g.rng.Intn(len(forms))]
	if len(email) > 80 {
		email = email[len(email)-80:]
	}
	return email
}

func (g *generator) sfCases(n int, users, contacts []Record) []Record {
	cases := make([]Record, 0, n)
	for i := range n {
		status := g.pick(caseStatuses)
		origin := g.pick(caseOrigins)
		r := Record{
			"Id":            sfid.New(sfid.PrefixCase, uint64(i+1)),
			"CaseNumber":    fmt.Sprintf("%08d", 1001+i),
			"Subject":       g.pick(subjects),
			"Description":   g.pick(bodies),
			"Status":        status,
			"Priority":      g.pick(casePriorities),
			"Origin":        origin,
			"Type":          str(g.pickOrEmpty(caseTypes, 0.3)),
			"ContactId":     nil,
			"AccountId":     nil,
			"SuppliedEmail": nil,
			"IsClosed":      status == "Closed",
			"ClosedDate":    nil,
			"OwnerId":       users[g.rng.Intn(len(users))]["Id"],
		}
		created := g.created()
		if len(contacts) > 0 && !g.chance(0.05) {
			c := contacts[g.rng.Intn(len(contacts))]
			r["ContactId"], r["AccountId"] = c["Id"], c["AccountId"]
			if origin != "Phone" {
				r["SuppliedEmail"] = c["Email"]
			}
			created = g.after(c["CreatedDate"].(time.Time))
		}
		g.stamp(r, created)
		if status == "Closed" {
			r["ClosedDate"] = r["LastModifiedDate"]
		}
		cases = append(cases, r)
	}
	return cases
}

// sfLeads makes leads that are not converted: only a conversion sets
// IsConverted and the "Closed - Converted" status, so neither is seeded.
func (g *generator) sfLeads(n int, users []Record) []Record {
	leads := make([]Record, 0, n)
	for i := range n {
		first, last := g.person(firstNames), g.person(lastNames)
		company, host := g.company()
		r := Record{
			"Id":          sfid.New(sfid.PrefixLead, uint64(i+1)),
			"FirstName":   first.name,
			"LastName":    last.name,
			"Name":        first.name + " " + last.name,
			"Company":     company,
			"Email":       g.uniqueEmail(first.ascii+"."+last.ascii, host),
			"Phone":       g.phone(),
			"Title":       str(g.pick(titles)),
			"Status":      g.pick(leadStatuses),
			"LeadSource":  g.pick(leadSources),
			"OwnerId":     users[g.rng.Intn(len(users))]["Id"],
			"IsConverted": false,
		}
		g.stamp(r, g.created())
		leads = append(leads, r)
	}
	return leads
}
