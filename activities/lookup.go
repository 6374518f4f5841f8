package activities

import (
	"context"
	"fmt"

	"github.com/crmsync/crmsync/zendesk"
)

// listing is one kind of Zendesk record a run looks up by a key (users
// by email, organizations by name).
type listing[T any] interface {
	page(ctx context.Context, after string) ([]T, *zendesk.CursorPage, error)
	search(ctx context.Context, key string) ([]T, error)
	// key is what the run keeps a record under; index turns a key looked
	// up into that form.
	key(T) string
	index(key string) string
}

// runListing is what a run has listed of one kind of record, by key, and
// where the listing stopped: each page of the run continues it instead of
// starting again (which made a backfill's look-ups grow with the square of
// its size).
type runListing[T any] struct {
	byKey    map[string]T
	after    string
	complete bool
}

// lookUp finds the records with the given keys in at most two calls per
// key still unknown to the run: it continues the run's listing by at most
// as many pages (of 100) as there are such keys, and searches those the
// listing has not reached yet, one call each. Once the listing is
// complete, which a backfill's first pages reach, a key it lacks has no
// record and costs nothing, unless records may have been created since:
// a dry run creates none, a real run's other pages do (searchComplete).
func lookUp[T any](ctx context.Context, a *Activities, cache *perRun[runListing[T]], run string, keys []string,
	l listing[T], searchComplete bool) (map[string]T, error) {
	found := map[string]T{}
	if len(keys) == 0 {
		return found, nil
	}
	fresh := func() runListing[T] { return runListing[T]{byKey: map[string]T{}} }
	err := cache.with(run, a.now(), fresh, func(r *runListing[T]) error {
		missing := map[string]bool{}
		for _, k := range keys {
			if _, ok := r.byKey[l.index(k)]; !ok {
				missing[l.index(k)] = true
			}
		}
		for pages := 0; pages < len(missing) && !r.complete && anyMissing(missing, r.byKey); pages++ {
			recs, page, err := l.page(ctx, r.after)
			if err != nil {
				return err
			}
			for _, rec := range recs {
				if _, seen := r.byKey[l.key(rec)]; !seen {
					r.byKey[l.key(rec)] = rec
				}
			}
			r.after, r.complete = page.AfterCursor, !page.HasMore
		}
		for _, k := range keys {
			i := l.index(k)
			if _, ok := r.byKey[i]; ok || !missing[i] || (r.complete && !searchComplete) {
				continue
			}
			recs, err := l.search(ctx, k)
			if err != nil {
				return err
			}
			for _, rec := range recs {
				if l.key(rec) == i {
					r.byKey[i] = rec
				}
			}
			delete(missing, i)
		}
		for _, k := range keys {
			if rec, ok := r.byKey[l.index(k)]; ok {
				found[k] = rec
			}
		}
		return nil
	})
	return found, err
}

type userListing struct{ zd *zendesk.Client }

func (l userListing) page(ctx context.Context, after string) ([]zendesk.User, *zendesk.CursorPage, error) {
	users, page, err := l.zd.ListUsers(ctx, &zendesk.ListOptions{PageSize: zendesk.MaxPageSize, After: after})
	if err != nil {
		return nil, nil, fmt.Errorf("list users to match emails: %w", err)
	}
	return users, page, nil
}

func (l userListing) search(ctx context.Context, email string) ([]zendesk.User, error) {
	users, err := l.zd.SearchUsersByEmail(ctx, email)
	if err != nil {
		return nil, fmt.Errorf("look up user by email: %w", err)
	}
	return users, nil
}

func (userListing) key(u zendesk.User) string { return emailKey(u.Email) }
func (userListing) index(email string) string { return email }

type orgListing struct{ zd *zendesk.Client }

func (l orgListing) page(ctx context.Context, after string) ([]zendesk.Organization, *zendesk.CursorPage, error) {
	orgs, page, err := l.zd.ListOrganizations(ctx, &zendesk.ListOptions{PageSize: zendesk.MaxPageSize, After: after})
	if err != nil {
		return nil, nil, fmt.Errorf("list organizations to match names: %w", err)
	}
	return orgs, page, nil
}

func (l orgListing) search(ctx context.Context, name string) ([]zendesk.Organization, error) {
	orgs, err := l.zd.SearchOrganizationsByName(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("look up organization by name: %w", err)
	}
	return orgs, nil
}

func (orgListing) key(o zendesk.Organization) string { return nameKey(o.Name) }
func (orgListing) index(name string) string          { return name }

func anyMissing[T any](missing map[string]bool, known map[string]T) bool {
	for k := range missing {
		if _, ok := known[k]; !ok {
			return true
		}
	}
	return false
}
