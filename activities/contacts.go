package activities

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/zendesk"
)

const kindUsers = "users"

// pending is one mapped record that differs from what was last written.
type pending[T any] struct {
	id     string
	rec    T
	hash   string
	linked bool
}

func (a *Activities) syncContacts(ctx context.Context, in PageInput, p *page, tracker *jobTracker, res *PageResult) error {
	var (
		users    []pending[zendesk.User]
		emails   []string
		accounts []string
	)
	mapped := make([]mapping.User, 0, len(p.records))
	ids := make([]string, 0, len(p.records))
	for _, rec := range p.records {
		u, err := a.Mapping.MapContact(rec)
		if err != nil {
			res.reject(Contacts, rec.ID(), err.Error())
			continue
		}
		mapped = append(mapped, u)
		ids = append(ids, u.ExternalID)
		if u.Email != "" {
			emails = append(emails, u.Email)
		}
		if u.AccountID != "" {
			accounts = append(accounts, u.AccountID)
		}
	}
	claimants, err := a.Store.EmailClaimants(ctx, Contacts, emails)
	if err != nil {
		return fmt.Errorf("read contact email index: %w", err)
	}
	orgs, err := a.Store.Links(ctx, Accounts, accounts)
	if err != nil {
		return fmt.Errorf("read account links: %w", err)
	}
	links, err := a.Store.Links(ctx, Contacts, ids)
	if err != nil {
		return fmt.Errorf("read contact links: %w", err)
	}
	for _, u := range mapped {
		if others := slices.DeleteFunc(slices.Clone(claimants[u.Email]), func(id string) bool { return id == u.ExternalID }); len(others) > 0 {
			res.reject(Contacts, u.ExternalID, fmt.Sprintf(
				"duplicate email: also on Salesforce contact %s; neither is written until only one holds it",
				strings.Join(others, ", ")))
			continue
		}
		zu := zendesk.User{
			ExternalID: u.ExternalID, Name: u.Name, Email: u.Email, Phone: &u.Phone,
			Role: u.Role, Tags: u.Tags, UserFields: u.UserFields,
		}
		org := ""
		if l, ok := orgs[u.AccountID]; ok {
			id := l.ZendeskID
			zu.OrganizationID = &id
			org = fmt.Sprint(id)
		}
		hash := u.Hash() + "/" + org
		link, linked := links[u.ExternalID]
		if linked && link.Hash == hash {
			res.Counts.Unchanged++
			continue
		}
		users = append(users, pending[zendesk.User]{id: u.ExternalID, rec: zu, hash: hash, linked: linked})
	}
	if in.DryRun {
		countDry(users, res)
		return nil
	}
	byID := make(map[string]zendesk.User, len(users))
	order := make([]string, 0, len(users))
	for _, u := range users {
		byID[u.id] = u.rec
		order = append(order, u.id)
	}
	results, err := tracker.run(ctx, kindUsers, order,
		func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
			batch := make([]zendesk.User, 0, len(c.IDs))
			for _, id := range c.IDs {
				batch = append(batch, byID[id])
			}
			return a.Zendesk.CreateOrUpdateUsers(ctx, batch)
		})
	if err != nil {
		return err
	}
	newLinks := make([]store.Link, 0, len(users))
	for _, u := range users {
		r := results[resultKey(kindUsers, u.id)]
		switch r.Status {
		case "Created":
			res.Counts.Created++
		case "Updated":
			res.Counts.Updated++
		default:
			res.reject(Contacts, u.id, "Zendesk refused the user: "+jobError(r))
			continue
		}
		newLinks = append(newLinks, store.Link{Object: Contacts, SalesforceID: u.id, ZendeskID: r.ID, Hash: u.hash})
	}
	if err := a.Store.SaveLinks(ctx, newLinks); err != nil {
		return fmt.Errorf("save contact links: %w", err)
	}
	return nil
}

// countDry counts what a write would do without doing it.
func countDry[T any](items []pending[T], res *PageResult) {
	for _, it := range items {
		if it.linked {
			res.Counts.Updated++
		} else {
			res.Counts.Created++
		}
	}
}

// jobError is the reason a job result gives, or a stand-in when it gives
// none.
func jobError(r zendesk.JobResult) string {
	switch {
	case r.Error != "" && r.Details != "":
		return r.Error + ": " + r.Details
	case r.Error != "":
		return r.Error
	case r.Details != "":
		return r.Details
	case r.Status == "":
		return "no result for this record in the job status"
	}
	return "status " + r.Status
}
