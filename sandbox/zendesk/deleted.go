package zendesk

import "slices"

// withDeleted lists the live records' ids and then the deleted ones', for
// an export that reports both.
func withDeleted[T any](live []int64, deleted map[int64]*T) []int64 {
	ids := slices.Grow(slices.Clone(live), len(deleted))
	for id := range deleted {
		ids = append(ids, id)
	}
	return ids
}

// liveOrDeleted finds a record among the live ones or the deleted ones.
func liveOrDeleted[T any](live, deleted map[int64]*T, id int64) *T {
	if r, ok := live[id]; ok {
		return r
	}
	return deleted[id]
}
