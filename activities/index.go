package activities

import (
	"context"
	"encoding/json"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/store"
)

// fetchIndex records which records hold which email, a few pages a step,
// before any is written: two records sharing an email must both be held
// back, and a later page may hold the second one. Deleted rows are read
// too so that they give up their email. Where the Salesforce phase would
// scan the same rows, the index reads them whole and stages that phase's
// pages, so a pair is read from Salesforce once, not twice. While a page
// is kept (claims and staging, in the store) the next one is read: the
// two take about as long, one waiting on Salesforce, the other on the
// store.
func (a *Activities) fetchIndex(ctx context.Context, in StepInput) (*FetchResult, error) {
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	res := &FetchResult{Next: in.Token}
	// progress is what the step returns on an error after its first page:
	// what is kept stays kept, and the next step meets the error again.
	progress := func(err error) (*FetchResult, error) {
		if res.Next != in.Token {
			return res, nil
		}
		return nil, err
	}
	var read *indexRead
	for range indexPagesPerStep {
		page := in
		page.Token = res.Next
		var kept chan error
		if read != nil {
			page.Token = read.next
			kept = make(chan error, 1)
			go func(r *indexRead) { kept <- a.keepIndexPage(ctx, r, m) }(read)
		}
		next, err := a.readIndexPage(ctx, page, d, m)
		if kept != nil {
			if kerr := <-kept; kerr != nil {
				return progress(kerr)
			}
			res.Next, res.Done = read.next, read.done
			activity.RecordHeartbeat(ctx)
		}
		if err != nil {
			return progress(err)
		}
		read = next
		if read.done {
			break
		}
	}
	if err := a.keepIndexPage(ctx, read, m); err != nil {
		return progress(err)
	}
	res.Next, res.Done = read.next, read.done
	return res, nil
}

// indexPagesPerStep is how many Salesforce pages one index step reads: more
// mean fewer steps (and history events), at two pages' memory whatever
// the number.
const indexPagesPerStep = 4

// indexRead is an index page read and not yet kept.
type indexRead struct {
	in          StepInput
	rows        []salesforce.Record
	next        string
	done, ahead bool
}

// readIndexPage reads the page at in.Token: ids and emails, or whole rows
// where it reads ahead for the Salesforce phase.
func (a *Activities) readIndexPage(ctx context.Context, in StepInput, d pairs.Pair, m *mapping.Pair) (*indexRead, error) {
	r := &indexRead{in: in, ahead: readsAhead(d, m)}
	fields := []string{"Id", "Email", "IsDeleted", "SystemModstamp"}
	if r.ahead {
		fields = m.SourceFields(d.Always...)
	}
	var err error
	r.rows, r.next, r.done, err = a.scan(ctx, in, fields, d.Salesforce, m.Filter, true)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// keepIndexPage records a page's claims and, reading ahead, stages it for
// the Salesforce phase.
func (a *Activities) keepIndexPage(ctx context.Context, r *indexRead, m *mapping.Pair) error {
	claims := make([]store.EmailClaim, 0, len(r.rows))
	for _, row := range r.rows {
		email := row.String("Email")
		if deleted, _ := row["IsDeleted"].(bool); deleted {
			email = ""
		}
		claims = append(claims, store.EmailClaim{SalesforceID: row.ID(), Email: email})
	}
	if err := a.Store.SaveEmailClaims(ctx, r.in.Pair, claims); err != nil {
		return err
	}
	if !r.ahead {
		return nil
	}
	return a.stageAhead(ctx, r.in, m, r.rows, readHead{Next: r.next, Done: r.done})
}

// readsAhead tells whether the index scan reads what the Salesforce phase
// would: the same filter, so the same rows, deleted ones aside.
func readsAhead(d pairs.Pair, m *mapping.Pair) bool {
	return scanFilter(d, m) == m.Filter
}

// readHead is where a page read ahead leaves the scan, and how many of its
// rows the Salesforce phase gets.
type readHead struct {
	Next string `json:"next"`
	Done bool   `json:"done"`
	Rows int    `json:"rows"`
}

// stageAhead stages an index page as the Salesforce phase's page for the
// same position, without the deleted rows that phase would not read.
func (a *Activities) stageAhead(ctx context.Context, in StepInput, m *mapping.Pair, rows []salesforce.Record, head readHead) error {
	deletes := m.CarriesDeletes(record.Salesforce)
	p := page{Salesforce: make([]record.Record, 0, len(rows))}
	for _, r := range rows {
		if deleted, _ := r["IsDeleted"].(bool); deleted && !deletes {
			continue
		}
		p.Salesforce = append(p.Salesforce, salesforceRecord(r))
	}
	head.Rows = len(p.Salesforce)
	key := pageKey(PhaseSalesforce, in.Token)
	if head.Rows > 0 {
		if err := a.stage(ctx, in, stagedPage, key, p); err != nil {
			return err
		}
	}
	// The head goes last: once it is there, the page is.
	return a.stage(ctx, in, stagedHead, key, head)
}

// readAhead is the Salesforce phase's page the index staged at the
// step's position, if it did.
func (a *Activities) readAhead(ctx context.Context, in StepInput) (*FetchResult, bool, error) {
	key := pageKey(PhaseSalesforce, in.Token)
	got, err := a.Store.Staged(ctx, in.Run, in.Pair, stagedHead, []string{key})
	if err != nil {
		return nil, false, err
	}
	data, ok := got[key]
	if !ok {
		return nil, false, nil
	}
	var head readHead
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, false, fmt.Errorf("read staged %s %s: %w", stagedHead, key, err)
	}
	res := &FetchResult{Next: head.Next, Done: head.Done, Counts: Counts{Fetched: head.Rows}}
	if head.Rows > 0 {
		res.Page = key
	}
	return res, true, nil
}
