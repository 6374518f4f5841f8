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

// run executes the plan, copying the matching rows' slot values.
// withDeleted is queryAll's view. For COUNT() queries only the count is
// returned.
func (s *Server) run(p *plan, withDeleted bool) (rows []snapRow, count int) {
	if p.byStamp {
		return s.runByStamp(p, withDeleted)
	}
	return s.scan(p, withDeleted)
}

// scan reads every row of the table: it copies the matching rows' slot
// values under the read lock, then sorts and cuts them outside it.
func (s *Server) scan(p *plan, withDeleted bool) (rows []snapRow, count int) {
	st := s.store
	// Without ORDER BY the scan may stop once OFFSET+LIMIT rows are in.
	stopAt := -1
	if len(p.order) == 0 && p.limit >= 0 {
		stopAt = p.limit + max(p.off, 0)
	}
	// With ORDER BY and LIMIT only the first OFFSET+LIMIT rows in order
	// are kept while scanning, not every match sorted: a keyset page
	// would otherwise cost a sort of every row after it.
	var top *topRows
	if len(p.order) > 0 && p.limit >= 0 && !p.count {
		top = &topRows{p: p, k: p.limit + max(p.off, 0)}
	}
	st.mu.RLock()
	t := st.table(p.obj)
	for _, r := range t.rows {
		if stopAt >= 0 && count >= stopAt {
			break
		}
		if !p.matches(r, withDeleted) {
			continue
		}
		count++
		if p.count {
			continue
		}
		if top != nil {
			top.offer(st, r, count)
			continue
		}
		rows = append(rows, p.snapshot(st, r))
	}
	if top != nil {
		rows = top.rows(st)
	}
	st.mu.RUnlock()
	if p.count {
		count = cut(count, p.off, p.limit)
		return nil, count
	}
	if len(p.order) > 0 && top == nil {
		p.sort(rows)
	}
	lo := min(max(p.off, 0), len(rows))
	rows = rows[lo:]
	if p.limit >= 0 && p.limit < len(rows) {
		rows = rows[:p.limit]
	}
	return rows, len(rows)
}

// matches is the WHERE clause, deleted rows left out but for queryAll.
func (p *plan) matches(r *record, withDeleted bool) bool {
	return (withDeleted || !r.deleted()) && (p.where == nil || p.where(r))
}

// snapshot copies a row's selected values. Runs under the read lock.
func (p *plan) snapshot(st *store, r *record) snapRow {
	vals := make([]any, len(p.slots))
	for i, path := range p.slots {
		vals[i] = st.get(path, r)
	}
	return snapRow{id: r.id(), vals: vals}
}

// keys are a row's ORDER BY values, folded for comparison.
func (p *plan) keys(st *store, r *record) []any {
	k := make([]any, len(p.order))
	for j, o := range p.order {
		k[j] = sortKey(o.cat, st.get(p.slots[o.slot], r))
	}
	return k
}

// compareKeys orders two rows' keys by the ORDER BY clause.
func (p *plan) compareKeys(ka, kb []any) int {
	for j, o := range p.order {
		x, y := ka[j], kb[j]
		switch {
		case x == nil && y == nil:
			continue
		case x == nil:
			if o.nullsLast {
				return 1
			}
			return -1
		case y == nil:
			if o.nullsLast {
				return -1
			}
			return 1
		}
		c := compare(x, y)
		if c == 0 {
			continue
		}
		if o.desc {
			return -c
		}
		return c
	}
	return 0
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
	sort.SliceStable(idx, func(a, b int) bool { return p.compareKeys(keys[idx[a]], keys[idx[b]]) < 0 })
	sorted := make([]snapRow, len(rows))
	for i, j := range idx {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}
