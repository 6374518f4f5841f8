package salesforce

import (
	"fmt"
	"net/http"
	"time"

	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
)

// How far back getUpdated and getDeleted may start.
const (
	updatedSpan = 30 * 24 * time.Hour
	deletedSpan = 15 * 24 * time.Hour
)

// replicationWindow reads start and end. Both are rounded down to the
// minute, as the real calls do; end is capped at the present.
func (s *Server) replicationWindow(a *apiRequest, span time.Duration) (start, end time.Time, ok bool) {
	q := a.r.URL.Query()
	now := s.now()
	for _, name := range []string{"start", "end"} {
		raw := q.Get(name)
		if raw == "" {
			writeError(a.w, http.StatusBadRequest, "MISSING_ARGUMENT", fmt.Sprintf("%s: required parameter is missing", name))
			return start, end, false
		}
		t, err := soql.ParseDateTime(raw)
		if err != nil {
			writeError(a.w, http.StatusBadRequest, "INVALID_REPLICATION_DATE",
				fmt.Sprintf("%s: cannot parse %q as an ISO 8601 datetime", name, raw))
			return start, end, false
		}
		if name == "start" {
			start = t.Truncate(time.Minute)
		} else {
			end = t.Truncate(time.Minute)
		}
	}
	switch {
	case !end.After(start):
		writeError(a.w, http.StatusBadRequest, "INVALID_REPLICATION_DATE", "end date must be after start date")
		return start, end, false
	case start.Before(now.Add(-span)):
		writeError(a.w, http.StatusBadRequest, "INVALID_REPLICATION_DATE",
			fmt.Sprintf("startDate cannot be more than %d days ago", int(span.Hours()/24)))
		return start, end, false
	}
	if latest := now.Truncate(time.Minute); end.After(latest) {
		end = latest
	}
	return start, end, true
}

func (s *Server) serveUpdated(a *apiRequest, o *object) {
	start, end, ok := s.replicationWindow(a, updatedSpan)
	if !ok {
		return
	}
	ids := []string{}
	s.store.mu.RLock()
	for _, r := range s.store.table(o).rows {
		stamp, _ := r.f["SystemModstamp"].(time.Time)
		if !r.deleted() && !stamp.Before(start) && stamp.Before(end) {
			ids = append(ids, r.id())
		}
	}
	s.store.mu.RUnlock()
	writeJSON(a.w, http.StatusOK, map[string]any{"ids": ids, "latestDateCovered": formatTime(end)})
}

type deletedRecord struct {
	ID          string `json:"id"`
	DeletedDate string `json:"deletedDate"`
}

func (s *Server) serveDeleted(a *apiRequest, o *object) {
	if !o.HasIsDeleted {
		writeError(a.w, http.StatusBadRequest, "INVALID_TYPE", "Object type "+o.Name+" does not support getDeleted")
		return
	}
	start, end, ok := s.replicationWindow(a, deletedSpan)
	if !ok {
		return
	}
	out := []deletedRecord{}
	s.store.mu.RLock()
	for _, r := range s.store.table(o).rows {
		if r.deleted() && !r.deletedAt.Before(start) && r.deletedAt.Before(end) {
			out = append(out, deletedRecord{ID: r.id(), DeletedDate: formatTime(r.deletedAt)})
		}
	}
	s.store.mu.RUnlock()
	writeJSON(a.w, http.StatusOK, map[string]any{
		"deletedRecords":        out,
		"earliestDateAvailable": formatTime(s.now().Add(-deletedSpan).Truncate(time.Minute)),
		"latestDateCovered":     formatTime(end),
	})
}
