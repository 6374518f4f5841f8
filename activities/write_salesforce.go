package activities

import (
	"context"
	"strings"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
)

// maxCollection is the most records one sObject Collections call takes.
const maxCollection = 200

// writeSalesforce updates the page's Salesforce fields by Id, up to 200
// records a call, each record on its own (allOrNone false): a record
// Salesforce refuses is a rejection and the rest are written.
func (a *Activities) writeSalesforce(ctx context.Context, w *writes) error {
	var recs []salesforce.Record
	for _, it := range w.items {
		if len(it.Salesforce) == 0 {
			continue
		}
		rec := salesforce.Record{"attributes": map[string]any{"type": w.pair.Salesforce}, "Id": it.SalesforceID}
		for _, v := range it.Salesforce {
			fields, _ := v.(map[string]any)
			for k, fv := range fields {
				rec[k] = fv
			}
		}
		recs = append(recs, rec)
	}
	for start := 0; start < len(recs); start += maxCollection {
		batch := recs[start:min(start+maxCollection, len(recs))]
		results, err := a.Salesforce.UpdateCollection(ctx, batch, false)
		if err != nil {
			return err
		}
		for i, rec := range batch {
			id := rec.ID()
			if i < len(results) && results[i].Success {
				w.salesforce[id] = true
				continue
			}
			reason := "no result for this record"
			if i < len(results) {
				reason = saveErrors(results[i])
			}
			w.reject(record.Salesforce, id, 0, "Salesforce refused the update: "+reason)
		}
	}
	return nil
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
