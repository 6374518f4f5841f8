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
	byEmail, err := lookUp(ctx, a, &a.planUsers, run, emails, userListing{a.Zendesk}, false)
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
		return lookUp(ctx, a, &a.planOrgs, run, keys, orgListing{a.Zendesk}, false)
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
