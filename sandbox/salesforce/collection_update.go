package salesforce

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/crmsync/crmsync/sandbox/sfid"
)

// serveCollection is composite/sobjects itself: create (POST), update
// (PATCH) and delete (DELETE) by Id, for records of any objects.
func (s *Server) serveCollection(a *apiRequest) {
	switch a.r.Method {
	case http.MethodPost:
		s.serveCollectionCreate(a)
	case http.MethodPatch:
		s.serveCollectionUpdate(a)
	case http.MethodDelete:
		s.serveCollectionDelete(a)
	default:
		methodNotAllowed(a.w, a.r.Method, "POST,PATCH,DELETE")
	}
}

// serveCollectionUpdate is PATCH composite/sobjects: up to 200 records,
// each giving its object in attributes.type and its row in id, answered
// 200 with one result per record in order. Each is checked as PATCH
// sobjects/{Obj}/{Id} checks a body; allOrNone as for the upsert.
func (s *Server) serveCollectionUpdate(a *apiRequest) {
	s.runTypedBatch(a, func(b *batch, i int, o *object, c map[string]any, now time.Time) {
		id, _ := c["Id"].(string)
		if id == "" {
			b.fail(i, recordError{Code: "MISSING_ARGUMENT", Message: "Id not specified in an update call"})
			return
		}
		t, r, e := s.rowByID(id, o)
		if e != nil {
			b.fail(i, *e)
			return
		}
		// The id names the row; it is not a change.
		delete(c, "Id")
		if errs := s.store.check(t, r, c); len(errs) > 0 {
			b.fail(i, errs...)
			return
		}
		b.done(i, t.obj, collectionResult{ID: r.id(), Success: true, Errors: []recordError{}}, s.store.update(t, r, c, now))
	})
}

// serveCollectionDelete is DELETE composite/sobjects?ids=a,b&allOrNone=:
// up to 200 soft deletes, of any objects, one result per id in order.
func (s *Server) serveCollectionDelete(a *apiRequest) {
	q := a.r.URL.Query()
	var idList []string
	for _, id := range strings.Split(q.Get("ids"), ",") {
		if id = strings.TrimSpace(id); id != "" {
			idList = append(idList, id)
		}
	}
	switch {
	case len(idList) == 0:
		writeError(a.w, http.StatusBadRequest, "MISSING_ARGUMENT", "ids: the ids of the records to delete are required")
		return
	case len(idList) > maxCollection:
		writeOverLimit(a.w)
		return
	}
	s.runBatch(a, len(idList), strings.EqualFold(q.Get("allOrNone"), "true"), func(b *batch, i int, now time.Time) {
		t, r, e := s.rowByID(expandID(idList[i]), nil)
		switch {
		case e != nil:
			b.fail(i, *e)
		case !t.obj.Deletable:
			b.fail(i, recordError{Code: "INVALID_TYPE_FOR_OPERATION", Message: "entity type cannot be deleted"})
		default:
			log := &undoLog{}
			s.store.softDelete(t, r, now, log)
			b.done(i, t.obj, collectionResult{ID: r.id(), Success: true, Errors: []recordError{}}, log.undo)
		}
	})
}

// rowByID finds the live row a collection request names by id. o is the
// object the record says it is; nil takes the object from the id's prefix.
// Call it with the store locked.
func (s *Server) rowByID(id string, o *object) (*table, *record, *recordError) {
	if !sfid.Valid(id) {
		return nil, nil, &recordError{Code: "MALFORMED_ID", Message: "malformed id " + id}
	}
	if o == nil {
		if o = s.schema.byPrefix(id[:3]); o == nil {
			return nil, nil, errNoSuchRow()
		}
	} else if o.Prefix != id[:3] {
		return nil, nil, &recordError{Code: "MALFORMED_ID", Fields: []string{"Id"}, Message: "Record ID: id value of incorrect type: " + id}
	}
	t := s.store.table(o)
	r := t.byID[id]
	switch {
	case r == nil:
		return nil, nil, errNoSuchRow()
	case r.deleted():
		return nil, nil, &recordError{Code: "ENTITY_IS_DELETED", Message: "entity is deleted"}
	}
	return t, r, nil
}

// recordType is a collection record's attributes.type, "" when absent.
func recordType(rec map[string]any) string {
	attrs, _ := rec["attributes"].(map[string]any)
	typ, _ := attrs["type"].(string)
	return typ
}

func errRecordType(typ string) recordError {
	if typ == "" {
		return recordError{Code: "INVALID_TYPE", Message: "each record must give its object in attributes.type"}
	}
	return recordError{Code: "INVALID_TYPE", Message: fmt.Sprintf("sObject type '%s' is not supported.", typ)}
}

// errNoSuchRow is a well-formed id that names no row of the org.
func errNoSuchRow() *recordError {
	return &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Message: "invalid cross reference id"}
}
