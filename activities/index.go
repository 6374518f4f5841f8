package activities

import (
	"context"

	"github.com/crmsync/crmsync/store"
)

// fetchIndex records which records hold which email, one page at a time,
// before any is written: two records sharing an email must both be held
// back, and a later page may hold the second one. Deleted rows are read
// too so that they give up their email.
func (a *Activities) fetchIndex(ctx context.Context, in StepInput) (*FetchResult, error) {
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	fields := []string{"Id", "Email", "IsDeleted", "SystemModstamp"}
	rows, next, done, err := a.scan(ctx, in, fields, d.Salesforce, m.Filter, true)
	if err != nil {
		return nil, err
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
		return nil, err
	}
	return &FetchResult{Next: next, Done: done}, nil
}
