package salesforce

import "time"

// serveCollectionCreate is POST composite/sobjects: up to 200 new records,
// of any objects, each naming its object in attributes.type, answered 200
// with one result per record in order. Each is checked as POST
// sobjects/{Obj} checks a body; allOrNone as for the upsert.
func (s *Server) serveCollectionCreate(a *apiRequest) {
	s.runTypedBatch(a, func(b *batch, i int, o *object, c map[string]any, now time.Time) {
		switch {
		case !o.Createable:
			b.fail(i, recordError{Code: "INVALID_TYPE_FOR_OPERATION", Message: "entity type cannot be inserted: " + o.Name})
			return
		case hasKey(c, "Id"):
			b.fail(i, recordError{Code: "INVALID_FIELD_FOR_INSERT_UPDATE", Fields: []string{"Id"}, Message: "cannot specify Id in an insert call"})
			return
		}
		t := s.store.table(o)
		r, undo, errs := s.store.insert(t, c, now)
		if len(errs) > 0 {
			b.fail(i, errs...)
			return
		}
		b.done(i, o, collectionResult{ID: r.id(), Success: true, Errors: []recordError{}}, undo)
	})
}
