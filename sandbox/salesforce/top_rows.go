package salesforce

import (
	"container/heap"
	"sort"
)

// topRows keeps the first k rows in ORDER BY order while a scan offers
// them, ties in scan order (as a stable sort would): a max-heap whose top
// is the row to drop first.
type topRows struct {
	p     *plan
	k     int
	items []topItem
}

type topItem struct {
	r    *record
	keys []any
	seq  int
}

func (t *topRows) offer(st *store, r *record, seq int) {
	if t.k == 0 {
		return
	}
	it := topItem{r: r, keys: t.p.keys(st, r), seq: seq}
	if len(t.items) < t.k {
		heap.Push(t, it)
		return
	}
	if t.before(it, t.items[0]) {
		t.items[0] = it
		heap.Fix(t, 0)
	}
}

// rows are the kept rows in order, their values copied. Runs under the
// read lock.
func (t *topRows) rows(st *store) []snapRow {
	sort.Slice(t.items, func(a, b int) bool { return t.before(t.items[a], t.items[b]) })
	out := make([]snapRow, len(t.items))
	for i, it := range t.items {
		out[i] = t.p.snapshot(st, it.r)
	}
	return out
}

func (t *topRows) before(a, b topItem) bool {
	if c := t.p.compareKeys(a.keys, b.keys); c != 0 {
		return c < 0
	}
	return a.seq < b.seq
}

// heap.Interface, greatest first.
func (t *topRows) Len() int           { return len(t.items) }
func (t *topRows) Less(a, b int) bool { return t.before(t.items[b], t.items[a]) }
func (t *topRows) Swap(a, b int)      { t.items[a], t.items[b] = t.items[b], t.items[a] }
func (t *topRows) Push(x any)         { t.items = append(t.items, x.(topItem)) }
func (t *topRows) Pop() any {
	it := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return it
}
