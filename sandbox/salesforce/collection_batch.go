package salesforce

import (
	"io"
	"net/http"
	"time"
)

// collectionBody is the body of the sObject Collections writes.
type collectionBody struct {
	AllOrNone bool             `json:"allOrNone"`
	Records   []map[string]any `json:"records"`
}

// readCollection reads a collection body and refuses one of more than 200
// records; on failure it has answered the request.
func readCollection(a *apiRequest) (collectionBody, bool) {
	var body collectionBody
	raw, err := io.ReadAll(io.LimitReader(a.r.Body, maxBody))
	if err != nil {
		writeRequestError(a.w, jsonParserError("could not read request body"))
		return body, false
	}
	if e := decodeBody(raw, &body); e != nil {
		writeRequestError(a.w, e)
		return body, false
	}
	if len(body.Records) > maxCollection {
		writeOverLimit(a.w)
		return body, false
	}
	return body, true
}

func writeOverLimit(w http.ResponseWriter) {
	writeError(w, http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call")
}

// decodeRecords decodes each record as the object objOf gives for it; a
// record with no object gets nil changes, for its own error later.
// Deserialization errors fail the whole request, before any write, as in
// the real API; then it has answered the request.
func decodeRecords(a *apiRequest, records []map[string]any, objOf func(i int) *object) ([]map[string]any, bool) {
	changes := make([]map[string]any, len(records))
	for i, rec := range records {
		o := objOf(i)
		if o == nil {
			continue
		}
		c, e := decodeFields(o, rec)
		if e != nil {
			writeRequestError(a.w, e)
			return nil, false
		}
		changes[i] = c
	}
	return changes, true
}

// batch gathers a collection request's results in request order and the
// undo of every write, so that allOrNone can take them all back.
type batch struct {
	results []collectionResult
	undos   []func()
	objects []string // the object of each write, for the stats
	failed  bool
}

func newBatch(n int) *batch { return &batch{results: make([]collectionResult, n)} }

// fail records why record i was not written. A failed result carries no
// id, as a SaveResult of a failed write does not.
func (b *batch) fail(i int, errs ...recordError) {
	for j := range errs {
		if errs[j].Fields == nil {
			errs[j].Fields = []string{}
		}
	}
	b.results[i] = collectionResult{Errors: errs}
	b.failed = true
}

// done records the write of record i, an object of o, and its undo.
func (b *batch) done(i int, o *object, res collectionResult, undo func()) {
	b.results[i] = res
	b.undos = append(b.undos, undo)
	b.objects = append(b.objects, o.Name)
}

// finish rolls every write back when a record failed under allOrNone, and
// reports the records that had succeeded as rolled back. Call it with the
// store locked.
func (b *batch) finish(allOrNone bool) {
	if !b.failed || !allOrNone {
		return
	}
	for i := len(b.undos) - 1; i >= 0; i-- {
		b.undos[i]()
	}
	b.undos, b.objects = nil, nil
	for i := range b.results {
		if b.results[i].Success {
			b.results[i] = collectionResult{Errors: []recordError{{Code: "ALL_OR_NONE_OPERATION_ROLLED_BACK", Fields: []string{},
				Message: "Record rolled back because not all records were valid and the request was using AllOrNone header"}}}
		}
	}
}

// runBatch writes the n records of a collection request one by one under
// the store's write lock, rolls them back if allOrNone asks, and answers.
func (s *Server) runBatch(a *apiRequest, n int, allOrNone bool, write func(b *batch, i int, now time.Time)) {
	b := newBatch(n)
	s.store.mu.Lock()
	now := s.now()
	for i := range n {
		write(b, i, now)
	}
	b.finish(allOrNone)
	s.store.mu.Unlock()
	s.answer(a, b)
}

// answer counts the writes that stand and sends the results.
func (s *Server) answer(a *apiRequest, b *batch) {
	written := map[string]int{}
	for _, name := range b.objects {
		written[name]++
	}
	for name, n := range written {
		s.stats.Write(name, n)
	}
	writeJSON(a.w, http.StatusOK, b.results)
}

// runTypedBatch reads a collection body whose records each name their
// object in attributes.type, decodes them, and writes them one by one
// with write; a record of no known object fails with INVALID_TYPE first.
func (s *Server) runTypedBatch(a *apiRequest, write func(b *batch, i int, o *object, changes map[string]any, now time.Time)) {
	body, ok := readCollection(a)
	if !ok {
		return
	}
	objs := make([]*object, len(body.Records))
	for i, rec := range body.Records {
		objs[i] = s.schema.object(recordType(rec))
	}
	changes, ok := decodeRecords(a, body.Records, func(i int) *object { return objs[i] })
	if !ok {
		return
	}
	s.runBatch(a, len(changes), body.AllOrNone, func(b *batch, i int, now time.Time) {
		if objs[i] == nil {
			b.fail(i, errRecordType(recordType(body.Records[i])))
			return
		}
		write(b, i, objs[i], changes[i], now)
	})
}
