package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/store"
)

// refusalHash is the digest of what a create sends. encoding/json writes
// map keys in order, so the plan's fields hash alike before and after
// staging.
func refusalHash(fields map[string]any) string {
	data, err := json.Marshal(fields)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// refuse rejects a create Zendesk refused for a reason that lasts while
// nothing changes, and remembers it with what the create sent: an
// incremental run that reads the record again (its look-back re-reads the
// last run's changes) does not send the same create again.
func (w *writes) refuse(sfID string, zdID int64, reason string) {
	w.reject(record.Zendesk, sfID, zdID, reason)
	for _, it := range w.items {
		if it.SalesforceID == sfID && it.Create {
			w.refusals = append(w.refusals, store.Refusal{SalesforceID: sfID, ZendeskID: zdID, Hash: refusalHash(it.Zendesk), Reason: reason})
			return
		}
	}
}

// refusedAgain tells a planned create that Zendesk refused as it stands,
// and rejects it again without a call. Only incremental runs skip it: a
// full sync tries every create again.
func (r *resolver) refusedAgain(refusals map[string]store.Refusal, item *planItem) bool {
	rf, ok := refusals[item.SalesforceID]
	if !ok || rf.Hash != refusalHash(item.Zendesk) {
		return false
	}
	r.reject(record.Zendesk, item.SalesforceID, rf.ZendeskID, "", rf.Reason+" (unchanged since Zendesk refused it; a full sync tries again)")
	return true
}

// refusalsOf reads the recorded refusals of a page's unlinked records, in
// an incremental run.
func (a *Activities) refusalsOf(ctx context.Context, in StepInput, ids []string, links map[string]store.Link) (map[string]store.Refusal, error) {
	if in.Since == nil {
		return nil, nil
	}
	var unlinked []string
	for _, id := range ids {
		if _, ok := links[id]; !ok {
			unlinked = append(unlinked, id)
		}
	}
	return a.Store.Refusals(ctx, in.Pair, unlinked)
}
