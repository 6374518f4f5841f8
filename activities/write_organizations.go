package activities

import (
	"context"
	"encoding/binary"
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
	var made []orgRef
	for _, id := range creates {
		r := created[resultKey(kindOrgCreate, id)]
		switch {
		case r.Status == "Created":
			w.zendesk[id] = r.ID
			made = append(made, refOf(r.ID, byID[id].Name))
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
			w.refuse(id, m.id, m.refused)
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

// orgRef is an organization as a run remembers it by name: its id under a
// digest of its name, since a backfill remembers every organization it
// created; the matches are read again by id, and their names compared,
// before they are used.
type orgRef struct {
	ID  int64
	key string
}

func refOf(id int64, name string) orgRef { return orgRef{ID: id, key: nameDigest(nameKey(name))} }

func nameDigest(key string) string {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], digest(key))
	return string(b[:])
}

// rememberOrganizations adds organizations to what their run knows by
// name: those a page created, so that a later account of the same name
// finds its organization without listing up to it (the listing reaches a
// run's own organizations last), and those read again under a new name.
func (a *Activities) rememberOrganizations(run string, orgs []orgRef) {
	if len(orgs) == 0 {
		return
	}
	fresh := func() runListing[orgRef] { return runListing[orgRef]{byKey: map[string]orgRef{}} }
	_ = a.orgs.with(run, a.now(), fresh, func(r *runListing[orgRef]) error {
		for _, o := range orgs {
			r.byKey[o.key] = o
		}
		return nil
	})
}

// organizationsByName finds the organizations with the given names through
// the run's listing (see lookUp); a name the listing lacks is searched
// even once it is complete, as other pages create organizations meanwhile.
// What the listing knew may be stale (another page may have adopted or
// renamed an organization since), so the matches are read again by id.
func (a *Activities) organizationsByName(ctx context.Context, run string, names []string) (map[string]zendesk.Organization, error) {
	found := map[string]zendesk.Organization{}
	wanted := map[string]bool{}
	var keys []string
	for _, n := range names {
		wanted[nameKey(n)] = true
		keys = append(keys, nameKey(n))
	}
	refs, err := lookUp(ctx, a, &a.orgs, run, keys, orgRefListing{orgListing{a.Zendesk}}, true)
	if err != nil || len(refs) == 0 {
		return found, err
	}
	var ids []int64
	for _, o := range refs {
		ids = append(ids, o.ID)
	}
	slices.Sort(ids)
	current, err := a.Zendesk.ShowOrganizations(ctx, slices.Compact(ids))
	if err != nil {
		return nil, fmt.Errorf("read the matching organizations again: %w", err)
	}
	// An organization renamed since it was listed is known by its new
	// name; one deleted since is no match.
	again := make([]orgRef, 0, len(current))
	for _, o := range current {
		again = append(again, refOf(o.ID, o.Name))
		if wanted[nameKey(o.Name)] {
			found[nameKey(o.Name)] = o
		}
	}
	a.rememberOrganizations(run, again)
	return found, nil
}

// orgRefListing lists organizations as orgRefs.
type orgRefListing struct{ orgListing }

func (l orgRefListing) page(ctx context.Context, after string) ([]orgRef, *zendesk.CursorPage, error) {
	orgs, page, err := l.orgListing.page(ctx, after)
	return refsOf(orgs), page, err
}

func (l orgRefListing) search(ctx context.Context, name string) ([]orgRef, error) {
	orgs, err := l.orgListing.search(ctx, name)
	return refsOf(orgs), err
}

func (orgRefListing) key(o orgRef) string      { return o.key }
func (orgRefListing) index(name string) string { return nameDigest(name) }

func refsOf(orgs []zendesk.Organization) []orgRef {
	out := make([]orgRef, len(orgs))
	for i, o := range orgs {
		out[i] = refOf(o.ID, o.Name)
	}
	return out
}
