package activities

import (
	"context"
	"strconv"
	"strings"

	"go.temporal.io/sdk/activity"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
)

// maxCollection is the most records one sObject Collections call takes.
const maxCollection = 200

// writeSalesforce updates the page's Salesforce fields by Id, up to 200
// records a call, each record on its own (allOrNone false): a record
// Salesforce refuses is a rejection and the rest are written.
func (a *Activities) writeSalesforce(ctx context.Context, w *writes) error {
	var updates, creates []salesforce.Record
	var created []planItem
	for _, it := range w.items {
		create := it.Create && it.In == record.Salesforce
		// A record published to Zendesk keeps its new Zendesk id.
		zid, published := w.zendesk[it.SalesforceID]
		published = published && it.Create && !create && w.pair.ExternalID != ""
		if len(it.Salesforce) == 0 && !create && !published {
			continue
		}
		rec := salesforce.Record{"attributes": map[string]any{"type": w.pair.Salesforce}}
		for _, v := range it.Salesforce {
			fields, _ := v.(map[string]any)
			for k, fv := range fields {
				rec[k] = fv
			}
		}
		if create {
			if w.pair.ExternalID != "" {
				rec[w.pair.ExternalID] = strconv.FormatInt(it.ZendeskID, 10)
			}
			creates = append(creates, rec)
			created = append(created, it)
			continue
		}
		rec["Id"] = it.SalesforceID
		if published {
			rec[w.pair.ExternalID] = strconv.FormatInt(zid, 10)
		}
		updates = append(updates, rec)
	}
	for start := 0; start < len(updates); start += maxCollection {
		batch := updates[start:min(start+maxCollection, len(updates))]
		results, err := a.Salesforce.UpdateCollection(ctx, batch, false)
		if err != nil {
			return err
		}
		for i, rec := range batch {
			if ok, reason := saved(results, i); !ok {
				w.reject(record.Salesforce, rec.ID(), 0, "Salesforce refused the update: "+reason)
				continue
			}
			w.salesforce[rec.ID()] = true
		}
	}
	if w.pair.ExternalID == "" {
		return a.createSalesforce(ctx, w, creates, created)
	}
	// Creates upsert by the Zendesk id, so a create retried after a crash
	// finds the record its first attempt made.
	return createIn(ctx, w, creates, created, func(ctx context.Context, batch []salesforce.Record) ([]salesforce.SaveResult, error) {
		return a.Salesforce.UpsertCollection(ctx, w.pair.Salesforce, w.pair.ExternalID, batch, false)
	})
}

// createIn writes new records in collections of 200 through call and
// keeps each new Salesforce id under its item's staging key.
func createIn(ctx context.Context, w *writes, recs []salesforce.Record, items []planItem,
	call func(context.Context, []salesforce.Record) ([]salesforce.SaveResult, error)) error {
	for start := 0; start < len(recs); start += maxCollection {
		end := min(start+maxCollection, len(recs))
		results, err := call(ctx, recs[start:end])
		if err != nil {
			return err
		}
		for i, it := range items[start:end] {
			if ok, reason := saved(results, i); !ok {
				w.reject(record.Salesforce, "", it.ZendeskID, "Salesforce refused the new record: "+reason)
				continue
			}
			w.createdInSalesforce[it.Key] = results[i].ID
		}
	}
	return nil
}

// createSalesforce creates records of an object with no field for the
// Zendesk id (CaseComment). A retried attempt first finds the records an
// earlier attempt made, by their parent and content.
func (a *Activities) createSalesforce(ctx context.Context, w *writes, recs []salesforce.Record, items []planItem) error {
	if activity.GetInfo(ctx).Attempt > 1 && w.pair.ParentField != "" {
		made, err := a.madeComments(ctx, w.pair.ParentField, items)
		if err != nil {
			return err
		}
		var restRecs []salesforce.Record
		var restItems []planItem
		for i, it := range items {
			if id, ok := made[it.Key]; ok {
				w.createdInSalesforce[it.Key] = id
				continue
			}
			restRecs, restItems = append(restRecs, recs[i]), append(restItems, it)
		}
		recs, items = restRecs, restItems
	}
	return createIn(ctx, w, recs, items, func(ctx context.Context, batch []salesforce.Record) ([]salesforce.SaveResult, error) {
		return a.Salesforce.CreateCollection(ctx, batch, false)
	})
}

// saved tells whether result i says its record was written, else why not.
func saved(results []salesforce.SaveResult, i int) (bool, string) {
	if i >= len(results) {
		return false, "no result for this record"
	}
	if results[i].Success {
		return true, ""
	}
	return false, saveErrors(results[i])
}

func saveErrors(r salesforce.SaveResult) string {
	var parts []string
	for _, e := range r.Errors {
		p := e.StatusCode + ": " + e.Message
		if len(e.Fields) > 0 {
			p += " (" + strings.Join(e.Fields, ", ") + ")"
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return "unsuccessful without a reason"
	}
	return strings.Join(parts, "; ")
}
