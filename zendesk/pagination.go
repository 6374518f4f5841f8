package zendesk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// MaxPageSize is the largest page[size] list endpoints accept.
const MaxPageSize = 100

// ListOptions selects one page of a cursor-paginated list.
type ListOptions struct {
	Role     string // users only: end-user, agent or admin
	PageSize int    // 1..100, default 100
	After    string // cursor from the previous page's CursorPage.AfterCursor
	Sort     string // ticket comments only: SortOldestFirst (default) or SortNewestFirst
}

// Comment orders for ListOptions.Sort.
const (
	SortOldestFirst = "created_at"
	SortNewestFirst = "-created_at"
)

// CursorPage is where a cursor-paginated list stands after one page.
type CursorPage struct {
	HasMore      bool
	AfterCursor  string
	BeforeCursor string
	Next         string // links.next
	Prev         string // links.prev
}

// cursorEnvelope is the shared part of every cursor-paginated response.
type cursorEnvelope struct {
	Meta *struct {
		HasMore      bool   `json:"has_more"`
		AfterCursor  string `json:"after_cursor"`
		BeforeCursor string `json:"before_cursor"`
	} `json:"meta"`
	Links struct {
		Next string `json:"next"`
		Prev string `json:"prev"`
	} `json:"links"`
}

// check rejects an offset-style answer: without meta the client cannot tell
// whether there are more pages.
func (e cursorEnvelope) check() error {
	if e.Meta == nil {
		return errors.New(`response has no "meta" for cursor pagination`)
	}
	if e.Meta.HasMore && e.Meta.AfterCursor == "" {
		return errors.New("meta.has_more is true but meta.after_cursor is empty")
	}
	return nil
}

func (e cursorEnvelope) page() *CursorPage {
	return &CursorPage{
		HasMore:      e.Meta.HasMore,
		AfterCursor:  e.Meta.AfterCursor,
		BeforeCursor: e.Meta.BeforeCursor,
		Next:         e.Links.Next,
		Prev:         e.Links.Prev,
	}
}

// values turns opts into the page[size]/page[after] query.
func (o *ListOptions) values() (url.Values, error) {
	q := url.Values{}
	size := MaxPageSize
	if o != nil && o.PageSize != 0 {
		size = o.PageSize
	}
	if size < 1 || size > MaxPageSize {
		return nil, fmt.Errorf("page size %d outside 1..%d", size, MaxPageSize)
	}
	q.Set("page[size]", strconv.Itoa(size))
	if o != nil && o.After != "" {
		q.Set("page[after]", o.After)
	}
	if o != nil && o.Sort != "" {
		q.Set("sort", o.Sort)
	}
	return q, nil
}

// walkCursor yields every item of every page, fetching the next page only
// when the consumer asks for more. It stops with an error when a cursor
// repeats, which would otherwise loop forever.
func walkCursor[T any](ctx context.Context, opts *ListOptions, list func(context.Context, *ListOptions) ([]T, *CursorPage, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var o ListOptions
		if opts != nil {
			o = *opts
		}
		seen := map[string]bool{}
		for {
			items, page, err := list(ctx, &o)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !page.HasMore {
				return
			}
			if seen[page.AfterCursor] {
				var zero T
				yield(zero, fmt.Errorf("zendesk: pagination: cursor %q repeated", page.AfterCursor))
				return
			}
			seen[page.AfterCursor] = true
			o.After = page.AfterCursor
		}
	}
}
