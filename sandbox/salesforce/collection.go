package salesforce

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
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
	raw, err := io.ReadAll(io.LimitReader(a.r.Body, maxBody))
	if err != nil {
		writeRequestError(a.w, jsonParserError("could not read request body"))
		return
	}
	var body struct {
		AllOrNone bool             `json:"allOrNone"`
		Records   []map[string]any `json:"records"`
	}
	if e := decodeBody(raw, &body); e != nil {
		writeRequestError(a.w, e)
		return
	}
	if len(body.Records) > maxCollection {
		writeError(a.w, http.StatusBadRequest, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call")
		return
	}
	// Deserialization errors fail the whole request, before any write.
	changes := make([]map[string]any, len(body.Records))
	for i, rec := range body.Records {
		c, e := decodeFields(o, rec)
		if e != nil {
			writeRequestError(a.w, e)
			return
		}
		changes[i] = c
	}
	results := make([]collectionResult, len(changes))
	pre := s.precheck(o, f, body.Records, changes)
	st := s.store
	st.mu.Lock()
	var undos []func()
	failed := false
	for i, c := range changes {
		if pre[i] != nil {
			results[i] = collectionResult{Errors: []recordError{*pre[i]}}
			failed = true
			continue
		}
		key := c[f.Name]
		res, undo, _, matches := s.upsert(o, f, key, c)
		switch {
		case len(matches) > 0:
			results[i] = collectionResult{Errors: []recordError{{Code: "DUPLICATE_EXTERNAL_ID", Fields: []string{},
				Message: "more than one record found for external id field: " + strings.Join(ids(matches), ", ")}}}
			failed = true
		case !res.Success:
			results[i] = collectionResult{Errors: res.Errors}
			failed = true
		default:
			results[i] = collectionResult{ID: res.ID, Success: true, Errors: []recordError{}, Created: res.Created}
			undos = append(undos, undo)
		}
	}
	written := len(undos)
	if failed && body.AllOrNone {
		for i := len(undos) - 1; i >= 0; i-- {
			undos[i]()
		}
		written = 0
		for i := range results {
			if results[i].Success {
				results[i] = collectionResult{Errors: []recordError{{Code: "ALL_OR_NONE_OPERATION_ROLLED_BACK", Fields: []string{},
					Message: "Record rolled back because not all records were valid and the request was using AllOrNone header"}}}
			}
		}
	}
	st.mu.Unlock()
	if written > 0 {
		s.stats.Write(o.Name, written)
	}
	writeJSON(a.w, http.StatusOK, results)
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
