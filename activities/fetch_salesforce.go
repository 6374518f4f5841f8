package activities

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
)

// fetchSalesforce reads one keyset page of the pair's Salesforce object
// and stages its records for resolve, or hands on the page the index phase
// read ahead at the same position, resolved if the input allows.
func (a *Activities) fetchSalesforce(ctx context.Context, in StepInput) (*FetchResult, error) {
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	if res, ok, err := a.readAhead(ctx, in); err != nil || ok {
		if err == nil && in.Resolve && res.Page != "" {
			// Nothing is left to read: one step instead of two saves a
			// round trip and six history events a page.
			in.Page = res.Page
			res.Resolved, err = a.resolve(ctx, in)
		}
		return res, err
	}
	// Deleted rows are read only when deletions are carried.
	all := m.CarriesDeletes(record.Salesforce)
	rows, next, done, err := a.scan(ctx, in, m.SourceFields(d.Always...), d.Salesforce, scanFilter(d, m), all)
	if err != nil {
		return nil, err
	}
	res := &FetchResult{Next: next, Done: done, Counts: Counts{Fetched: len(rows)}}
	if len(rows) == 0 {
		return res, nil
	}
	p := page{Salesforce: make([]record.Record, 0, len(rows))}
	for _, r := range rows {
		p.Salesforce = append(p.Salesforce, salesforceRecord(r))
	}
	res.Page = pageKey(in.Phase, in.Token)
	if err := a.stage(ctx, in, stagedPage, res.Page, p); err != nil {
		return nil, err
	}
	return res, nil
}

// scanFilter is the condition of a pair's Salesforce scan: its filter;
// records whose link passes on, whatever the filter says; only public
// records unless the mapping includes private ones; and for a pair
// created from Zendesk only the records that carry a Zendesk id or that
// publish selects.
func scanFilter(d pairs.Pair, m *mapping.Pair) string {
	filter := m.Filter
	if d.Published != "" && !m.IncludePrivate {
		filter = and(filter, d.Published+" = true")
	}
	if d.Handover != nil && filter != "" {
		filter = "(" + filter + ") OR " + d.Handover.Flag + " = true"
	}
	if d.Origin != record.Zendesk {
		return filter
	}
	own := d.ExternalID + " != null"
	if m.Publish != "" {
		own = "(" + own + " OR (" + m.Publish + "))"
	}
	return and(filter, own)
}

// and joins two conditions, either of which may be empty.
func and(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return "(" + a + ") AND " + b
}

// salesforceRecord is a Salesforce row in the side-neutral shape: every
// selected field under its own name.
func salesforceRecord(r salesforce.Record) record.Record {
	rec := record.Record{ID: r.ID(), Fields: map[string]any(r)}
	delete(rec.Fields, "attributes")
	if t, ok := r.Time("LastModifiedDate"); ok {
		rec.Modified = t
	}
	rec.Deleted, _ = r["IsDeleted"].(bool)
	return rec
}

// scan reads a page of rows after the step's position, ordered by
// (SystemModstamp, Id), and returns the position after the last one. All
// also returns deleted rows (queryAll).
func (a *Activities) scan(ctx context.Context, in StepInput, fields []string, object, filter string,
	all bool) ([]salesforce.Record, string, bool, error) {
	after, err := decodeCursor(in.Token)
	if err != nil {
		return nil, "", false, err
	}
	limit := a.opts().PageSize
	q := keysetQuery(fields, object, filter, in.Since, after, limit)
	var rows []salesforce.Record
	err = a.Salesforce.QueryEach(ctx, q, &salesforce.QueryOptions{BatchSize: limit, All: all},
		func(r *salesforce.QueryResult) error {
			rows = append(rows, r.Records...)
			return nil
		})
	if err != nil {
		return nil, "", false, err
	}
	next := after
	if n := len(rows); n > 0 {
		c, err := cursorOf(rows[n-1])
		if err != nil {
			return nil, "", false, fmt.Errorf("page of %s: %w", object, err)
		}
		next = c
	}
	token, err := encodeCursor(next)
	if err != nil {
		return nil, "", false, err
	}
	return rows, token, len(rows) < limit, nil
}

func decodeCursor(token string) (*Cursor, error) {
	if token == "" {
		return nil, nil
	}
	var c Cursor
	if err := json.Unmarshal([]byte(token), &c); err != nil {
		return nil, fmt.Errorf("salesforce position %q: %w", token, err)
	}
	return &c, nil
}

func encodeCursor(c *Cursor) (string, error) {
	if c == nil {
		return "", nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode salesforce position: %w", err)
	}
	return string(b), nil
}
