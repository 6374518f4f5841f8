package salesforce

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
)

// A keyset page (WHERE ... SystemModstamp > T OR (SystemModstamp = T AND
// Id > X) ORDER BY SystemModstamp, Id LIMIT n) answered by a scan visits
// every row, so reading a table of N rows page by page visits N²/n. Read
// from the rows kept in that order, a page starts where its SystemModstamp
// bound allows and stops after n matches.

// stampFloor is a SystemModstamp key (as sortKey folds it) that every row
// matching e reaches; ok is false when e implies none. Only terms on the
// queried object's own SystemModstamp count, as the filter compares them:
// a row without one matches none of them.
func (s *schema) stampFloor(q string, o *object, e soql.Expr) (floor int64, ok bool) {
	switch x := e.(type) {
	case *soql.And:
		for _, t := range x.Terms {
			if f, tok := s.stampFloor(q, o, t); tok && (!ok || f > floor) {
				floor, ok = f, true
			}
		}
		return floor, ok
	case *soql.Or:
		for i, t := range x.Terms {
			f, tok := s.stampFloor(q, o, t)
			if !tok {
				return 0, false
			}
			if i == 0 || f < floor {
				floor = f
			}
		}
		return floor, true
	case *soql.Cond:
		if x.Value.Kind != soql.KindDateTime || x.Op != soql.OpGe && x.Op != soql.OpGt && x.Op != soql.OpEq {
			return 0, false
		}
		path, err := s.resolve(q, o, x.Field)
		if err != nil || len(path.hops) > 0 || path.leaf.Name != "SystemModstamp" {
			return 0, false
		}
		return x.Value.Time.UnixNano(), true
	}
	return 0, false
}

// inStampOrder reports whether rows in (SystemModstamp, Id) order come in
// the plan's ORDER BY order: SystemModstamp ascending, nulls first, then
// Id ascending or nothing more. Ties without the Id key come in scan order,
// which the stamp order does not keep, so that ORDER BY is left out.
func (p *plan) inStampOrder() bool {
	want := []string{"SystemModstamp", "Id"}
	if len(p.order) != len(want) {
		return false
	}
	for i, o := range p.order {
		path := p.slots[o.slot]
		if len(path.hops) > 0 || path.leaf.Name != want[i] || o.desc || o.nullsLast && i == 0 {
			return false
		}
	}
	return true
}

// stamped is a row with its (SystemModstamp, Id) key read out, so that
// sorting a large table compares keys, not map lookups. stamp is the
// SystemModstamp as the filter and ORDER BY fold it, in nanoseconds;
// null is a row without one, which ORDER BY puts first.
type stamped struct {
	stamp int64
	null  bool
	id    string
	r     *record
}

// compareStamped orders rows as ORDER BY SystemModstamp, Id does.
func compareStamped(a, b stamped) int {
	switch {
	case a.null != b.null:
		if a.null {
			return -1
		}
		return 1
	case a.stamp != b.stamp:
		return cmp.Compare(a.stamp, b.stamp)
	}
	return strings.Compare(a.id, b.id)
}

// stampOrdered returns the rows in (SystemModstamp, Id) order, sorting
// them again if a write came since the last call. Runs under the store's
// read lock, which keeps writes out while the caller reads the slice.
func (t *table) stampOrdered() []stamped {
	t.stampMu.Lock()
	defer t.stampMu.Unlock()
	if t.stale {
		t.byStamp = make([]stamped, len(t.rows))
		for i, r := range t.rows {
			// SystemModstamp is read-only and always set (load and
			// stampCreate), so a datetime or, at most, null.
			stamp, ok := sortKey(catTime, r.f["SystemModstamp"]).(int64)
			t.byStamp[i] = stamped{stamp: stamp, null: !ok, id: r.id(), r: r}
		}
		slices.SortFunc(t.byStamp, compareStamped)
		t.stale = false
	}
	return t.byStamp
}

// runByStamp answers the plan from the rows in stamp order, starting at
// its floor and, but for a COUNT, stopping once OFFSET+LIMIT rows match:
// the same rows in the same order as a scan, which it stands in for when
// p.byStamp is set.
func (s *Server) runByStamp(p *plan, withDeleted bool) (rows []snapRow, count int) {
	st := s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	ordered := st.table(p.obj).stampOrdered()
	from := 0
	if p.hasFloor {
		from = sort.Search(len(ordered), func(i int) bool { return !ordered[i].null && ordered[i].stamp >= p.floor })
	}
	skip := max(p.off, 0)
	for _, e := range ordered[from:] {
		r := e.r
		if !p.count && p.limit >= 0 && count >= skip+p.limit {
			break
		}
		if !p.matches(r, withDeleted) {
			continue
		}
		count++
		if !p.count && count > skip {
			rows = append(rows, p.snapshot(st, r))
		}
	}
	if p.count {
		return nil, cut(count, p.off, p.limit)
	}
	return rows, len(rows)
}
