package activities

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/zendesk"
)

// exportToken is a position in a Zendesk incremental export: a cursor
// (users, tickets) or the start time of the next page (organizations).
type exportToken struct {
	Cursor string `json:"cursor,omitempty"`
	Start  int64  `json:"start,omitempty"`
}

func decodeExportToken(s string) (exportToken, error) {
	var t exportToken
	if s == "" {
		return t, nil
	}
	if err := json.Unmarshal([]byte(s), &t); err != nil {
		return t, fmt.Errorf("zendesk export position %q: %w", s, err)
	}
	return t, nil
}

func (t exportToken) String() string {
	b, _ := json.Marshal(t) // two plain fields cannot fail to encode
	return string(b)
}

// exportFromStart opens an export at its beginning: with no checkpoint
// every Zendesk change of a linked record is read once.
var exportFromStart = time.Unix(1, 0)

// fetchZendesk reads one page of the pair's Zendesk export and stages the
// changes of linked records, keyed by their Salesforce id. The first page
// of a run continues from the pair's checkpointed position.
func (a *Activities) fetchZendesk(ctx context.Context, in StepInput) (*FetchResult, error) {
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	token := in.Token
	if token == "" {
		saved, _, err := a.Store.Cursor(ctx, exportCursorName(in.Pair))
		if err != nil {
			return nil, err
		}
		token = saved
	}
	pos, err := decodeExportToken(token)
	if err != nil {
		return nil, err
	}
	recs, next, done, err := a.exportPage(ctx, d.Zendesk, pos)
	if err != nil {
		return nil, err
	}
	res := &FetchResult{Next: next.String(), Done: done, Counts: Counts{Exported: len(recs)}}
	ids := make([]int64, 0, len(recs))
	for _, r := range recs {
		id, _ := strconv.ParseInt(r.ID, 10, 64)
		ids = append(ids, id)
	}
	links, err := a.Store.LinksByZendeskID(ctx, in.Pair, ids)
	if err != nil {
		return nil, err
	}
	items := make([]store.Staged, 0, len(recs))
	for i, r := range recs {
		key := ""
		l, linked := links[ids[i]]
		switch {
		case d.Published != "" && !m.IncludePrivate && r.Get("public") == false:
			// Private: stays where it is.
			continue
		case linked && d.Append:
			// Made once and linked: nothing ever changes.
			continue
		case linked:
			key = l.SalesforceID
		case (d.Origin == record.Zendesk || d.Append) && !r.Deleted:
			// A new record of a pair created from Zendesk: the rest
			// phase creates it in Salesforce.
			key = newFromZendesk + r.ID
		default:
			res.Counts.Unlinked++
			continue
		}
		data, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("stage zendesk record %s: %w", r.ID, err)
		}
		items = append(items, store.Staged{Key: key, Data: data})
	}
	if err := a.Store.PutStaged(ctx, in.Run, in.Pair, stagedChange, items); err != nil {
		return nil, err
	}
	return res, nil
}

// newFromZendesk prefixes the staging key of an unlinked Zendesk record:
// it has no Salesforce id yet.
const newFromZendesk = "zd:"

// exportPage reads one page of the export of a kind of Zendesk record.
func (a *Activities) exportPage(ctx context.Context, kind string, pos exportToken) ([]record.Record, exportToken, bool, error) {
	start := exportFromStart
	if pos.Start > 0 {
		start = time.Unix(pos.Start, 0)
	}
	switch kind {
	case mapping.User:
		e, err := a.Zendesk.IncrementalUsers(ctx, start, pos.Cursor, zendesk.MaxExportPage)
		if err != nil {
			return nil, pos, false, err
		}
		out := make([]record.Record, len(e.Users))
		for i, u := range e.Users {
			out[i] = userRecord(u)
		}
		next := pos
		if e.AfterCursor != "" {
			next = exportToken{Cursor: e.AfterCursor}
		}
		return out, next, e.EndOfStream, nil
	case mapping.Ticket:
		e, err := a.Zendesk.IncrementalTickets(ctx, start, pos.Cursor, zendesk.MaxExportPage)
		if err != nil {
			return nil, pos, false, err
		}
		out := make([]record.Record, len(e.Tickets))
		for i, t := range e.Tickets {
			out[i] = ticketRecord(t)
		}
		next := pos
		if e.AfterCursor != "" {
			next = exportToken{Cursor: e.AfterCursor}
		}
		return out, next, e.EndOfStream, nil
	case mapping.Comment:
		e, err := a.Zendesk.IncrementalTicketEvents(ctx, start, true)
		if err != nil {
			return nil, pos, false, err
		}
		next := pos
		if !e.EndTime.IsZero() {
			next = exportToken{Start: e.EndTime.Unix()}
		}
		return commentRecords(e.Events), next, e.EndOfStream, nil
	case mapping.Organization:
		e, err := a.Zendesk.IncrementalOrganizations(ctx, start, zendesk.MaxExportPage)
		if err != nil {
			return nil, pos, false, err
		}
		out := make([]record.Record, len(e.Organizations))
		for i, o := range e.Organizations {
			out[i] = organizationRecord(o)
		}
		next := pos
		if !e.EndTime.IsZero() {
			next = exportToken{Start: e.EndTime.Unix()}
		}
		return out, next, e.EndOfStream, nil
	}
	return nil, pos, false, fmt.Errorf("no Zendesk export for %q records", kind)
}
