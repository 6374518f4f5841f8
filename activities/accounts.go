package activities

import (
	"context"
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/zendesk"
)

const (
	kindOrgCreate = "org-create"
	kindOrgUpdate = "org-update"
	kindOrgAdopt  = "org-adopt"
)

func (a *Activities) syncAccounts(ctx context.Context, in PageInput, p *page, tracker *jobTracker, res *PageResult) error {
	var orgs []pending[zendesk.Organization]
	ids := make([]string, 0, len(p.records))
	mapped := make([]pending[zendesk.Organization], 0, len(p.records))
	for _, rec := range p.records {
		o, err := a.Mapping.MapAccount(rec)
		if err != nil {
			res.reject(Accounts, rec.ID(), err.Error())
			continue
		}
		ids = append(ids, o.ExternalID)
		mapped = append(mapped, pending[zendesk.Organization]{id: o.ExternalID, hash: o.Hash(), rec: zendesk.Organization{
			ExternalID: o.ExternalID, Name: o.Name, DomainNames: o.DomainNames, Details: &o.Details,
			Notes: &o.Notes, Tags: o.Tags, OrganizationFields: o.OrganizationFields,
		}})
	}
	links, err := a.Store.Links(ctx, Accounts, ids)
	if err != nil {
		return fmt.Errorf("read account links: %w", err)
	}
	for _, m := range mapped {
		link, linked := links[m.id]
		if linked && link.Hash == m.hash {
			res.Counts.Unchanged++
			continue
		}
		m.linked = linked
		if linked {
			m.rec.ID = link.ZendeskID
		}
		orgs = append(orgs, m)
	}
	if in.DryRun {
		countDry(orgs, res)
		return nil
	}
	byID := make(map[string]pending[zendesk.Organization], len(orgs))
	var creates, updates []string
	for _, o := range orgs {
		byID[o.id] = o
		if o.linked {
			updates = append(updates, o.id)
		} else {
			creates = append(creates, o.id)
		}
	}
	submit := func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
		batch := make([]zendesk.Organization, 0, len(c.IDs))
		for _, id := range c.IDs {
			batch = append(batch, byID[id].rec)
		}
		if c.Kind == kindOrgCreate {
			return a.Zendesk.CreateOrganizations(ctx, batch)
		}
		return a.Zendesk.UpdateOrganizations(ctx, batch)
	}
	created, err := tracker.run(ctx, kindOrgCreate, creates, submit)
	if err != nil {
		return err
	}
	updated, err := tracker.run(ctx, kindOrgUpdate, updates, submit)
	if err != nil {
		return err
	}
	var newLinks []store.Link
	var taken []string
	for _, id := range creates {
		r := created[resultKey(kindOrgCreate, id)]
		if r.Status == "Created" {
			res.Counts.Created++
			newLinks = append(newLinks, store.Link{Object: Accounts, SalesforceID: id, ZendeskID: r.ID, Hash: byID[id].hash})
			continue
		}
		if alreadyTaken(r) {
			taken = append(taken, id)
			continue
		}
		res.reject(Accounts, id, "Zendesk refused the organization: "+jobError(r))
	}
	for _, id := range updates {
		r := updated[resultKey(kindOrgUpdate, id)]
		if r.Status != "Updated" {
			res.reject(Accounts, id, "Zendesk refused the organization update: "+jobError(r))
			continue
		}
		res.Counts.Updated++
		newLinks = append(newLinks, store.Link{Object: Accounts, SalesforceID: id, ZendeskID: byID[id].rec.ID, Hash: byID[id].hash})
	}
	adopted, err := a.adoptOrganizations(ctx, tracker, taken, byID, res)
	if err != nil {
		return err
	}
	newLinks = append(newLinks, adopted...)
	if err := a.Store.SaveLinks(ctx, newLinks); err != nil {
		return fmt.Errorf("save account links: %w", err)
	}
	return nil
}

// alreadyTaken tells a create refused because the organization exists:
// same name (Zendesk matches names only through uniqueness) or same
// external id (an earlier attempt created it).
func alreadyTaken(r zendesk.JobResult) bool {
	msg := strings.ToLower(r.Error + " " + r.Details)
	return strings.Contains(msg, "already been taken")
}

// adoptOrganizations links accounts whose create collided with an existing
// organization: the one already carrying the account's id, or one with the
// same name and no external id. An organization of that name linked to
// another account is a conflict, reported, never overwritten.
func (a *Activities) adoptOrganizations(ctx context.Context, tracker *jobTracker, ids []string,
	byID map[string]pending[zendesk.Organization], res *PageResult) ([]store.Link, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	existing := map[string]zendesk.Organization{}
	for _, c := range chunksOf("", ids, zendesk.MaxBulk) {
		found, err := a.Zendesk.ShowOrganizationsByExternalIDs(ctx, c.IDs)
		if err != nil {
			return nil, fmt.Errorf("look up organizations by external id: %w", err)
		}
		for _, o := range found {
			existing[strings.ToLower(o.ExternalID)] = o
		}
	}
	var names []string
	for _, id := range ids {
		if _, ok := existing[strings.ToLower(id)]; !ok {
			names = append(names, byID[id].rec.Name)
		}
	}
	named, err := a.organizationsByName(ctx, names)
	if err != nil {
		return nil, err
	}
	var adopt []string
	claimed := map[int64]string{}
	for _, id := range ids {
		want := byID[id]
		match, ok := existing[strings.ToLower(id)]
		if !ok {
			match, ok = named[nameKey(want.rec.Name)]
		}
		switch {
		case !ok:
			res.reject(Accounts, id, "Zendesk reported the organization as taken but none was found by external id or name")
		case match.ExternalID != "" && !strings.EqualFold(match.ExternalID, id):
			res.reject(Accounts, id, fmt.Sprintf(
				"Zendesk organization %d has this account's name but is linked to Salesforce account %s", match.ID, match.ExternalID))
		case claimed[match.ID] != "":
			// Two accounts whose names differ only by surrounding space
			// both find the one organization; the first keeps it.
			res.reject(Accounts, id, fmt.Sprintf(
				"Zendesk organization %d has this account's name and is being linked to Salesforce account %s", match.ID, claimed[match.ID]))
		default:
			claimed[match.ID] = id
			o := want
			o.rec.ID = match.ID
			byID[id] = o
			adopt = append(adopt, id)
		}
	}
	results, err := tracker.run(ctx, kindOrgAdopt, adopt,
		func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
			batch := make([]zendesk.Organization, 0, len(c.IDs))
			for _, id := range c.IDs {
				batch = append(batch, byID[id].rec)
			}
			return a.Zendesk.UpdateOrganizations(ctx, batch)
		})
	if err != nil {
		return nil, err
	}
	var links []store.Link
	for _, id := range adopt {
		r := results[resultKey(kindOrgAdopt, id)]
		if r.Status != "Updated" {
			res.reject(Accounts, id, "Zendesk refused to link the existing organization: "+jobError(r))
			continue
		}
		res.Counts.Updated++
		links = append(links, store.Link{Object: Accounts, SalesforceID: id, ZendeskID: byID[id].rec.ID, Hash: byID[id].hash})
	}
	return links, nil
}

// nameKey is how Zendesk compares organization names: trimmed, any case.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// organizationsByName finds the organizations with the given names.
// Zendesk has no bulk name lookup: listing costs one call per 100
// organizations, searching one call per name. It lists at most as many
// pages as there are names and searches whatever the listing did not reach.
func (a *Activities) organizationsByName(ctx context.Context, names []string) (map[string]zendesk.Organization, error) {
	found := map[string]zendesk.Organization{}
	if len(names) == 0 {
		return found, nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[nameKey(n)] = true
	}
	opts := &zendesk.ListOptions{PageSize: zendesk.MaxPageSize}
	listed := false
	for pages := 0; pages < len(want); pages++ {
		orgs, page, err := a.Zendesk.ListOrganizations(ctx, opts)
		if err != nil {
			return nil, fmt.Errorf("list organizations to match names: %w", err)
		}
		for _, o := range orgs {
			if k := nameKey(o.Name); want[k] {
				found[k] = o
			}
		}
		if !page.HasMore {
			listed = true
			break
		}
		opts.After = page.AfterCursor
	}
	if listed {
		return found, nil
	}
	for k := range want {
		if _, ok := found[k]; ok {
			continue
		}
		orgs, err := a.Zendesk.SearchOrganizationsByName(ctx, k)
		if err != nil {
			return nil, fmt.Errorf("look up organization by name: %w", err)
		}
		for _, o := range orgs {
			if nameKey(o.Name) == k {
				found[k] = o
			}
		}
	}
	return found, nil
}
