package activities

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
)

// people meets Zendesk agents and Salesforce users through their emails,
// for one page: neither side keeps the other's ids.
type people struct {
	userByAgent map[int64]string  // Zendesk user id → Salesforce user id
	userByEmail map[string]string // email → active Salesforce user id
	agentByUser map[string]int64  // Salesforce user id → Zendesk agent id
}

func (p *people) SalesforceUser(zendeskUserID int64, email string) (string, bool) {
	if zendeskUserID == 0 {
		id, ok := p.userByEmail[strings.ToLower(email)]
		return id, ok
	}
	id, ok := p.userByAgent[zendeskUserID]
	return id, ok
}

func (p *people) ZendeskAgent(salesforceUserID string) (int64, bool) {
	id, ok := p.agentByUser[salesforceUserID]
	return id, ok
}

// meetPeople reads, for the page's fields that match people, the emails
// of the Zendesk users and Salesforce users they name, then the person
// of each email on the other side: a few calls a page, whatever its size.
func (a *Activities) meetPeople(ctx context.Context, run string, m *mapping.Pair, sf []record.Record, zd map[string]*record.Record, into *people) error {
	*into = people{userByAgent: map[int64]string{}, userByEmail: map[string]string{}, agentByUser: map[string]int64{}}
	var agents []int64
	var owners, emails []string
	for _, f := range m.Fields {
		if !f.MatchesPeople(m.Kind) {
			continue
		}
		for _, r := range zd {
			if id, ok := asInt64(r.Get(f.Zendesk)); ok && id != 0 {
				agents = append(agents, id)
			}
		}
		for _, r := range sf {
			if id, ok := r.Get(f.Salesforce).(string); ok && id != "" {
				owners = append(owners, id)
			}
		}
		if strings.Contains(f.Default, "@") {
			emails = append(emails, strings.ToLower(f.Default))
		}
	}
	if len(agents)+len(owners)+len(emails) == 0 {
		return nil
	}
	agentEmails, err := a.agentEmails(ctx, agents)
	if err != nil {
		return err
	}
	ownerEmails, err := a.userEmails(ctx, "Id", owners, false)
	if err != nil {
		return err
	}
	for _, e := range agentEmails {
		emails = append(emails, e)
	}
	byEmail, err := a.userEmails(ctx, "Email", emails, true)
	if err != nil {
		return err
	}
	for id, e := range byEmail {
		if prev, ok := into.userByEmail[e]; !ok || id < prev {
			into.userByEmail[e] = id
		}
	}
	for agent, e := range agentEmails {
		if id, ok := into.userByEmail[e]; ok {
			into.userByAgent[agent] = id
		}
	}
	return a.agentsOf(ctx, run, ownerEmails, into.agentByUser)
}

// agentEmails reads the emails of Zendesk users, one call per 100.
func (a *Activities) agentEmails(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	slices.Sort(ids)
	users, err := a.Zendesk.ShowUsers(ctx, slices.Compact(ids))
	if err != nil {
		return nil, fmt.Errorf("read the emails of assignees: %w", err)
	}
	for _, u := range users {
		if u.Email != "" {
			out[u.ID] = strings.ToLower(u.Email)
		}
	}
	return out, nil
}

// userEmails reads Salesforce users by Id or by Email, 200 values a
// query, and returns each user's email by user id.
func (a *Activities) userEmails(ctx context.Context, by string, values []string, activeOnly bool) (map[string]string, error) {
	out := map[string]string{}
	slices.Sort(values)
	values = slices.Compact(values)
	for start := 0; start < len(values); start += maxCollection {
		batch := values[start:min(start+maxCollection, len(values))]
		quoted := make([]string, len(batch))
		for i, v := range batch {
			quoted[i] = salesforce.QuoteString(v)
		}
		q := "SELECT Id, Email FROM User WHERE " + by + " IN (" + strings.Join(quoted, ", ") + ")"
		if activeOnly {
			q += " AND IsActive = true"
		}
		err := a.Salesforce.QueryEach(ctx, q, nil, func(p *salesforce.QueryResult) error {
			for _, r := range p.Records {
				if e := r.String("Email"); e != "" {
					out[r.ID()] = strings.ToLower(e)
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read Salesforce users by %s: %w", by, err)
		}
	}
	return out, nil
}

// agentsOf finds the Zendesk agent of each Salesforce user's email, from
// the run's index of agents.
func (a *Activities) agentsOf(ctx context.Context, run string, emails map[string]string, into map[string]int64) error {
	for id, e := range emails {
		agent, err := a.agent(ctx, run, e)
		if err != nil {
			return fmt.Errorf("find the agent of an owner: %w", err)
		}
		if agent != 0 {
			into[id] = agent
		}
	}
	return nil
}
