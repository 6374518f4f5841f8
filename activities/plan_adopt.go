package activities

import (
	"context"
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/zendesk"
)

// planAdoptions says which of a dry run's Zendesk creates a real run would
// turn into links to existing records (their Zendesk ids) and which it
// would refuse (the reasons), so that the plan counts what the run then
// does: users as create_or_update_many matches them, by external id and
// then email; organizations as writeOrganizations does, by external id
// and then name. The real run learns the same from its writes' results,
// at no extra call.
func (a *Activities) planAdoptions(ctx context.Context, run string, d pairs.Pair, items []planItem) (
	adopt map[string]int64, refused map[string]Rejection, err error) {
	adopt, refused = map[string]int64{}, map[string]Rejection{}
	fields := map[string]map[string]any{}
	var creates []string
	for _, it := range items {
		if it.Create && it.In != record.Salesforce && len(it.Zendesk) > 0 {
			creates = append(creates, it.SalesforceID)
			fields[it.SalesforceID] = it.Zendesk
		}
	}
	if len(creates) == 0 {
		return adopt, refused, nil
	}
	switch d.Zendesk {
	case mapping.User:
		err = a.plannedUsers(ctx, run, creates, fields, adopt)
	case mapping.Organization:
		err = a.plannedOrganizations(ctx, run, d.Name, creates, items, fields, adopt, refused)
	}
	return adopt, refused, err
}

// plannedUsers finds the users create_or_update_many would update instead
// of creating: the one with the contact's id as external id, else the one
// with its email.
func (a *Activities) plannedUsers(ctx context.Context, run string, ids []string, fields map[string]map[string]any,
	adopt map[string]int64) error {
	found, err := a.Zendesk.ShowUsersByExternalIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("look up users by external id: %w", err)
	}
	byExternalID := map[string]int64{}
	for _, u := range found {
		byExternalID[strings.ToLower(u.ExternalID)] = u.ID
	}
	email := map[string]string{}
	var emails []string
	for _, id := range ids {
		if zd, ok := byExternalID[strings.ToLower(id)]; ok {
			adopt[id] = zd
			continue
		}
		if e := emailKey(userFrom(id, fields[id]).Email); e != "" {
			email[id] = e
			emails = append(emails, e)
		}
	}
	byEmail, err := lookUp(ctx, a, &a.planUsers, run, emails, userListing{a.Zendesk})
	if err != nil {
		return err
	}
	for id, e := range email {
		if u, ok := byEmail[e]; ok {
			adopt[id] = u.ID
		}
	}
	return nil
}

// plannedOrganizations refuses what writeOrganizations would refuse
// before writing (a second new account of one name) and matches the rest
// as it matches the creates Zendesk refused as taken.
func (a *Activities) plannedOrganizations(ctx context.Context, run, pair string, creates []string, items []planItem,
	fields map[string]map[string]any, adopt map[string]int64, refused map[string]Rejection) error {
	refuse := func(id string, zd int64, reason string) {
		refused[id] = Rejection{Pair: pair, Side: record.Zendesk, SalesforceID: id, ZendeskID: zd, Reason: reason}
	}
	later := namedLater(items)
	byID := map[string]zendesk.Organization{}
	var ids []string
	for _, id := range creates {
		if first, ok := later[id]; ok {
			refuse(id, 0, sameNameFirst(first))
			continue
		}
		ids = append(ids, id)
		byID[id] = organizationFrom(id, fields[id])
	}
	matches, err := a.matchOrganizations(ctx, ids, byID, func(names []string) (map[string]zendesk.Organization, error) {
		var keys []string
		for _, n := range names {
			if k := nameKey(n); k != "" {
				keys = append(keys, k)
			}
		}
		return lookUp(ctx, a, &a.planOrgs, run, keys, orgListing{a.Zendesk})
	})
	if err != nil {
		return err
	}
	for id, m := range matches {
		if m.refused != "" {
			refuse(id, m.id, m.refused)
		} else {
			adopt[id] = m.id
		}
	}
	return nil
}

func emailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// listing is one kind of Zendesk record a dry run looks up by a key
// (users by email, organizations by name).
type listing[T any] interface {
	page(ctx context.Context, after string) ([]T, *zendesk.CursorPage, error)
	search(ctx context.Context, key string) ([]T, error)
	key(T) string
}

// runListing is what a dry run has listed of one kind of record, by key,
// and where the listing stopped: each page of the run continues it.
type runListing[T any] struct {
	byKey    map[string]T
	after    string
	complete bool
}

// lookUp finds the records with the given keys in at most two calls per
// key still unknown to the run: it continues the run's listing by at most
// as many pages (of 100) as there are such keys, and searches those the
// listing has not reached yet, one call each. Once the listing is
// complete, which a backfill's first pages reach, a key it lacks has no
// record and costs nothing: a dry run creates none.
func lookUp[T any](ctx context.Context, a *Activities, cache *perRun[runListing[T]], run string, keys []string,
	l listing[T]) (map[string]T, error) {
	found := map[string]T{}
	if len(keys) == 0 {
		return found, nil
	}
	fresh := func() runListing[T] { return runListing[T]{byKey: map[string]T{}} }
	err := cache.with(run, a.now(), fresh, func(r *runListing[T]) error {
		missing := map[string]bool{}
		for _, k := range keys {
			if _, ok := r.byKey[k]; !ok {
				missing[k] = true
			}
		}
		for pages := 0; pages < len(missing) && !r.complete && anyMissing(missing, r.byKey); pages++ {
			recs, page, err := l.page(ctx, r.after)
			if err != nil {
				return err
			}
			for _, rec := range recs {
				if _, seen := r.byKey[l.key(rec)]; !seen {
					r.byKey[l.key(rec)] = rec
				}
			}
			r.after, r.complete = page.AfterCursor, !page.HasMore
		}
		for k := range missing {
			if _, ok := r.byKey[k]; ok || r.complete {
				continue
			}
			recs, err := l.search(ctx, k)
			if err != nil {
				return err
			}
			for _, rec := range recs {
				if l.key(rec) == k {
					r.byKey[k] = rec
				}
			}
		}
		for _, k := range keys {
			if rec, ok := r.byKey[k]; ok {
				found[k] = rec
			}
		}
		return nil
	})
	return found, err
}

type userListing struct{ zd *zendesk.Client }

func (l userListing) page(ctx context.Context, after string) ([]zendesk.User, *zendesk.CursorPage, error) {
	users, page, err := l.zd.ListUsers(ctx, &zendesk.ListOptions{PageSize: zendesk.MaxPageSize, After: after})
	if err != nil {
		return nil, nil, fmt.Errorf("list users to match emails: %w", err)
	}
	return users, page, nil
}

func (l userListing) search(ctx context.Context, email string) ([]zendesk.User, error) {
	users, err := l.zd.SearchUsersByEmail(ctx, email)
	if err != nil {
		return nil, fmt.Errorf("look up user by email: %w", err)
	}
	return users, nil
}

func (userListing) key(u zendesk.User) string { return emailKey(u.Email) }

type orgListing struct{ zd *zendesk.Client }

func (l orgListing) page(ctx context.Context, after string) ([]zendesk.Organization, *zendesk.CursorPage, error) {
	orgs, page, err := l.zd.ListOrganizations(ctx, &zendesk.ListOptions{PageSize: zendesk.MaxPageSize, After: after})
	if err != nil {
		return nil, nil, fmt.Errorf("list organizations to match names: %w", err)
	}
	return orgs, page, nil
}

func (l orgListing) search(ctx context.Context, name string) ([]zendesk.Organization, error) {
	orgs, err := l.zd.SearchOrganizationsByName(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("look up organization by name: %w", err)
	}
	return orgs, nil
}

func (orgListing) key(o zendesk.Organization) string { return nameKey(o.Name) }

// sampleAdoptions lists a dry-run page's first adoptions, in the page's
// order.
func sampleAdoptions(pair string, items []planItem, adopt map[string]int64) []Adoption {
	var out []Adoption
	for _, it := range items {
		if zd, ok := adopt[it.SalesforceID]; ok && it.Create && len(out) < MaxChangesListed {
			out = append(out, Adoption{Pair: pair, SalesforceID: it.SalesforceID, ZendeskID: zd})
		}
	}
	return out
}

// refusals are the rejections of the creates a real run would refuse, in
// the page's order.
func refusals(items []planItem, refused map[string]Rejection) []Rejection {
	var out []Rejection
	for _, it := range items {
		if r, ok := refused[it.SalesforceID]; ok && it.Create {
			out = append(out, r)
		}
	}
	return out
}
