package salesforce

import (
	"encoding/json"
	"strings"
	"time"
)

// maxCollection is the sObject Collections record limit.
const maxCollection = 200

type collectionResult struct {
	ID      string        `json:"id,omitempty"`
	Success bool          `json:"success"`
	Errors  []recordError `json:"errors"`
	Created *bool         `json:"created,omitempty"`
}

// serveCollectionUpsert is PATCH composite/sobjects/{Obj}/{ExtField}: up
// to 200 records of one type, matched on the external id, answered 200
// with one result per record in order. With allOrNone one failure rolls
// every write back.
func (s *Server) serveCollectionUpsert(a *apiRequest, objName, extName string) {
	o := s.schema.object(objName)
	if o == nil {
		notFound(a.w)
		return
	}
	f := externalField(a, o, extName)
	if f == nil {
		return
	}
	body, ok := readCollection(a)
	if !ok {
		return
	}
	changes, ok := decodeRecords(a, body.Records, func(int) *object { return o })
	if !ok {
		return
	}
	pre := s.precheck(o, f, body.Records, changes)
	s.runBatch(a, len(changes), body.AllOrNone, func(b *batch, i int, _ time.Time) {
		if pre[i] != nil {
			b.fail(i, *pre[i])
			return
		}
		c := changes[i]
		res, undo, _, matches := s.upsert(o, f, c[f.Name], c)
		switch {
		case len(matches) > 0:
			b.fail(i, recordError{Code: "DUPLICATE_EXTERNAL_ID",
				Message: "more than one record found for external id field: " + strings.Join(ids(matches), ", ")})
		case !res.Success:
			b.fail(i, res.Errors...)
		default:
			b.done(i, o, collectionResult{ID: res.ID, Success: true, Errors: []recordError{}, Created: res.Created}, undo)
		}
	})
}

// precheck finds the per-record errors that need no data: wrong type, an
// Id given, no external id, or one external id twice in the request.
func (s *Server) precheck(o *object, f *field, records []map[string]any, changes []map[string]any) []*recordError {
	out := make([]*recordError, len(records))
	seen := map[string][]int{}
	for i, rec := range records {
		attrs, _ := rec["attributes"].(map[string]any)
		typ, _ := attrs["type"].(string)
		switch {
		case !strings.EqualFold(typ, o.Name):
			out[i] = &recordError{Code: "INVALID_TYPE", Fields: []string{},
				Message: "each record must give attributes.type " + o.Name + ", the collection's object"}
		case hasKey(changes[i], "Id"):
			e := idInUpsert()
			out[i] = &e
		case changes[i][f.Name] == nil:
			out[i] = &recordError{Code: "MISSING_ARGUMENT", Fields: []string{f.Name},
				Message: "Missing external ID field value: " + f.Name}
		default:
			k, _ := indexKey(changes[i][f.Name])
			seen[k] = append(seen[k], i)
		}
	}
	for _, idx := range seen {
		if len(idx) < 2 {
			continue
		}
		for _, i := range idx {
			v, _ := json.Marshal(changes[i][f.Name])
			out[i] = &recordError{Code: "DUPLICATE_EXTERNAL_ID", Fields: []string{},
				Message: "Duplicate external id specified: " + strings.Trim(string(v), `"`)}
		}
	}
	return out
}

func ids(rows []*record) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.id()
	}
	return out
}

func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}
