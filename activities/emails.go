package activities

import (
	"context"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/record"
)

// claimants reads a pair's email index for the emails of a page.
func (a *Activities) claimants(ctx context.Context, pair string, use bool, recs []record.Record) (map[string][]string, error) {
	if !use || len(recs) == 0 {
		return nil, nil
	}
	var emails []string
	for _, r := range recs {
		if e := emailOf(&r); e != "" {
			emails = append(emails, e)
		}
	}
	return a.Store.EmailClaimants(ctx, pair, emails)
}

func emailOf(r *record.Record) string {
	e, _ := r.Get("Email").(string)
	return strings.ToLower(strings.TrimSpace(e))
}

func otherClaimants(claimants map[string][]string, r *record.Record) []string {
	e := emailOf(r)
	if e == "" {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(claimants[e]), func(id string) bool { return id == r.ID })
}
