package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/reconcile"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/store"
)

// planItem is what one linked (or to be linked) record gets written: the
// Zendesk fields, the Salesforce fields (per mapped field, the Salesforce
// fields it sets) and the baseline to keep once they are written.
type planItem struct {
	SalesforceID string `json:"sf,omitempty"`
	ZendeskID    int64  `json:"zd,omitempty"`
	Create       bool   `json:"create,omitempty"`
	// In is the side a create writes to (Zendesk when empty); Key is the
	// staging key of a record created from Zendesk, which has no
	// Salesforce id until it is written.
	In  record.Side `json:"in,omitempty"`
	Key string      `json:"key,omitempty"`
	// Parent is the Zendesk record a new one is made under (a comment's
	// ticket).
	Parent     int64                      `json:"parent,omitempty"`
	Zendesk    map[string]any             `json:"zendesk,omitempty"`
	Salesforce map[string]any             `json:"salesforce,omitempty"`
	Baseline   map[string]reconcile.Sides `json:"baseline"`
	Previous   map[string]reconcile.Sides `json:"previous,omitempty"`
	// Missing is a referenced record to create in Salesforce first (a
	// new ticket's requester who is no contact yet).
	Missing *missingRecord `json:"missing,omitempty"`
	// Part numbers the pieces after the first of a record split in
	// several (a long comment): made, never linked.
	Part int `json:"part,omitempty"`
}

// plan is a resolved page. Consumed are the staged Zendesk changes it
// settles, dropped once its writes are done; Deletions are carried by the
// pair's delete policy.
type plan struct {
	Items     []planItem `json:"items"`
	Consumed  []string   `json:"consumed,omitempty"`
	Deletions []deletion `json:"deletions,omitempty"`
	Handovers []handover `json:"handovers,omitempty"`
}

// Resolve plans one staged page: each record against its link's baseline
// and its staged Zendesk change, field by field, by the pair's directions
// and policies. Conflicts go to the store's conflict log (not on dry runs)
// and, the first MaxConflictsListed, to the result.
func (a *Activities) Resolve(ctx context.Context, in StepInput) (*ResolveResult, error) {
	o := a.opts()
	res, err := a.resolve(ctx, in)
	if err != nil {
		return nil, classify("resolve "+in.Pair+" page", err, o.DailyLimitWait)
	}
	return res, nil
}

func (a *Activities) resolve(ctx context.Context, in StepInput) (*ResolveResult, error) {
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	var p page
	if err := a.staged(ctx, in, stagedPage, in.Page, &p); err != nil {
		return nil, err
	}
	ids := p.ids()
	links, err := a.Store.Links(ctx, in.Pair, ids)
	if err != nil {
		return nil, err
	}
	changes, err := a.stagedChanges(ctx, in, ids)
	if err != nil {
		return nil, err
	}
	refs, err := a.references(ctx, in.Run, m, p.Salesforce, changes)
	if err != nil {
		return nil, err
	}
	var claimants map[string][]string
	if d.UniqueEmail {
		if claimants, err = a.duplicates(ctx, in.Run, d.Name, p.Salesforce); err != nil {
			return nil, err
		}
	}
	owners, err := a.claimants(ctx, d.YieldsEmailTo, d.YieldsEmailTo != "", p.Salesforce)
	if err != nil {
		return nil, err
	}
	refusals, err := a.refusalsOf(ctx, in, ids, links)
	if err != nil {
		return nil, err
	}
	r := &resolver{a: a, in: in, decl: d, pair: m, refs: refs, res: &ResolveResult{}}
	out := plan{Deletions: p.Deletions}
	var deleted []deletion
	bySF := make(map[string]*record.Record, len(p.Salesforce))
	for i := range p.Salesforce {
		bySF[p.Salesforce[i].ID] = &p.Salesforce[i]
	}
	if d.Append {
		if err := r.resolveAppend(ctx, ids, bySF, changes, links, &out); err != nil {
			return nil, err
		}
		if err := a.stagePlan(ctx, in, out); err != nil {
			return nil, err
		}
		r.res.Counts.Rejected = len(r.res.Rejected)
		return r.res, nil
	}
	var conflicts []store.Conflict
	for _, id := range ids {
		sf, zd := bySF[id], changes[id]
		if zd != nil {
			out.Consumed = append(out.Consumed, id)
		}
		link, linked := links[id]
		if passes, h := handingOver(d, sf, link, linked); passes {
			if h != nil {
				out.Handovers = append(out.Handovers, *h)
			}
			continue
		}
		if gone, carry := r.deletion(link, linked, sf, zd); gone {
			if carry != nil {
				deleted = append(deleted, *carry)
			}
			continue
		}
		if sf != nil && d.YieldsEmailTo != "" {
			if owner := owners[emailOf(sf)]; len(owner) > 0 {
				r.reject(record.Zendesk, id, 0, "", fmt.Sprintf(
					"held back: %s record %s has this email, and the person syncs as that record", d.YieldsEmailTo, owner[0]))
				continue
			}
		}
		if sf != nil && d.UniqueEmail {
			if others := otherClaimants(claimants, sf); len(others) > 0 {
				r.reject(record.Zendesk, id, 0, "", fmt.Sprintf(
					"duplicate email: also on Salesforce record %s; neither is written until only one holds it",
					strings.Join(others, ", ")))
				continue
			}
		}
		var item *planItem
		switch {
		case linked:
			item, conflicts = r.update(link, sf, zd, conflicts)
		case sf != nil && d.Origin == record.Salesforce:
			if item = r.create(sf); item != nil && r.refusedAgain(refusals, item) {
				item = nil
			}
		case zd != nil && d.Origin == record.Zendesk:
			item = r.createInSalesforce(id, zd)
		case sf != nil && d.Origin == record.Zendesk:
			item = r.publishOrRelink(sf)
		default:
			r.res.Counts.Unlinked++
		}
		if item != nil {
			out.Items = append(out.Items, *item)
		}
	}
	if !in.DryRun {
		if err := a.Store.RecordConflicts(ctx, conflicts); err != nil {
			return nil, err
		}
	}
	if err := a.stageDeletions(ctx, in, deleted); err != nil {
		return nil, err
	}
	if err := a.stagePlan(ctx, in, out); err != nil {
		return nil, err
	}
	r.res.Counts.Rejected = len(r.res.Rejected)
	return r.res, nil
}

type resolver struct {
	a    *Activities
	in   StepInput
	decl pairs.Pair
	pair *mapping.Pair
	refs *linkIndex
	res  *ResolveResult
}

func (r *resolver) reject(side record.Side, sfID string, zdID int64, field, reason string) {
	r.res.Rejected = append(r.res.Rejected, Rejection{
		Pair: r.in.Pair, Side: side, SalesforceID: sfID, ZendeskID: zdID, Field: field, Reason: reason})
}

// deletion tells a record deleted on either side: its fields are not
// synced. A linked one whose deletion the pair carries, and has not
// tagged already, is returned to stage for the deletes phase.
func (r *resolver) deletion(link store.Link, linked bool, sf, zd *record.Record) (bool, *deletion) {
	on := record.Side("")
	switch {
	case sf != nil && sf.Deleted:
		on = record.Salesforce
	case zd != nil && zd.Deleted:
		on = record.Zendesk
	default:
		return false, nil
	}
	if !linked || !r.pair.CarriesDeletes(on) || strings.Contains(string(link.Baseline), `"`+deletedMark+`"`) {
		return true, nil
	}
	return true, &deletion{SalesforceID: link.SalesforceID, ZendeskID: link.ZendeskID, On: on}
}

// create plans the first write of a Salesforce record to Zendesk: every
// mapped field, and the baseline they make.
func (r *resolver) create(sf *record.Record) *planItem {
	item := &planItem{SalesforceID: sf.ID, Create: true, Zendesk: map[string]any{}, Baseline: map[string]reconcile.Sides{}}
	for i := range r.pair.Fields {
		f := &r.pair.Fields[i]
		v, err := f.ToZendesk(r.decl.Zendesk, sf.Fields, r.refs)
		if errors.Is(err, mapping.ErrNoMatch) {
			v, err = nil, nil
		}
		if err != nil {
			r.reject(record.Zendesk, sf.ID, 0, f.Zendesk, err.Error())
			return nil
		}
		if v == nil && f.Fallback != nil {
			// No linked person: Zendesk finds or makes one by these.
			item.Zendesk[f.Zendesk+fallbackSuffix] = f.FallbackFrom(sf.Fields)
		}
		if record.Canonical(v) != "" {
			item.Zendesk[f.Zendesk] = v
		}
		base := reconcile.Sides{Salesforce: f.SalesforceValue(sf.Fields), Zendesk: v}
		if record.Canonical(v) == "" {
			// Unset: Zendesk may fill its own default (or find the person
			// a fallback names); its next read says which.
			base.Unknown = record.Zendesk
		}
		item.Baseline[f.Zendesk] = base
	}
	r.pair.AssignDefault(item.Zendesk, nil)
	if err := mapping.CheckZendesk(r.decl.Zendesk, item.Zendesk, true); err != nil {
		r.reject(record.Zendesk, sf.ID, 0, err.Field, err.Reason)
		return nil
	}
	return item
}

// assigneeField is the Zendesk field holding a ticket's agent.
const assigneeField = "assignee_id"

// publishOrRelink plans an unlinked Salesforce record of a pair created
// from Zendesk. One that carries a Zendesk id lost its link (a store
// restored from an old backup): it is linked again, Zendesk's values
// learnt on its next read. Any other was selected by publish: it is
// created in Zendesk.
func (r *resolver) publishOrRelink(sf *record.Record) *planItem {
	ext, _ := sf.Get(r.decl.ExternalID).(string)
	if ext == "" {
		return r.create(sf)
	}
	zid, err := strconv.ParseInt(strings.TrimSpace(ext), 10, 64)
	if err != nil {
		r.reject(record.Zendesk, sf.ID, 0, "", fmt.Sprintf("%s %q is not a Zendesk id", r.decl.ExternalID, ext))
		return nil
	}
	item := &planItem{SalesforceID: sf.ID, ZendeskID: zid, Baseline: map[string]reconcile.Sides{}}
	for i := range r.pair.Fields {
		f := &r.pair.Fields[i]
		item.Baseline[f.Zendesk] = reconcile.Sides{Salesforce: f.SalesforceValue(sf.Fields), Unknown: record.Zendesk}
	}
	return item
}

// createInSalesforce plans the Salesforce record of a new Zendesk one:
// every field that goes back, upserted by the pair's external id. A
// field Salesforce will fill with its own default is left unknown in the
// baseline, so that default is learnt on the next read, never carried.
func (r *resolver) createInSalesforce(key string, zd *record.Record) *planItem {
	zid, _ := strconv.ParseInt(zd.ID, 10, 64)
	item := &planItem{Key: key, ZendeskID: zid, Create: true, In: record.Salesforce,
		Salesforce: map[string]any{}, Baseline: map[string]reconcile.Sides{}}
	for i := range r.pair.Fields {
		f := &r.pair.Fields[i]
		now := zd.Get(f.Zendesk)
		v, err := f.ToSalesforce(r.decl.Zendesk, now, r.refs)
		if errors.Is(err, mapping.ErrNoReverse) {
			continue
		}
		if errors.Is(err, mapping.ErrNotLinked) {
			// A requester who is no synced contact: the case has none,
			// and keeps what the fallback says of them.
			v, err = map[string]any{f.Salesforce: nil}, nil
			requester, _ := asInt64(now)
			if ref, ok := r.refs.unlinked[requester]; ok && f.Fallback != nil {
				item.Salesforce[f.Zendesk+fallbackSuffix] = f.FallbackValues(ref.Fields)
				if r.pair.CreateMissingContacts {
					item.Missing = r.missing(f, requester, ref)
				}
			}
			item.Baseline[f.Zendesk] = reconcile.Sides{Salesforce: v, Zendesk: now}
			continue
		}
		if err != nil {
			r.reject(record.Salesforce, "", zid, f.Zendesk, err.Error())
			v = nil
		}
		base := reconcile.Sides{Salesforce: v, Zendesk: now}
		if record.Canonical(v) == "" {
			base.Unknown = record.Salesforce
		} else {
			item.Salesforce[f.Zendesk] = v
		}
		item.Baseline[f.Zendesk] = base
	}
	return item
}

// update plans a linked record: its fields through reconcile.Decide.
func (r *resolver) update(link store.Link, sf, zd *record.Record, conflicts []store.Conflict) (*planItem, []store.Conflict) {
	var base map[string]reconcile.Sides
	if len(link.Baseline) > 0 {
		if err := json.Unmarshal(link.Baseline, &base); err != nil {
			r.reject(record.Zendesk, link.SalesforceID, link.ZendeskID, "", "unreadable baseline, run a full sync: "+err.Error())
			return nil, conflicts
		}
	}
	in := reconcile.Input{Baseline: base}
	if sf != nil {
		in.SalesforceModified = sf.Modified
	}
	if zd != nil {
		in.ZendeskModified = zd.Modified
	}
	for i := range r.pair.Fields {
		f := &r.pair.Fields[i]
		dir := r.pair.DirectionOf(f)
		rf := reconcile.Field{Name: f.Zendesk, Direction: dir, Policy: r.a.Mapping.PolicyOf(r.pair, f)}
		if sf != nil {
			v, err := f.ToZendesk(r.decl.Zendesk, sf.Fields, r.refs)
			if errors.Is(err, mapping.ErrNoMatch) {
				// No counterpart: Zendesk keeps what it holds.
				v, err = base[f.Zendesk].Zendesk, nil
				if zd != nil {
					v = zd.Get(f.Zendesk)
				}
			}
			rf.Salesforce = reconcile.Value{Read: true, Now: f.SalesforceValue(sf.Fields), Mapped: v, MapErr: err}
		}
		if zd != nil {
			rf.Zendesk = reconcile.Value{Read: true, Now: zd.Get(f.Zendesk)}
			if dir.From(record.Zendesk) {
				v, err := f.ToSalesforce(r.decl.Zendesk, rf.Zendesk.Now, r.refs)
				rf.Zendesk.Mapped, rf.Zendesk.MapErr = v, err
				if err != nil {
					rf.Zendesk.Mapped = nil
				}
			}
		}
		in.Fields = append(in.Fields, rf)
	}
	p := reconcile.Decide(in)
	for _, pr := range p.Problems {
		r.reject(record.Salesforce, link.SalesforceID, link.ZendeskID, pr.Field, pr.Reason)
	}
	for _, c := range p.Conflicts {
		r.res.Counts.Conflicts++
		if len(r.res.Conflicts) < MaxConflictsListed {
			r.res.Conflicts = append(r.res.Conflicts, Conflict{SalesforceID: link.SalesforceID, ZendeskID: link.ZendeskID, Conflict: c})
		}
		conflicts = append(conflicts, store.Conflict{
			RunID: r.in.Run, Pair: r.in.Pair, SalesforceID: link.SalesforceID, ZendeskID: link.ZendeskID,
			Field: c.Field, SalesforceValue: record.Text(c.Salesforce), ZendeskValue: record.Text(c.Zendesk),
			SalesforceModified: c.SalesforceModified, ZendeskModified: c.ZendeskModified,
			Policy: string(c.Policy), Winner: string(c.Winner), Value: record.Text(c.Value),
		})
	}
	if len(p.Zendesk) > 0 {
		// The assignee is known when the ticket was read, or when the
		// baseline holds it; never guessed.
		if b, ok := base[assigneeField]; zd != nil || ok && b.Unknown != record.Zendesk {
			assignee := b.Zendesk
			if zd != nil {
				assignee = zd.Get(assigneeField)
			}
			r.pair.AssignDefault(p.Zendesk, assignee)
		}
		if err := mapping.CheckZendesk(r.decl.Zendesk, p.Zendesk, false); err != nil {
			r.reject(record.Zendesk, link.SalesforceID, link.ZendeskID, err.Field, err.Reason)
			return nil, conflicts
		}
	}
	if !p.Writes(record.Zendesk) && !p.Writes(record.Salesforce) {
		r.res.Counts.Unchanged++
		if sameBaseline(base, p.Baseline) {
			return nil, conflicts
		}
	}
	return &planItem{
		SalesforceID: link.SalesforceID, ZendeskID: link.ZendeskID,
		Zendesk: p.Zendesk, Salesforce: p.Salesforce, Baseline: p.Baseline, Previous: base,
	}, conflicts
}

func sameBaseline(a, b map[string]reconcile.Sides) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || !record.Equal(x.Salesforce, y.Salesforce) || !record.Equal(x.Zendesk, y.Zendesk) || x.Unknown != y.Unknown {
			return false
		}
	}
	return true
}

// stagedChanges reads the staged Zendesk changes of the given records.
func (a *Activities) stagedChanges(ctx context.Context, in StepInput, ids []string) (map[string]*record.Record, error) {
	got, err := a.Store.Staged(ctx, in.Run, in.Pair, stagedChange, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*record.Record, len(got))
	for id, data := range got {
		var r record.Record
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("read staged zendesk change of %s: %w", id, err)
		}
		out[id] = &r
	}
	return out, nil
}
