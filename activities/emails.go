package activities

import (
	"context"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/record"
)

// sharedEmails is, per pair, a digest of each email two or more of its
// records claim. The index is complete before any page of the pair is
// resolved, so a run reads the shared emails once; a page then asks the
// store only for its emails that are shared (few) instead of all of them.
// Digests keep the run's memory at 8 bytes a shared email.
type sharedEmails map[string]map[uint64]bool

// duplicates returns the claimants of the page's emails that more than
// one record of the pair claims.
func (a *Activities) duplicates(ctx context.Context, run, pair string, recs []record.Record) (map[string][]string, error) {
	var shared map[uint64]bool
	err := a.shared.with(run, a.now(), func() sharedEmails { return sharedEmails{} }, func(s *sharedEmails) error {
		if got, ok := (*s)[pair]; ok {
			shared = got
			return nil
		}
		emails, err := a.Store.SharedEmails(ctx, pair)
		if err != nil {
			return err
		}
		shared = make(map[uint64]bool, len(emails))
		for e := range emails {
			shared[digest(e)] = true
		}
		(*s)[pair] = shared
		return nil
	})
	if err != nil {
		return nil, err
	}
	emails := emailsOf(recs, func(e string) bool { return shared[digest(e)] })
	if len(emails) == 0 {
		return nil, nil
	}
	return a.Store.EmailClaimants(ctx, pair, emails)
}

// claimants reads a pair's email index for the emails of a page.
func (a *Activities) claimants(ctx context.Context, pair string, use bool, recs []record.Record) (map[string][]string, error) {
	if !use || len(recs) == 0 {
		return nil, nil
	}
	return a.Store.EmailClaimants(ctx, pair, emailsOf(recs, func(string) bool { return true }))
}

// emailsOf is the emails of records, those that keep says.
func emailsOf(recs []record.Record, keep func(email string) bool) []string {
	var out []string
	for _, r := range recs {
		if e := emailOf(&r); e != "" && keep(e) {
			out = append(out, e)
		}
	}
	return out
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
