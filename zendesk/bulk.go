package zendesk

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
)

func checkBulk(what string, n int) error {
	if n == 0 {
		return fmt.Errorf("no %s given", what)
	}
	if n > MaxBulk {
		return fmt.Errorf("%d %s given, at most %d per job", n, what, MaxBulk)
	}
	return nil
}

// bulkWrite is a bulk job endpoint: op names it in errors ("update
// tickets"), many and one name its records.
type bulkWrite struct {
	op, many, one string
	method, path  string
}

// startBulk queues the job of a bulk write of 1..100 records. With idOf,
// every record must carry its id; idOf also gives a name for the record
// that has none.
func startBulk[T any](ctx context.Context, c *Client, w bulkWrite, recs []T, body any, idOf func(T) (int64, string)) (*JobStatus, error) {
	if err := checkBulk(w.many, len(recs)); err != nil {
		return nil, fmt.Errorf("zendesk: %s: %w", w.op, err)
	}
	for i, r := range recs {
		if idOf == nil {
			break
		}
		if id, name := idOf(r); id == 0 {
			return nil, fmt.Errorf("zendesk: %s: %s %d (%q) has no id", w.op, w.one, i, name)
		}
	}
	return c.startJob(ctx, request{method: w.method, path: w.path, body: body})
}

// chunks splits s into pieces of at most n; it yields nothing for an empty s.
func chunks[T any](s []T, n int) iter.Seq[[]T] {
	return func(yield func([]T) bool) {
		for len(s) > 0 {
			k := min(n, len(s))
			if !yield(s[:k]) {
				return
			}
			s = s[k:]
		}
	}
}

// listQuery builds ?param=a,b,c, the form show_many and search take.
func listQuery(param string, values []string) url.Values {
	return url.Values{param: {strings.Join(values, ",")}}
}

// showMany GETs path once per MaxBulk keys, as ?param=a,b,c, and joins the
// items each answer's envelope E holds.
func showMany[E, T any](ctx context.Context, c *Client, path, param string, keys []string, items func(*E) []T) ([]T, error) {
	var all []T
	for chunk := range chunks(keys, MaxBulk) {
		var env E
		if _, err := c.do(ctx, request{method: http.MethodGet, path: path, query: listQuery(param, chunk)}, &env); err != nil {
			return nil, err
		}
		all = append(all, items(&env)...)
	}
	return all, nil
}
