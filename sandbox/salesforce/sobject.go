package salesforce

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxBody bounds request bodies; 200 records of large text stay well under.
const maxBody = 50 << 20

// readChanges reads a request body that must be a JSON object of o's
// fields into the values to store; on failure it has answered the request.
func readChanges(a *apiRequest, o *object) (map[string]any, bool) {
	body, e := readObject(a)
	if e == nil {
		var changes map[string]any
		if changes, e = decodeFields(o, body); e == nil {
			return changes, true
		}
	}
	writeRequestError(a.w, e)
	return nil, false
}

// readObject decodes a request body that must be a JSON object.
func readObject(a *apiRequest) (map[string]any, *recordError) {
	raw, err := io.ReadAll(io.LimitReader(a.r.Body, maxBody))
	if err != nil {
		return nil, jsonParserError("could not read request body")
	}
	var body map[string]any
	if e := decodeBody(raw, &body); e != nil {
		return nil, e
	}
	if body == nil {
		return nil, jsonParserError("Cannot deserialize instance of sObject from a non-object value")
	}
	return body, nil
}

// lookup finds a row by the Id in a path; it writes the real API's 404s.
func (s *Server) lookup(a *apiRequest, t *table, key string) *record {
	if !idShaped(key) {
		writeError(a.w, http.StatusNotFound, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "+key)
		return nil
	}
	r := t.byID[expandID(key)]
	if r == nil {
		notFound(a.w)
		return nil
	}
	if r.deleted() {
		writeRecordErrors(a.w, http.StatusNotFound, []recordError{{Code: "ENTITY_IS_DELETED", Message: "entity is deleted"}})
		return nil
	}
	return r
}

func (s *Server) serveGet(a *apiRequest, o *object, key string) {
	fields, e := selectFields(o, a.r.URL.Query().Get("fields"))
	if e != nil {
		writeRequestError(a.w, e)
		return
	}
	s.store.mu.RLock()
	r := s.lookup(a, s.store.table(o), key)
	if r == nil {
		s.store.mu.RUnlock()
		return
	}
	id, vals := r.id(), r.values(fields)
	s.store.mu.RUnlock()
	writeRaw(a.w, http.StatusOK, renderFields(a, o, fields, id, vals))
}

// selectFields resolves GET's ?fields= list; empty means every field.
func selectFields(o *object, list string) ([]*field, *recordError) {
	if strings.TrimSpace(list) == "" {
		return o.Fields, nil
	}
	var out []*field
	for _, name := range strings.Split(list, ",") {
		f := o.field(strings.TrimSpace(name))
		if f == nil {
			return nil, &recordError{Code: "INVALID_FIELD", Message: fmt.Sprintf("No such column '%s' on sobject of type %s", strings.TrimSpace(name), o.Name)}
		}
		out = append(out, f)
	}
	return out, nil
}

func renderFields(a *apiRequest, o *object, fields []*field, id string, vals []any) []byte {
	node := &projNode{obj: o, items: make([]projItem, len(fields))}
	for i, f := range fields {
		node.items[i] = projItem{name: f.Name, slot: i}
	}
	return appendRecord(nil, a.base(), node, id, vals)
}

type saveResult struct {
	ID      string        `json:"id"`
	Success bool          `json:"success"`
	Errors  []recordError `json:"errors"`
	Created *bool         `json:"created,omitempty"`
}

func (s *Server) serveCreate(a *apiRequest, o *object) {
	if !o.Createable {
		methodNotAllowed(a.w, a.r.Method, "GET,HEAD")
		return
	}
	changes, ok := readChanges(a, o)
	if !ok {
		return
	}
	st := s.store
	st.mu.Lock()
	r, _, errs := st.insert(st.table(o), changes, s.now())
	if len(errs) > 0 {
		st.mu.Unlock()
		writeRecordErrors(a.w, http.StatusBadRequest, errs)
		return
	}
	id := r.id()
	st.mu.Unlock()
	s.stats.Write(o.Name, 1)
	writeJSON(a.w, http.StatusCreated, saveResult{ID: id, Success: true, Errors: []recordError{}})
}

func (s *Server) serveUpdate(a *apiRequest, o *object, key string) {
	changes, ok := readChanges(a, o)
	if !ok {
		return
	}
	s.changeRow(a, o, key, func(t *table, r *record) []recordError {
		if errs := s.store.check(t, r, changes); len(errs) > 0 {
			return errs
		}
		s.store.update(t, r, changes, s.now())
		return nil
	})
}

func (s *Server) serveDelete(a *apiRequest, o *object, key string) {
	if !o.Deletable {
		methodNotAllowed(a.w, a.r.Method, "GET,HEAD,PATCH")
		return
	}
	s.changeRow(a, o, key, func(t *table, r *record) []recordError {
		s.store.softDelete(t, r, s.now(), nil)
		return nil
	})
}

// changeRow runs change on the live row key names, under the write lock,
// and answers 204, or 400 with the record errors change refused with.
func (s *Server) changeRow(a *apiRequest, o *object, key string, change func(*table, *record) []recordError) {
	st := s.store
	st.mu.Lock()
	t := st.table(o)
	r := s.lookup(a, t, key)
	if r == nil {
		st.mu.Unlock()
		return
	}
	if errs := change(t, r); len(errs) > 0 {
		st.mu.Unlock()
		writeRecordErrors(a.w, http.StatusBadRequest, errs)
		return
	}
	st.mu.Unlock()
	s.stats.Write(o.Name, 1)
	a.w.WriteHeader(http.StatusNoContent)
}
