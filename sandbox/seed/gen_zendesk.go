package seed

import "strings"

// Zendesk ids live in separate ranges per kind, large like real ones, except
// tickets, which Zendesk numbers from 1 per account.
const (
	userIDBase    int64 = 361_000_000_000
	orgIDBase     int64 = 362_000_000_000
	commentIDBase int64 = 363_000_000_000
)

// AdminEmail is the Zendesk admin the sandbox's API token belongs to.
const AdminEmail = "admin@example.com"

// Shares of the Zendesk side that already match Salesforce.
const (
	shareMatchedOrgs  = 0.10
	shareMatchedUsers = 0.10
)

var (
	ticketStatuses   = []string{"new", "open", "pending", "hold", "solved", "closed"}
	ticketPriorities = []string{"low", "normal", "normal", "high", "urgent", ""}
	ticketTypes      = []string{"problem", "incident", "question", "task", ""}
)

// zendeskBuild collects the Zendesk side while it is generated.
type zendeskBuild struct {
	Zendesk
	nextUser, nextOrg, nextComment int64
	agents, endUsers               []int // indexes into Users
}

func (g *generator) zendesk(opts Options, sf Salesforce) Zendesk {
	z := &zendeskBuild{nextUser: userIDBase, nextOrg: orgIDBase, nextComment: commentIDBase}
	admin := g.zdUser(z, "Sandbox Admin", AdminEmail, "admin")
	z.agents = append(z.agents, admin)
	// The people who work Salesforce cases answer Zendesk tickets too,
	// under the same addresses, so assignees can be matched by email.
	for _, u := range sf.Users {
		z.agents = append(z.agents, g.zdUser(z, u["Name"].(string), u["Email"].(string), "agent"))
	}

	orgOfAccount := g.zdOrgs(z, sf.Accounts, max(2, opts.Accounts/20))
	g.zdEndUsers(z, sf.Accounts, sf.Contacts, orgOfAccount, max(10, opts.Contacts/20))
	for i := range opts.Tickets {
		g.zdTicket(z, int64(i+1), i, opts.TicketComments)
	}
	return z.Zendesk
}

func (g *generator) zdUser(z *zendeskBuild, name, email, role string) int {
	z.nextUser++
	created := g.created()
	z.Users = append(z.Users, User{
		ID:        z.nextUser,
		Name:      name,
		Email:     email,
		Role:      role,
		Active:    true,
		Verified:  true,
		Tags:      []string{},
		CreatedAt: created,
		UpdatedAt: g.after(created),
	})
	return len(z.Users) - 1
}

// zdOrgs creates organizations matching about a tenth of the accounts by
// name, plus extra unrelated ones, and returns the organization id per
// account index (0 when none).
func (g *generator) zdOrgs(z *zendeskBuild, accounts []Record, extra int) []int64 {
	orgOf := make([]int64, len(accounts))
	byName := map[string]int64{}
	for i, a := range accounts {
		key := strings.ToLower(strings.TrimSpace(a["Name"].(string)))
		if id, ok := byName[key]; ok {
			// Zendesk names are unique, so a whitespace twin shares the org.
			orgOf[i] = id
			continue
		}
		if !g.chance(shareMatchedOrgs) {
			continue
		}
		var domains []string
		if g.domains[i] != "" {
			domains = []string{g.domains[i]}
		}
		orgOf[i] = g.zdOrg(z, strings.TrimSpace(a["Name"].(string)), domains)
		byName[key] = orgOf[i]
	}
	for range extra {
		name, host := g.company()
		g.zdOrg(z, name, []string{host})
	}
	return orgOf
}

func (g *generator) zdOrg(z *zendeskBuild, name string, domains []string) int64 {
	if domains == nil {
		domains = []string{}
	}
	z.nextOrg++
	created := g.created()
	z.Organizations = append(z.Organizations, Organization{
		ID:                 z.nextOrg,
		Name:               name,
		DomainNames:        domains,
		Tags:               []string{},
		OrganizationFields: map[string]any{},
		CreatedAt:          created,
		UpdatedAt:          g.after(created),
	})
	return z.nextOrg
}

// zdEndUsers creates end-users matching about a tenth of the contacts that
// Zendesk could hold (live, one valid address not shared), and extra ones
// Salesforce does not know.
func (g *generator) zdEndUsers(z *zendeskBuild, accounts, contacts []Record, orgOfAccount []int64, extra int) {
	shared := map[string]int{}
	for _, c := range contacts {
		if email, ok := c["Email"].(string); ok {
			shared[EmailKey(email)]++
		}
	}
	accountIndex := make(map[string]int, len(accounts))
	for i, a := range accounts {
		accountIndex[a["Id"].(string)] = i
	}
	for _, c := range contacts {
		email, _ := c["Email"].(string)
		if c["IsDeleted"] == true || !ZendeskEmailValid(email) || shared[EmailKey(email)] > 1 {
			continue
		}
		if !g.chance(shareMatchedUsers) {
			continue
		}
		// Zendesk keeps addresses in lower case; Salesforce keeps them as typed.
		u := g.zdUser(z, c["Name"].(string), strings.ToLower(email), "end-user")
		z.Users[u].Phone, _ = c["Phone"].(string)
		z.Users[u].Verified = g.chance(0.7)
		if id, ok := c["AccountId"].(string); ok {
			a := accountIndex[id]
			z.Users[u].OrganizationID = orgOfAccount[a]
		}
		z.endUsers = append(z.endUsers, u)
	}
	for range extra {
		first, last := g.person(firstNames), g.person(lastNames)
		email := g.uniqueEmail(first.ascii+"."+strings.ReplaceAll(last.ascii, "'", ""), g.pick(freeMail))
		u := g.zdUser(z, first.name+" "+last.name, email, "end-user")
		z.Users[u].Verified = g.chance(0.5)
		z.Users[u].Active = !g.chance(0.03)
		if len(z.Organizations) > 0 && g.chance(0.3) {
			z.Users[u].OrganizationID = z.Organizations[g.rng.Intn(len(z.Organizations))].ID
		}
		z.endUsers = append(z.endUsers, u)
	}
}

func (g *generator) zdTicket(z *zendeskBuild, id int64, i, comments int) {
	status := g.pick(ticketStatuses)
	if i < len(ticketStatuses) {
		// Every status is present even in the smallest dataset.
		status = ticketStatuses[i]
	}
	requester := z.Users[z.endUsers[g.rng.Intn(len(z.endUsers))]]
	agent := z.Users[z.agents[g.rng.Intn(len(z.agents))]]
	t := Ticket{
		ID:             id,
		Subject:        g.pick(subjects),
		Status:         status,
		Priority:       g.pick(ticketPriorities),
		Type:           g.pick(ticketTypes),
		RequesterID:    requester.ID,
		SubmitterID:    requester.ID,
		OrganizationID: requester.OrganizationID,
		Tags:           []string{},
	}
	if g.chance(0.1) {
		t.SubmitterID = agent.ID // opened by an agent on the phone
	}
	switch status {
	case "new":
	case "open":
		if g.chance(0.8) {
			t.AssigneeID = agent.ID
		}
	default:
		t.AssigneeID = agent.ID
	}
	if g.chance(0.3) {
		t.Tags = append(t.Tags, strings.ToLower(strings.Fields(t.Subject)[0]))
	}
	t.CreatedAt = g.after(requester.CreatedAt)
	t.UpdatedAt = g.after(t.CreatedAt)
	at := t.CreatedAt
	if comments <= 0 {
		comments = 1 + g.rng.Intn(4)
	}
	for c := range comments {
		author, public := requester.ID, true
		if c == 0 {
			author = t.SubmitterID
		} else if c%2 == 1 {
			author, public = agent.ID, !g.chance(0.25)
		}
		if c > 0 {
			at = g.between(at, t.UpdatedAt)
		}
		z.nextComment++
		t.Comments = append(t.Comments, Comment{ID: z.nextComment, AuthorID: author, Body: g.pick(bodies), Public: public, CreatedAt: at})
	}
	z.Tickets = append(z.Tickets, t)
}
