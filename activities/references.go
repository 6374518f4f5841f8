package activities

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/record"
)

// linkIndex resolves reference fields through links read for one page.
// Unlinked holds the referenced Zendesk records no link ties to
// Salesforce, for the fields whose fallback reads them.
type linkIndex struct {
	toZendesk    map[string]map[string]int64
	toSalesforce map[string]map[int64]string
	unlinked     map[int64]record.Record
	people
}

// fallbackSuffix keys, in a plan, the Salesforce fields a reference's
// fallback sets: written with the record, not part of its baseline.
const fallbackSuffix = "#fallback"

func (l *linkIndex) ZendeskID(pair, id string) (int64, bool) {
	v, ok := l.toZendesk[pair][id]
	return v, ok
}

func (l *linkIndex) SalesforceID(pair string, id int64) (string, bool) {
	v, ok := l.toSalesforce[pair][id]
	return v, ok
}

// references reads the links every reference field of a page needs, in
// both directions, in one query per referenced pair and direction.
func (a *Activities) references(ctx context.Context, run string, m *mapping.Pair, sf []record.Record, zd map[string]*record.Record) (*linkIndex, error) {
	idx := &linkIndex{toZendesk: map[string]map[string]int64{}, toSalesforce: map[string]map[int64]string{},
		unlinked: map[int64]record.Record{}}
	if err := a.meetPeople(ctx, run, m, sf, zd, &idx.people); err != nil {
		return nil, err
	}
	for _, f := range m.Fields {
		if f.Reference == "" {
			continue
		}
		var sfIDs []string
		for _, r := range sf {
			if v, ok := r.Get(f.Salesforce).(string); ok && v != "" {
				sfIDs = append(sfIDs, v)
			}
		}
		// Many records of a page point at the same few: ask for each once.
		slices.Sort(sfIDs)
		ls, err := a.Store.Links(ctx, f.Reference, slices.Compact(sfIDs))
		if err != nil {
			return nil, err
		}
		to := map[string]int64{}
		for id, l := range ls {
			to[id] = l.ZendeskID
		}
		idx.toZendesk[f.Reference] = to
		var zdIDs []int64
		for _, r := range zd {
			switch v := r.Get(f.Zendesk).(type) {
			case float64:
				zdIDs = append(zdIDs, int64(v))
			case string:
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					zdIDs = append(zdIDs, n)
				}
			}
		}
		back, err := a.Store.LinksByZendeskID(ctx, f.Reference, zdIDs)
		if err != nil {
			return nil, err
		}
		from := map[int64]string{}
		for id, l := range back {
			from[id] = l.SalesforceID
		}
		idx.toSalesforce[f.Reference] = from
		if f.Fallback == nil {
			continue
		}
		var missing []int64
		for _, id := range zdIDs {
			if _, ok := from[id]; !ok {
				missing = append(missing, id)
			}
		}
		if err := a.readUnlinked(ctx, f.Reference, missing, idx.unlinked); err != nil {
			return nil, err
		}
	}
	return idx, nil
}

// readUnlinked reads the Zendesk records of a pair that no link ties to
// Salesforce: one call per 100.
func (a *Activities) readUnlinked(ctx context.Context, pair string, ids []int64, into map[int64]record.Record) error {
	d, ok := pairs.Get(pair)
	if !ok || d.Zendesk != mapping.User || len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	users, err := a.Zendesk.ShowUsers(ctx, slices.Compact(ids))
	if err != nil {
		return fmt.Errorf("read the users a fallback needs: %w", err)
	}
	for _, u := range users {
		into[u.ID] = userRecord(u)
	}
	return nil
}
