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
// pages, so a pair is read from Salesforce once, not twice.
func (a *Activities) fetchIndex(ctx context.Context, in StepInput) (*FetchResult, error) {
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	res := &FetchResult{Next: in.Token}
	for range indexPagesPerStep {
		page := in
		page.Token = res.Next
		next, done, err := a.indexPage(ctx, page, d, m)
		if err != nil {
			if res.Next != in.Token {
				// What is read is kept; the next step meets the error again.
				return res, nil
			}
			return nil, err
		}
		res.Next, res.Done = next, done
		if done {
			break
		}
		activity.RecordHeartbeat(ctx)
	}
	return res, nil
}

// indexPagesPerStep is how many Salesforce pages one index step reads: two
// halve the phase's steps (and history events) at a page's memory twice.
const indexPagesPerStep = 2

// indexPage records the claims of the page at in.Token and, reading
// ahead, stages it for the Salesforce phase.
func (a *Activities) indexPage(ctx context.Context, in StepInput, d pairs.Pair, m *mapping.Pair) (string, bool, error) {
	ahead := readsAhead(d, m)
	fields := []string{"Id", "Email", "IsDeleted", "SystemModstamp"}
	if ahead {
		fields = m.SourceFields(d.Always...)
	}
	rows, next, done, err := a.scan(ctx, in, fields, d.Salesforce, m.Filter, true)
	if err != nil {
		return "", false, err
	}
	claims := make([]store.EmailClaim, 0, len(rows))
	for _, r := range rows {
		email := r.String("Email")
		if deleted, _ := r["IsDeleted"].(bool); deleted {
			email = ""
		}
		claims = append(claims, store.EmailClaim{SalesforceID: r.ID(), Email: email})
	}
	if err := a.Store.SaveEmailClaims(ctx, in.Pair, claims); err != nil {
		return "", false, err
	}
	if ahead {
		if err := a.stageAhead(ctx, in, m, rows, readHead{Next: next, Done: done}); err != nil {
			return "", false, err
		}
	}
	return next, done, nil
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
