package salesforce

import (
	"fmt"
	"net/http"
)

// externalField resolves an upsert's external id field; it writes the real
// API's 404 when the field is unknown or not an external id.
func externalField(a *apiRequest, o *object, name string) *field {
	f := o.field(name)
	if f == nil || !f.ExternalID {
		writeError(a.w, http.StatusNotFound, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "+name)
		return nil
	}
	return f
}

// matchURLs lists the rows of a 300 Multiple Choices answer.
func matchURLs(a *apiRequest, o *object, rows []*record) []string {
	urls := make([]string, len(rows))
	for i, r := range rows {
		urls[i] = a.base() + "/sobjects/" + o.Name + "/" + r.id()
	}
	return urls
}

func (s *Server) serveGetByExternalID(a *apiRequest, o *object, extName, value string) {
	f := externalField(a, o, extName)
	if f == nil {
		return
	}
	key, e := coerce(f, value)
	if e != nil {
		writeRequestError(a.w, e)
		return
	}
	s.store.mu.RLock()
	rows := s.store.table(o).live(f.Name, key)
	switch len(rows) {
	case 0:
		s.store.mu.RUnlock()
		notFound(a.w)
		return
	case 1:
	default:
		urls := matchURLs(a, o, rows)
		s.store.mu.RUnlock()
		writeJSON(a.w, http.StatusMultipleChoices, urls)
		return
	}
	id, vals := rows[0].id(), rows[0].values(o.Fields)
	s.store.mu.RUnlock()
	writeRaw(a.w, http.StatusOK, renderFields(a, o, o.Fields, id, vals))
}

// serveUpsert is PATCH sobjects/{Obj}/{ExtField}/{value}: 201 with a body
// on create, 200 with a body on update (API 46.0 and later), 300 when
// several rows match.
func (s *Server) serveUpsert(a *apiRequest, o *object, extName, value string) {
	f := externalField(a, o, extName)
	if f == nil {
		return
	}
	key, e := coerce(f, value)
	if e != nil || key == nil {
		writeError(a.w, http.StatusBadRequest, "MISSING_ARGUMENT", "Missing external ID field value: "+f.Name)
		return
	}
	changes, ok := readChanges(a, o)
	if !ok {
		return
	}
	if e := sameExternalID(f, changes, key); e != nil {
		writeRequestError(a.w, e)
		return
	}
	if _, ok := changes["Id"]; ok {
		writeRecordErrors(a.w, http.StatusBadRequest, []recordError{idInUpsert()})
		return
	}
	st := s.store
	st.mu.Lock()
	res, _, status, matches := s.upsert(o, f, key, changes)
	st.mu.Unlock()
	switch {
	case len(matches) > 0:
		writeJSON(a.w, http.StatusMultipleChoices, matchURLs(a, o, matches))
	case !res.Success:
		writeRecordErrors(a.w, http.StatusBadRequest, res.Errors)
	default:
		s.stats.Write(o.Name, 1)
		writeJSON(a.w, status, res)
	}
}

// upsert creates or updates the row whose external id is key. Callers
// hold the write lock. With several matches nothing is written and they
// are returned. The undo reverts the write, for allOrNone.
func (s *Server) upsert(o *object, f *field, key any, changes map[string]any) (saveResult, func(), int, []*record) {
	st := s.store
	t := st.table(o)
	now := s.now()
	rows := t.live(f.Name, key)
	if len(rows) > 1 {
		return saveResult{}, nil, http.StatusMultipleChoices, rows
	}
	if len(rows) == 1 {
		r := rows[0]
		delete(changes, f.Name)
		if errs := st.check(t, r, changes); len(errs) > 0 {
			return saveResult{Errors: errs}, nil, http.StatusBadRequest, nil
		}
		undo := st.update(t, r, changes, now)
		created := false
		return saveResult{ID: r.id(), Success: true, Errors: []recordError{}, Created: &created}, undo, http.StatusOK, nil
	}
	changes[f.Name] = key
	r, undo, errs := st.insert(t, changes, now)
	if len(errs) > 0 {
		return saveResult{Errors: errs}, nil, http.StatusBadRequest, nil
	}
	created := true
	return saveResult{ID: r.id(), Success: true, Errors: []recordError{}, Created: &created}, undo, http.StatusCreated, nil
}

// sameExternalID refuses a body whose external id contradicts the URL's.
func sameExternalID(f *field, changes map[string]any, key any) *recordError {
	v, given := changes[f.Name]
	if !given {
		return nil
	}
	a, _ := indexKey(v)
	b, _ := indexKey(key)
	if a != b {
		return &recordError{Code: "INVALID_FIELD", Message: fmt.Sprintf("The value of %s in the request body does not match the external id in the URL", f.Name)}
	}
	return nil
}

func idInUpsert() recordError {
	return recordError{Code: "INVALID_FIELD", Fields: []string{"Id"}, Message: "Id not allowed in an upsert by external id: the record is matched on the external id field"}
}
