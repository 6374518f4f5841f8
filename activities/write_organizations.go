package activities

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/zendesk"
)

// writeOrganizations creates unlinked organizations with create_many and
// updates linked ones with update_many. Zendesk matches organizations by
// id or external id only, never by name, yet names are unique: a create
// refused because the name is taken adopts that organization when no
// other account holds it.
func (a *Activities) writeOrganizations(ctx context.Context, w *writes, tracker *jobTracker) error {
	byID := map[string]zendesk.Organization{}
	var creates, updates []string
	later := namedLater(w.items)
	for _, it := range w.items {
		if len(it.Zendesk) == 0 {
			continue
		}
		o := organizationFrom(it.SalesforceID, it.Zendesk)
		if it.Create {
			if first, ok := later[it.SalesforceID]; ok {
				w.reject(record.Zendesk, it.SalesforceID, 0, sameNameFirst(first))
				continue
			}
			creates = append(creates, it.SalesforceID)
		} else {
			o.ID = it.ZendeskID
			updates = append(updates, it.SalesforceID)
		}
		byID[it.SalesforceID] = o
	}
	submit := func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
		batch := make([]zendesk.Organization, 0, len(c.IDs))
		for _, id := range c.IDs {
			batch = append(batch, byID[id])
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
	var taken []string
	made := map[string]int64{}
	for _, id := range creates {
		r := created[resultKey(kindOrgCreate, id)]
		switch {
		case r.Status == "Created":
			w.zendesk[id] = r.ID
			made[nameKey(byID[id].Name)] = r.ID
		case alreadyTaken(r):
			taken = append(taken, id)
		default:
			w.reject(record.Zendesk, id, 0, "Zendesk refused the organization: "+jobError(r))
		}
	}
	for _, id := range updates {
		r := updated[resultKey(kindOrgUpdate, id)]
		if r.Status != "Updated" {
			w.reject(record.Zendesk, id, byID[id].ID, "Zendesk refused the organization update: "+jobError(r))
			continue
		}
		w.zendesk[id] = byID[id].ID
	}
	a.rememberOrganizations(w.run, made)
	return a.adoptOrganizations(ctx, w, tracker, taken, byID)
}

// alreadyTaken tells a create refused because the organization exists:
// same name (Zendesk matches names only through uniqueness) or same
// external id (an earlier attempt created it).
func alreadyTaken(r zendesk.JobResult) bool {
	msg := strings.ToLower(r.Error + " " + r.Details)
	return strings.Contains(msg, "already been taken")
}

// namedLater maps each of a page's new accounts that shares its name
// with an earlier one to the first: Zendesk names are unique, and the
// first in the scan's order (modstamp, Id) gets the name, whatever order
// Zendesk's concurrent jobs would run in.
func namedLater(items []planItem) map[string]string {
	first, later := map[string]string{}, map[string]string{}
	for _, it := range items {
		if len(it.Zendesk) == 0 || !it.Create {
			continue
		}
		k := nameKey(organizationFrom(it.SalesforceID, it.Zendesk).Name)
		if f, taken := first[k]; taken {
			later[it.SalesforceID] = f
			continue
		}
		first[k] = it.SalesforceID
	}
	return later
}

func sameNameFirst(first string) string {
	return fmt.Sprintf("Salesforce account %s has the same name and is created first: Zendesk organization names are unique", first)
}

// adoptOrganizations links accounts whose create collided with an existing
// organization (see matchOrganizations).
func (a *Activities) adoptOrganizations(ctx context.Context, w *writes, tracker *jobTracker, ids []string,
	byID map[string]zendesk.Organization) error {
	if len(ids) == 0 {
		return nil
	}
	matches, err := a.matchOrganizations(ctx, ids, byID, func(names []string) (map[string]zendesk.Organization, error) {
		return a.organizationsByName(ctx, w.run, names)
	})
	if err != nil {
		return err
	}
	var adopt []string
	for _, id := range ids {
		m, ok := matches[id]
		switch {
		case !ok:
			w.reject(record.Zendesk, id, 0, "Zendesk reported the organization as taken but none was found by external id or name")
		case m.refused != "":
			w.reject(record.Zendesk, id, m.id, m.refused)
		default:
			want := byID[id]
			want.ID = m.id
			byID[id] = want
			adopt = append(adopt, id)
		}
	}
	results, err := tracker.run(ctx, kindOrgAdopt, adopt,
		func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
			batch := make([]zendesk.Organization, 0, len(c.IDs))
			for _, id := range c.IDs {
				batch = append(batch, byID[id])
			}
			return a.Zendesk.UpdateOrganizations(ctx, batch)
		})
	if err != nil {
		return err
	}
	for _, id := range adopt {
		r := results[resultKey(kindOrgAdopt, id)]
		if r.Status != "Updated" {
			w.reject(record.Zendesk, id, byID[id].ID, "Zendesk refused to link the existing organization: "+jobError(r))
			continue
		}
		w.zendesk[id] = byID[id].ID
		w.adopted[id] = true
	}
	return nil
}

// orgMatch is the existing organization an account's create collides
// with, and why the account may not take it, if it may not.
type orgMatch struct {
	id      int64
	refused string
}

// matchOrganizations finds the existing organizations the creates of the
// accounts ids would collide with: the one already carrying the account's
// id, or one with the same name and no external id. An organization of
// that name linked to another account is refused, never overwritten. An
// account with no match is not in the map. byName finds organizations by
// name, keyed by nameKey.
func (a *Activities) matchOrganizations(ctx context.Context, ids []string, byID map[string]zendesk.Organization,
	byName func(names []string) (map[string]zendesk.Organization, error)) (map[string]orgMatch, error) {
	existing := map[string]zendesk.Organization{}
	found, err := a.Zendesk.ShowOrganizationsByExternalIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("look up organizations by external id: %w", err)
	}
	for _, o := range found {
		existing[strings.ToLower(o.ExternalID)] = o
	}
	var names []string
	for _, id := range ids {
		if _, ok := existing[strings.ToLower(id)]; !ok {
			names = append(names, byID[id].Name)
		}
	}
	named, err := byName(names)
	if err != nil {
		return nil, err
	}
	out := map[string]orgMatch{}
	claimed := map[int64]string{}
	for _, id := range ids {
		match, ok := existing[strings.ToLower(id)]
		if !ok {
			match, ok = named[nameKey(byID[id].Name)]
		}
		switch {
		case !ok:
		case match.ExternalID != "" && !strings.EqualFold(match.ExternalID, id):
			out[id] = orgMatch{id: match.ID, refused: fmt.Sprintf(
				"Zendesk organization %d has this account's name but is linked to Salesforce account %s", match.ID, match.ExternalID)}
		case claimed[match.ID] != "":
			// Two accounts whose names differ only by surrounding space
			// both find the one organization; the first keeps it.
			out[id] = orgMatch{id: match.ID, refused: fmt.Sprintf(
				"Zendesk organization %d has this account's name and is being linked to Salesforce account %s", match.ID, claimed[match.ID])}
		default:
			claimed[match.ID] = id
			out[id] = orgMatch{id: match.ID}
		}
	}
	return out, nil
}

// nameKey is how Zendesk compares organization names: trimmed, any case.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// runOrganizations is what a run has listed of Zendesk's organizations,
// by name, and where the listing stopped: each page of accounts adopting
// existing organizations continues the listing instead of starting it
// again (which made a backfill's lookups grow with the square of its
// size).
type runOrganizations struct {
	// byName holds ids only: a backfill lists every organization it
	// created too, and the matches are read again by id anyway.
	byName   map[string]int64
	after    string
	complete bool
}

func freshOrganizations() runOrganizations { return runOrganizations{byName: map[string]int64{}} }

// rememberOrganizations adds the organizations a page created to what its
// run knows by name: a later account of the same name then finds its
// organization without listing up to it (the listing reaches a run's own
// organizations last).
func (a *Activities) rememberOrganizations(run string, byName map[string]int64) {
	if len(byName) == 0 {
		return
	}
	_ = a.orgs.with(run, a.now(), freshOrganizations, func(r *runOrganizations) error {
		for k, id := range byName {
			r.byName[k] = id
		}
		return nil
	})
}

// organizationsByName finds the organizations with the given names.
// Zendesk has no bulk name lookup: listing costs one call per 100
// organizations, searching one call per name. A page lists at most as many
// further pages as it has names still unknown to its run, and searches
// whatever the listing did not reach. What the listing knew may be stale
// (another page may have adopted an organization since), so the matches
// are read again by id before they are used.
func (a *Activities) organizationsByName(ctx context.Context, run string, names []string) (map[string]zendesk.Organization, error) {
	found := map[string]zendesk.Organization{}
	if len(names) == 0 {
		return found, nil
	}
	err := a.orgs.with(run, a.now(), freshOrganizations, func(r *runOrganizations) error {
		missing := map[string]bool{}
		for _, n := range names {
			if _, ok := r.byName[nameKey(n)]; !ok {
				missing[nameKey(n)] = true
			}
		}
		for pages := 0; pages < len(missing) && !r.complete && anyMissing(missing, r.byName); pages++ {
			orgs, page, err := a.Zendesk.ListOrganizations(ctx, &zendesk.ListOptions{PageSize: zendesk.MaxPageSize, After: r.after})
			if err != nil {
				return fmt.Errorf("list organizations to match names: %w", err)
			}
			for _, o := range orgs {
				if _, seen := r.byName[nameKey(o.Name)]; !seen {
					r.byName[nameKey(o.Name)] = o.ID
				}
			}
			r.after, r.complete = page.AfterCursor, !page.HasMore
		}
		for k := range missing {
			if _, ok := r.byName[k]; ok {
				continue
			}
			orgs, err := a.Zendesk.SearchOrganizationsByName(ctx, k)
			if err != nil {
				return fmt.Errorf("look up organization by name: %w", err)
			}
			for _, o := range orgs {
				if nameKey(o.Name) == k {
					r.byName[k] = o.ID
				}
			}
		}
		var ids []int64
		for _, n := range names {
			if id, ok := r.byName[nameKey(n)]; ok {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return nil
		}
		slices.Sort(ids)
		current, err := a.Zendesk.ShowOrganizations(ctx, slices.Compact(ids))
		if err != nil {
			return fmt.Errorf("read the matching organizations again: %w", err)
		}
		wanted := map[string]bool{}
		for _, n := range names {
			wanted[nameKey(n)] = true
		}
		// An organization renamed since it was listed is known by its new
		// name; one deleted since is no match.
		for _, o := range current {
			r.byName[nameKey(o.Name)] = o.ID
			if wanted[nameKey(o.Name)] {
				found[nameKey(o.Name)] = o
			}
		}
		return nil
	})
	return found, err
}

func anyMissing[T any](missing map[string]bool, known map[string]T) bool {
	for k := range missing {
		if _, ok := known[k]; !ok {
			return true
		}
	}
	return false
}
