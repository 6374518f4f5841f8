package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/zendesk"
)

// deletion is a linked record deleted on one side, to carry to the other
// by the pair's delete policy once every page has been read.
type deletion struct {
	SalesforceID string      `json:"sf"`
	ZendeskID    int64       `json:"zd"`
	On           record.Side `json:"on"`
}

// DeletedTag marks a Zendesk record whose Salesforce record was deleted,
// under the tag policy.
const DeletedTag = "salesforce-deleted"

// deletedMark is the baseline entry of a link whose deletion was tagged,
// so the tag is written once, not on every run that reads the deletion.
const deletedMark = "#deleted"

// stageDeletions remembers deletions for the deletes phase.
func (a *Activities) stageDeletions(ctx context.Context, in StepInput, ds []deletion) error {
	items := make([]store.Staged, 0, len(ds))
	for _, d := range ds {
		data, err := json.Marshal(d)
		if err != nil {
			return fmt.Errorf("stage deletion of %s: %w", d.SalesforceID, err)
		}
		items = append(items, store.Staged{Key: d.SalesforceID, Data: data})
	}
	return a.Store.PutStaged(ctx, in.Run, in.Pair, stagedDeletion, items)
}

// fetchDeletes gathers the staged deletions into pages. On the first page
// it trips the circuit breaker when the run would delete more than the
// pair's delete_limit of its linked records: then it deletes none of them
// and says how many, with a sample.
func (a *Activities) fetchDeletes(ctx context.Context, in StepInput) (*FetchResult, error) {
	o := a.opts()
	_, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	if in.Token == "" {
		linked, err := a.Store.CountLinks(ctx, in.Pair)
		if err != nil {
			return nil, err
		}
		limit := int(math.Floor(m.DeleteFraction() * float64(linked)))
		over, err := a.Store.StagedAfter(ctx, in.Run, in.Pair, stagedDeletion, "", limit+1)
		if err != nil {
			return nil, err
		}
		if len(over) > limit {
			all, err := a.Store.StagedAfter(ctx, in.Run, in.Pair, stagedDeletion, "", math.MaxInt32)
			if err != nil {
				return nil, err
			}
			held := &Held{Count: len(all), Reason: fmt.Sprintf(
				"circuit breaker: %d of %d linked records deleted, over delete_limit %g (%d); nothing deleted",
				len(all), linked, m.DeleteFraction(), limit)}
			for _, s := range all[:min(len(all), maxHeldSample)] {
				held.Sample = append(held.Sample, s.Key)
			}
			return &FetchResult{Done: true, Held: held}, nil
		}
	}
	items, err := a.Store.StagedAfter(ctx, in.Run, in.Pair, stagedDeletion, in.Token, o.PageSize)
	if err != nil {
		return nil, err
	}
	res := &FetchResult{Next: in.Token, Done: len(items) < o.PageSize}
	if len(items) == 0 {
		return res, nil
	}
	var p page
	for _, it := range items {
		var d deletion
		if err := json.Unmarshal(it.Data, &d); err != nil {
			return nil, fmt.Errorf("read staged deletion of %s: %w", it.Key, err)
		}
		p.Deletions = append(p.Deletions, d)
	}
	res.Next = items[len(items)-1].Key
	res.Page = pageKey(in.Phase, in.Token)
	return res, a.stage(ctx, in, stagedPage, res.Page, p)
}

// maxHeldSample caps the ids a tripped circuit breaker names.
const maxHeldSample = 20

// carryDeletions deletes or tags, on the other side, the records a page's
// deletions name, then drops or marks their links.
func (a *Activities) carryDeletions(ctx context.Context, w *writes, policy string, ds []deletion) error {
	var done []deletion
	onSalesforce := slices.DeleteFunc(slices.Clone(ds), func(d deletion) bool { return d.On != record.Salesforce })
	onZendesk := slices.DeleteFunc(slices.Clone(ds), func(d deletion) bool { return d.On != record.Zendesk })
	got, err := a.deleteOnZendesk(ctx, w, policy, onSalesforce)
	if err != nil {
		return err
	}
	done = append(done, got...)
	got, err = a.deleteOnSalesforce(ctx, w, policy, onZendesk)
	if err != nil {
		return err
	}
	done = append(done, got...)
	ids := make([]string, len(done))
	for i, d := range done {
		ids[i] = d.SalesforceID
		if d.On == record.Salesforce {
			w.res.Counts.Zendesk.Deleted++
		} else {
			w.res.Counts.Salesforce.Deleted++
		}
	}
	if policy == mapping.DeletesPropagate {
		return a.Store.DeleteLinks(ctx, w.pair.Name, ids)
	}
	links, err := a.Store.Links(ctx, w.pair.Name, ids)
	if err != nil {
		return err
	}
	var marked []store.Link
	for _, id := range ids {
		l, ok := links[id]
		if !ok {
			continue
		}
		base := map[string]any{}
		if len(l.Baseline) > 0 {
			if err := json.Unmarshal(l.Baseline, &base); err != nil {
				return fmt.Errorf("read baseline of %s: %w", id, err)
			}
		}
		base[deletedMark] = map[string]any{"sf": true}
		if l.Baseline, err = json.Marshal(base); err != nil {
			return fmt.Errorf("encode baseline of %s: %w", id, err)
		}
		marked = append(marked, l)
	}
	return a.Store.SaveLinks(ctx, marked)
}

// deleteOnZendesk carries Salesforce deletions: propagate deletes the
// Zendesk record, tag adds DeletedTag to it.
func (a *Activities) deleteOnZendesk(ctx context.Context, w *writes, policy string, ds []deletion) ([]deletion, error) {
	var done []deletion
	tags := map[int64][]string{}
	if policy == mapping.DeletesTag && len(ds) > 0 {
		var err error
		if tags, err = a.zendeskTags(ctx, w.pair.Zendesk, ds); err != nil {
			return nil, err
		}
	}
	for _, d := range ds {
		err := a.deleteOneOnZendesk(ctx, w.pair.Zendesk, policy, d.ZendeskID, tags[d.ZendeskID])
		var nf *zendesk.NotFoundError
		switch {
		case err == nil:
			done = append(done, d)
		case errors.As(err, &nf) && policy == mapping.DeletesPropagate:
			done = append(done, d) // already gone: the deletion is carried
		case a.pauseFor(err) != nil:
			return nil, err
		default:
			w.reject(record.Zendesk, d.SalesforceID, d.ZendeskID, "carry the Salesforce deletion: "+err.Error())
		}
	}
	return done, nil
}

// deleteOneOnZendesk deletes or tags one record the way its kind is
// deleted or tagged.
func (a *Activities) deleteOneOnZendesk(ctx context.Context, kind, policy string, id int64, tags []string) error {
	var err error
	switch {
	case kind == mapping.User && policy == mapping.DeletesPropagate:
		_, err = a.Zendesk.DeleteUser(ctx, id)
	case kind == mapping.User:
		_, err = a.Zendesk.UpdateUser(ctx, id, &zendesk.User{Tags: withTag(tags)})
	case kind == mapping.Organization && policy == mapping.DeletesPropagate:
		err = a.Zendesk.DeleteOrganization(ctx, id)
	case kind == mapping.Organization:
		_, err = a.Zendesk.UpdateOrganization(ctx, id, &zendesk.Organization{Tags: withTag(tags)})
	case kind == mapping.Ticket && policy == mapping.DeletesTag:
		_, err = a.Zendesk.UpdateTicket(ctx, id, &zendesk.Ticket{Tags: withTag(tags)})
	default:
		err = fmt.Errorf("%s records are not deleted by a sync; use deletes: tag", kind)
	}
	return err
}

func withTag(tags []string) []string {
	if slices.Contains(tags, DeletedTag) {
		return tags
	}
	return append(slices.Clone(tags), DeletedTag)
}

// zendeskTags reads the tags of the records to tag: Zendesk replaces a
// record's tag list on update.
func (a *Activities) zendeskTags(ctx context.Context, kind string, ds []deletion) (map[int64][]string, error) {
	out := map[int64][]string{}
	if kind == mapping.Ticket {
		for _, d := range ds {
			t, err := a.Zendesk.ShowTicket(ctx, d.ZendeskID)
			if err != nil {
				return nil, fmt.Errorf("read tags of ticket %d to tag: %w", d.ZendeskID, err)
			}
			out[t.ID] = t.Tags
		}
		return out, nil
	}
	if kind == mapping.User {
		ids := make([]int64, len(ds))
		for i, d := range ds {
			ids[i] = d.ZendeskID
		}
		users, err := a.Zendesk.ShowUsers(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("read tags of users to tag: %w", err)
		}
		for _, u := range users {
			out[u.ID] = u.Tags
		}
		return out, nil
	}
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.SalesforceID
	}
	orgs, err := a.Zendesk.ShowOrganizationsByExternalIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read tags of organizations to tag: %w", err)
	}
	for _, o := range orgs {
		out[o.ID] = o.Tags
	}
	return out, nil
}

// deleteOnSalesforce carries Zendesk deletions: propagate soft-deletes the
// Salesforce record, tag sets the pair's deleted_field to true; both in
// sObject Collections of up to 200, each record on its own.
func (a *Activities) deleteOnSalesforce(ctx context.Context, w *writes, policy string, ds []deletion) ([]deletion, error) {
	var done []deletion
	for start := 0; start < len(ds); start += maxCollection {
		batch := ds[start:min(start+maxCollection, len(ds))]
		var results []salesforceResult
		var err error
		if policy == mapping.DeletesPropagate {
			results, err = a.deleteSalesforce(ctx, batch)
		} else {
			results, err = a.tagSalesforce(ctx, w, batch)
		}
		if err != nil {
			return nil, err
		}
		for i, d := range batch {
			if i < len(results) && (results[i].ok || results[i].gone) {
				done = append(done, d)
				continue
			}
			reason := "no result for this record"
			if i < len(results) {
				reason = results[i].reason
			}
			w.reject(record.Salesforce, d.SalesforceID, d.ZendeskID, "carry the Zendesk deletion: "+reason)
		}
	}
	return done, nil
}

type salesforceResult struct {
	ok, gone bool
	reason   string
}

func (a *Activities) deleteSalesforce(ctx context.Context, ds []deletion) ([]salesforceResult, error) {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.SalesforceID
	}
	rs, err := a.Salesforce.DeleteCollection(ctx, ids, false)
	if err != nil {
		return nil, err
	}
	out := make([]salesforceResult, len(rs))
	for i, r := range rs {
		out[i] = salesforceResult{ok: r.Success, gone: r.HasCode("ENTITY_IS_DELETED"), reason: saveErrors(r)}
	}
	return out, nil
}

func (a *Activities) tagSalesforce(ctx context.Context, w *writes, ds []deletion) ([]salesforceResult, error) {
	recs := make([]salesforce.Record, len(ds))
	for i, d := range ds {
		recs[i] = salesforce.Record{"attributes": map[string]any{"type": w.pair.Salesforce}, "Id": d.SalesforceID, w.mapping.DeletedField: true}
	}
	rs, err := a.Salesforce.UpdateCollection(ctx, recs, false)
	if err != nil {
		return nil, err
	}
	out := make([]salesforceResult, len(rs))
	for i, r := range rs {
		out[i] = salesforceResult{ok: r.Success, reason: saveErrors(r)}
	}
	return out, nil
}
