package zendesk

import "time"

// kind is what the endpoints shared by users, organizations and tickets
// need to know about one record type: R as stored, J as rendered and I as
// a request carries it.
type kind[R, J, I any] struct {
	one, many string // JSON keys ("user", "users"); many also names the type in stats and job types
	records   func(*store) map[int64]*R
	order     func(*store) []int64 // ids in list order
	render    func(*R, string) J
	keyOf     func(*I) *recordKey
	// byExt finds a record by external id; nil for a type whose endpoints
	// take ids only.
	byExt func(st *store, ext string) (int64, bool)

	create func(*store, *I, time.Time) outcome
	update func(*store, int64, *I, time.Time) outcome
	upsert func(*store, *I, time.Time) outcome
	remove func(*store, int64, time.Time) outcome

	// createError and updateError name a failed write in a job result.
	createError, updateError string
	// describe adds what the type's job results carry about the record.
	describe func(*R, *jobResult)
	// attach adds what a single-record write answers with beside the
	// record (a ticket's audit); nil for nothing. It runs under the lock.
	attach func(rec *R, out outcome, resp map[string]any)
}

// recordKey is how a request body names a record: by id, or by external
// id. Every input embeds it.
type recordKey struct {
	ID         opt[flexID]     `json:"id"`
	ExternalID opt[flexString] `json:"external_id"`
}

// renderIDs renders the records with ids that exist; call with s.mu held.
func (k *kind[R, J, I]) renderIDs(st *store, base string, ids []int64) []J {
	records := k.records(st)
	out := make([]J, 0, len(ids))
	for _, id := range ids {
		if r, ok := records[id]; ok {
			out = append(out, k.render(r, base))
		}
	}
	return out
}

// resolve finds the record a bulk update names.
func (k *kind[R, J, I]) resolve(st *store, t target) (int64, bool) {
	switch {
	case t.id != 0:
		return t.id, true
	case t.ext == "" || k.byExt == nil:
		return 0, false
	}
	return k.byExt(st, t.ext)
}

// result turns a write's outcome into the record's job result.
func (k *kind[R, J, I]) result(st *store, index int, out outcome) jobResult {
	code := k.createError
	if out.id != 0 {
		code = k.updateError
	}
	r := result(index, out, code)
	if rec, ok := k.records(st)[out.id]; ok && r.Status != "Failed" {
		k.describe(rec, &r)
	}
	return r
}
