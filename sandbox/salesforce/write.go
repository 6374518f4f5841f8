package salesforce

import (
	"fmt"
	"maps"
	"time"
)

// insert validates changes as a new row of t and creates it; it returns
// the record errors instead when the save is refused.
func (s *store) insert(t *table, changes map[string]any, now time.Time) (*record, func(), []recordError) {
	if errs := s.check(t, nil, changes); len(errs) > 0 {
		return nil, nil, errs
	}
	r, undo := s.create(t, changes, now)
	return r, undo, nil
}

// create inserts a validated record and returns it with an undo that
// removes it again (for allOrNone rollback).
func (s *store) create(t *table, changes map[string]any, now time.Time) (*record, func()) {
	r := &record{f: make(map[string]any, len(t.obj.Fields))}
	for _, f := range t.obj.Fields {
		r.f[f.Name] = nil
		switch d := f.Default.(type) {
		case nil:
		case ownerDefault:
			if s.ownerID != "" {
				r.f[f.Name] = s.ownerID
			}
		default:
			r.f[f.Name] = d
		}
	}
	maps.Copy(r.f, changes)
	r.f["Id"] = t.newID()
	stampCreate(r, now)
	if t.obj.Name == "Case" {
		s.caseSeq++
		r.f["CaseNumber"] = fmt.Sprintf("%08d", s.caseSeq)
	}
	derive(t.obj, r, nil, now)
	t.insert(r)
	return r, func() {
		t.unindex(r)
		delete(t.byID, r.id())
		t.rows = t.rows[:len(t.rows)-1]
	}
}

// update applies validated changes to r and returns an undo.
func (s *store) update(t *table, r *record, changes map[string]any, now time.Time) func() {
	before := r.f
	s.replace(t, r, func(next map[string]any) {
		maps.Copy(next, changes)
		next["LastModifiedDate"], next["SystemModstamp"] = now, now
	})
	derive(t.obj, r, before, now)
	return func() { s.replace(t, r, func(next map[string]any) { maps.Copy(next, before) }) }
}

// replace gives r a new field map built by edit, keeping indexes right.
// Maps are replaced, never edited, so snapshots taken earlier stay valid.
func (s *store) replace(t *table, r *record, edit func(map[string]any)) {
	next := maps.Clone(r.f)
	edit(next)
	t.unindex(r)
	r.f = next
	t.index(r)
}

// softDelete moves r to the recycle bin. As in a real org, the rows that
// belong to it go with it (an account's contacts, a case's comments), and
// lookups to the deleted row are cleared: a system change that moves
// SystemModstamp but not LastModifiedDate. Every row it changes is saved
// in log first (nil saves nothing).
func (s *store) softDelete(t *table, r *record, now time.Time, log *undoLog) int {
	log.save(t, r)
	s.replace(t, r, func(next map[string]any) {
		next["IsDeleted"], next["SystemModstamp"] = true, now
	})
	r.deletedAt = now
	n := 1
	id := r.id()
	for _, child := range s.schema.ordered {
		for _, f := range child.Fields {
			if !f.Cascade || f.ReferenceTo != t.obj.Name {
				continue
			}
			rows := s.tables[child.Name]
			for _, c := range rows.rows {
				if c.f[f.Name] == id && !c.deleted() {
					n += s.softDelete(rows, c, now, log)
				}
			}
		}
	}
	for _, other := range s.tables {
		for _, f := range other.obj.Fields {
			if f.ReferenceTo != t.obj.Name || !f.Updateable {
				continue
			}
			for _, row := range other.rows {
				if row.f[f.Name] == id && !row.deleted() {
					log.save(other, row)
					s.replace(other, row, func(next map[string]any) {
						next[f.Name], next["SystemModstamp"] = nil, now
					})
				}
			}
		}
	}
	return n
}

// undoLog keeps rows as they were before a change that touches more than
// one row, so that an allOrNone request can put them all back.
type undoLog struct{ saved []savedRow }

type savedRow struct {
	t         *table
	r         *record
	f         map[string]any
	deletedAt time.Time
}

// save remembers r before a change; field maps are replaced, never edited,
// so keeping the map keeps the values.
func (u *undoLog) save(t *table, r *record) {
	if u != nil {
		u.saved = append(u.saved, savedRow{t: t, r: r, f: r.f, deletedAt: r.deletedAt})
	}
}

// undo restores the saved rows, the latest change first.
func (u *undoLog) undo() {
	for i := len(u.saved) - 1; i >= 0; i-- {
		sv := u.saved[i]
		sv.t.unindex(sv.r)
		sv.r.f, sv.r.deletedAt = sv.f, sv.deletedAt
		sv.t.index(sv.r)
	}
}
