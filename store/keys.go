package store

import "sort"

// sortedUnique returns the distinct keys in ascending order: writers touch
// rows in this one sequence, so concurrent transactions cannot deadlock on
// each other's rows.
func sortedUnique(keys []string) []string {
	out := make([]string, 0, len(keys))
	seen := make(map[string]bool, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
