package activities

import (
	"context"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/record"
)

// sharedEmails is, per pair, the emails two or more of its records claim,
// with their ids. The index is complete before any page of the pair is
// resolved, so a run reads it once, not email by email on every page.
type sharedEmails map[string]map[string][]string

func (a *Activities) sharedEmailsOf(ctx context.Context, run, pair string) (map[string][]string, error) {
	var out map[string][]string
	err := a.shared.with(run, a.now(), func() sharedEmails { return sharedEmails{} }, func(s *sharedEmails) error {
		if got, ok := (*s)[pair]; ok {
			out = got
			return nil
		}
		got, err := a.Store.SharedEmails(ctx, pair)
		if err != nil {
			return err
		}
		(*s)[pair], out = got, got
		return nil
	})
	return out, err
}

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
