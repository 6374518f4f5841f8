package activities

import (
	"context"
	"fmt"
	"time"

	"github.com/crmsync/crmsync/salesforce"
)

// page is one keyset page read from Salesforce.
type page struct {
	records []salesforce.Record
	next    *Cursor
	done    bool
}

// fetchPage reads up to limit rows after the cursor. All also returns
// deleted rows (queryAll).
func (a *Activities) fetchPage(ctx context.Context, fields []string, object, filter string,
	since *time.Time, after *Cursor, limit int, all bool) (*page, error) {
	q := keysetQuery(fields, object, filter, since, after, limit)
	p := &page{}
	err := a.Salesforce.QueryEach(ctx, q, &salesforce.QueryOptions{BatchSize: limit, All: all},
		func(r *salesforce.QueryResult) error {
			p.records = append(p.records, r.Records...)
			return nil
		})
	if err != nil {
		return nil, err
	}
	p.done = len(p.records) < limit
	p.next = after
	if n := len(p.records); n > 0 {
		c, err := cursorOf(p.records[n-1])
		if err != nil {
			return nil, fmt.Errorf("page of %s: %w", object, err)
		}
		p.next = c
	}
	return p, nil
}
