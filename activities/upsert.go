package activities

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/reconcile"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/store"
)

// Upsert carries out a resolved page: Zendesk writes in bulk jobs,
// Salesforce writes in sObject Collections, then the links with their new
// baselines. A field whose write a side refused keeps its old baseline,
// so the change is tried again on the next run. A rate limit comes back as
// a Pause carrying the jobs already submitted.
func (a *Activities) Upsert(ctx context.Context, in StepInput) (*UpsertResult, error) {
	o := a.opts()
	tracker := a.newJobTracker(ctx, in.Jobs)
	res, err := a.upsert(ctx, in, tracker)
	if pause := a.pauseFor(err); pause != nil {
		return &UpsertResult{Pause: pause, Jobs: tracker.progress.Jobs}, nil
	}
	if err != nil {
		return nil, classify("upsert "+in.Pair+" page", err, o.DailyLimitWait)
	}
	return res, nil
}

func (a *Activities) upsert(ctx context.Context, in StepInput, tracker *jobTracker) (*UpsertResult, error) {
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	pl, err := a.stagedPlanOf(ctx, in)
	if err != nil {
		return nil, err
	}
	res := &UpsertResult{}
	if in.DryRun {
		adopt, refused, err := a.planAdoptions(ctx, in.Run, d, pl.Items)
		if err != nil {
			return nil, err
		}
		for _, it := range pl.Items {
			_, adopted := adopt[it.SalesforceID]
			if _, no := refused[it.SalesforceID]; it.Part <= 1 && !(it.Create && no) {
				res.Counts.count(it, true, true, adopted)
			}
		}
		res.Adoptions, res.Rejected = sampleAdoptions(d.Name, pl.Items, adopt), refusals(pl.Items, refused)
		res.Counts.Rejected = len(res.Rejected)
		res.Changes = sampleChanges(in.Pair, pl.Items)
		res.Counts.HandedOver = len(pl.Handovers)
		for _, del := range pl.Deletions {
			if del.On == record.Salesforce {
				res.Counts.Zendesk.Deleted++
			} else {
				res.Counts.Salesforce.Deleted++
			}
		}
		// The run's own staging: a change this page settled must not be
		// planned again by the rest phase.
		if err := a.Store.DeleteStaged(ctx, in.Run, in.Pair, stagedChange, pl.Consumed); err != nil {
			return nil, err
		}
		return res, nil
	}
	w := &writes{run: in.Run, pair: d, mapping: m, res: res, items: pl.Items, zendesk: map[string]int64{}, salesforce: map[string]bool{},
		createdInSalesforce: map[string]string{}, settled: map[string]bool{}, adopted: map[string]bool{}}
	if err := a.handOver(ctx, d, pl.Handovers, res); err != nil {
		return nil, err
	}
	if len(pl.Deletions) > 0 {
		if err := a.carryDeletions(ctx, w, m.DeletePolicy(), pl.Deletions); err != nil {
			return nil, err
		}
		res.Counts.Rejected = len(res.Rejected)
		return res, nil
	}
	if err := a.writeZendesk(ctx, w, tracker); err != nil {
		return nil, err
	}
	if err := a.createMissing(ctx, w); err != nil {
		return nil, err
	}
	if err := a.writeSalesforce(ctx, w); err != nil {
		return nil, err
	}
	links := make([]store.Link, 0, len(pl.Items))
	for _, it := range pl.Items {
		if it.Create && it.In == record.Salesforce {
			id, ok := w.createdInSalesforce[it.Key]
			if !ok {
				continue
			}
			it.SalesforceID = id
			w.salesforce[id] = true
			if it.Part > 1 {
				continue
			}
		}
		zdID, zdOK := w.zendesk[it.SalesforceID]
		if len(it.Zendesk) == 0 {
			zdID, zdOK = it.ZendeskID, true
		}
		sfOK := len(it.Salesforce) == 0 || w.salesforce[it.SalesforceID]
		if !zdOK && it.Create {
			continue
		}
		res.Counts.count(it, zdOK, sfOK, w.adopted[it.SalesforceID])
		base := it.Baseline
		for field := range it.Zendesk {
			if !zdOK && !w.settled[it.SalesforceID] {
				revert(base, it.Previous, field)
			}
		}
		for field := range it.Salesforce {
			if !sfOK {
				revert(base, it.Previous, field)
			}
		}
		data, err := json.Marshal(base)
		if err != nil {
			return nil, fmt.Errorf("encode baseline of %s: %w", it.SalesforceID, err)
		}
		links = append(links, store.Link{Object: in.Pair, SalesforceID: it.SalesforceID, ZendeskID: zdID, Baseline: data})
	}
	if err := a.Store.SaveLinks(ctx, links); err != nil {
		return nil, err
	}
	if err := a.Store.SaveRefusals(ctx, in.Pair, w.refusals); err != nil {
		return nil, err
	}
	if err := a.Store.DeleteStaged(ctx, in.Run, in.Pair, stagedChange, pl.Consumed); err != nil {
		return nil, err
	}
	res.Counts.Rejected = len(res.Rejected)
	return res, nil
}

func revert(base, prev map[string]reconcile.Sides, field string) {
	if p, ok := prev[field]; ok {
		base[field] = p
	} else {
		delete(base, field)
	}
}

// count tallies one planned record's writes that succeeded; adopted says
// its Zendesk create linked an existing record instead.
func (c *Counts) count(it planItem, zdOK, sfOK, adopted bool) {
	inSalesforce := it.Create && it.In == record.Salesforce
	switch {
	case len(it.Zendesk) > 0 && zdOK && it.Create && adopted:
		c.Zendesk.Adopted++
	case len(it.Zendesk) > 0 && zdOK && it.Create:
		c.Zendesk.Created++
	case len(it.Zendesk) > 0 && zdOK:
		c.Zendesk.Updated++
	}
	switch {
	case inSalesforce && sfOK:
		c.Salesforce.Created++
	case len(it.Salesforce) > 0 && sfOK:
		c.Salesforce.Updated++
	}
}

// writes is one page's writes under way: the Zendesk id of every record
// Zendesk accepted, the Salesforce ids Salesforce accepted.
type writes struct {
	run        string
	pair       pairs.Pair
	mapping    *mapping.Pair
	res        *UpsertResult
	items      []planItem
	zendesk    map[string]int64
	salesforce map[string]bool
	// createdInSalesforce maps the staging key of a record created from
	// Zendesk to its new Salesforce id.
	createdInSalesforce map[string]string
	// settled are records whose refused Zendesk write is not to be tried
	// again until the next real change (a closed ticket refuses all).
	settled map[string]bool
	// adopted are the creates that linked an existing Zendesk record.
	adopted map[string]bool
	// refusals are the creates Zendesk refused for a lasting reason.
	refusals []store.Refusal
}

func (w *writes) reject(side record.Side, sfID string, zdID int64, reason string) {
	w.res.Rejected = append(w.res.Rejected, Rejection{Pair: w.pair.Name, Side: side, SalesforceID: sfID, ZendeskID: zdID, Reason: reason})
}
