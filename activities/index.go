package activities

import (
	"context"
	"fmt"

	"github.com/crmsync/crmsync/store"
)

// IndexEmails records which contacts hold which email, one page at a time,
// before any contact is written: two contacts sharing an email must both
// be held back, and a later page may hold the second one. Deleted rows are
// read too so that they give up their email.
func (a *Activities) IndexEmails(ctx context.Context, in IndexInput) (*IndexResult, error) {
	o := a.opts()
	fields := []string{"Id", "Email", "IsDeleted", "SystemModstamp"}
	p, err := a.fetchPage(ctx, fields, "Contact", a.Mapping.Filter(sobject(Contacts)), in.Since, in.After, o.PageSize, true)
	if pause := a.pauseFor(err); pause != nil {
		return &IndexResult{Next: in.After, Pause: pause}, nil
	}
	if err != nil {
		return nil, classify("index contact emails", err, o.DailyLimitWait)
	}
	claims := make([]store.EmailClaim, 0, len(p.records))
	for _, r := range p.records {
		email := r.String("Email")
		if deleted, _ := r["IsDeleted"].(bool); deleted {
			email = ""
		}
		claims = append(claims, store.EmailClaim{SalesforceID: r.ID(), Email: email})
	}
	if err := a.Store.SaveEmailClaims(ctx, Contacts, claims); err != nil {
		return nil, fmt.Errorf("save contact email index: %w", err)
	}
	return &IndexResult{Next: p.next, Done: p.done, Indexed: len(claims)}, nil
}
