package activities

import (
	"context"

	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/store"
)

// handover passes a record's Zendesk record to a record of another pair:
// a converted lead's user becomes its contact's.
type handover struct {
	From      string `json:"from"`
	ZendeskID int64  `json:"zd"`
	To        string `json:"to"`
	Baseline  []byte `json:"baseline,omitempty"`
}

// handingOver tells a record whose flag says its link passes on, and the
// handover when it is linked and names its successor.
func handingOver(d pairs.Pair, sf *record.Record, link store.Link, linked bool) (bool, *handover) {
	if d.Handover == nil || sf == nil {
		return false, nil
	}
	if flag, _ := sf.Get(d.Handover.Flag).(bool); !flag {
		return false, nil
	}
	to, _ := sf.Get(d.Handover.Field).(string)
	if !linked || to == "" {
		return true, nil
	}
	return true, &handover{From: sf.ID, ZendeskID: link.ZendeskID, To: to, Baseline: link.Baseline}
}

// handOver links each successor to its predecessor's Zendesk record,
// unless the successor's pair linked it already (it matched the same user
// by email), and drops the predecessor's link.
func (a *Activities) handOver(ctx context.Context, d pairs.Pair, hs []handover, res *UpsertResult) error {
	if len(hs) == 0 {
		return nil
	}
	to := make([]string, len(hs))
	from := make([]string, len(hs))
	for i, h := range hs {
		to[i], from[i] = h.To, h.From
	}
	have, err := a.Store.Links(ctx, d.Handover.To, to)
	if err != nil {
		return err
	}
	var links []store.Link
	for _, h := range hs {
		if _, ok := have[h.To]; !ok {
			links = append(links, store.Link{Object: d.Handover.To, SalesforceID: h.To, ZendeskID: h.ZendeskID, Baseline: h.Baseline})
		}
	}
	if err := a.Store.SaveLinks(ctx, links); err != nil {
		return err
	}
	res.Counts.HandedOver += len(hs)
	return a.Store.DeleteLinks(ctx, d.Name, from)
}
