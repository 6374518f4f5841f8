package zendesk

import (
	"fmt"
	"iter"
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
