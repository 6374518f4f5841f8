package salesforce

import (
	"sort"
)

// snapRow is a matching row's values copied at query time, so later pages
// are slices of the snapshot whatever writes happen meanwhile.
type snapRow struct {
	id   string
	vals []any
}

// get reads a field path from r, following references. Runs under the
// read lock.
func (st *store) get(p fieldPath, r *record) any {
	for _, h := range p.hops {
		id, _ := r.f[h.Name].(string)
		if id == "" {
			return nil
		}
		r = st.tables[h.ReferenceTo].byID[id]
		if r == nil {
			return nil
		}
	}
	return r.f[p.leaf.Name]
}

// run executes the plan: it copies the matching rows' slot values under
// the read lock, then sorts and cuts them outside it. withDeleted is
// queryAll's view. For COUNT() queries only the count is returned.
func (s *Server) run(p *plan, withDeleted bool) (rows []snapRow, count int) {
	st := s.store
	// Without ORDER BY the scan may stop once OFFSET+LIMIT rows are in.
	stopAt := -1
	if len(p.order) == 0 && p.limit >= 0 {
		stopAt = p.limit + max(p.off, 0)
	}
	st.mu.RLock()
	t := st.table(p.obj)
	for _, r := range t.rows {
		if stopAt >= 0 && count >= stopAt {
			break
		}
		if !withDeleted && r.deleted() {
			continue
		}
		if p.where != nil && !p.where(r) {
			continue
		}
		count++
		if p.count {
			continue
		}
		vals := make([]any, len(p.slots))
		for i, path := range p.slots {
			vals[i] = st.get(path, r)
		}
		rows = append(rows, snapRow{id: r.id(), vals: vals})
	}
	st.mu.RUnlock()
	if p.count {
		count = cut(count, p.off, p.limit)
		return nil, count
	}
	if len(p.order) > 0 {
		p.sort(rows)
	}
	lo := min(max(p.off, 0), len(rows))
	rows = rows[lo:]
	if p.limit >= 0 && p.limit < len(rows) {
		rows = rows[:p.limit]
	}
	return rows, len(rows)
}

func cut(n, off, limit int) int {
	n -= min(max(off, 0), n)
	if limit >= 0 && limit < n {
		n = limit
	}
	return n
}

func (p *plan) sort(rows []snapRow) {
	keys := make([][]any, len(rows))
	for i, r := range rows {
		k := make([]any, len(p.order))
		for j, o := range p.order {
			k[j] = sortKey(o.cat, r.vals[o.slot])
		}
		keys[i] = k
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		for j, o := range p.order {
			x, y := ka[j], kb[j]
			switch {
			case x == nil && y == nil:
				continue
			case x == nil:
				return !o.nullsLast
			case y == nil:
				return o.nullsLast
			}
			c := compare(x, y)
			if c == 0 {
				continue
			}
			if o.desc {
				return c > 0
			}
			return c < 0
		}
		return false
	})
	sorted := make([]snapRow, len(rows))
	for i, j := range idx {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}
