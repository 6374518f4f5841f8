package zendesk

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

const (
	maxExportPage = 1000
	// exportLag is how recent a change may be before the export shows it:
	// Zendesk leaves out the last minute.
	exportLag = 60
)

// exportPos orders exported records: change time in Unix seconds, then id.
type exportPos struct{ t, id int64 }

func (p exportPos) compare(q exportPos) int {
	return cmp.Or(cmp.Compare(p.t, q.t), cmp.Compare(p.id, q.id))
}

func encodeExportCursor(p exportPos) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d.%d", p.t, p.id))
}

func decodeExportCursor(s string) (exportPos, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return exportPos{}, false
	}
	ts, ids, ok := strings.Cut(string(raw), ".")
	t, errT := strconv.ParseInt(ts, 10, 64)
	id, errID := strconv.ParseInt(ids, 10, 64)
	return exportPos{t, id}, ok && errT == nil && errID == nil
}

type exportItem[T any] struct {
	pos exportPos
	rec T
}

// exportRequest is a parsed export query: records strictly after from (a
// start_time request starts just before its first second, so that second is
// included) and at or before cutoff.
type exportRequest struct {
	from    exportPos
	cutoff  int64
	perPage int
}

func (s *Server) parseExport(c *call, allowCursor bool) (exportRequest, *apiError) {
	q := c.r.URL.Query()
	now := s.cfg.Now().Unix()
	req := exportRequest{cutoff: now - exportLag, perPage: maxExportPage}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 {
		req.perPage = min(n, maxExportPage)
	}
	if allowCursor && q.Has("cursor") {
		pos, ok := decodeExportCursor(q.Get("cursor"))
		if !ok {
			return req, errBadRequest("InvalidCursor", "The cursor is invalid")
		}
		req.from = pos
		return req, nil
	}
	raw := q.Get("start_time")
	if raw == "" {
		if allowCursor {
			return req, errBadRequest("InvalidValue", "start_time or cursor is required")
		}
		return req, errMissing("start_time")
	}
	start, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || start < 0 {
		return req, errBadRequest("InvalidValue", "start_time must be a Unix epoch time in seconds")
	}
	if start > req.cutoff {
		return req, errBadRequest("InvalidValue", "Too recent start_time. Use a start_time older than 1 minute")
	}
	req.from = exportPos{t: start, id: 0}
	return req, nil
}

// selectExport returns the records after req.from and up to req.cutoff in
// export order.
func selectExport[T any](ids []int64, get func(int64) (T, int64), req exportRequest) []exportItem[T] {
	var items []exportItem[T]
	for _, id := range ids {
		rec, t := get(id)
		pos := exportPos{t, id}
		if t <= req.cutoff && pos.compare(req.from) > 0 {
			items = append(items, exportItem[T]{pos, rec})
		}
	}
	slices.SortFunc(items, func(a, b exportItem[T]) int { return a.pos.compare(b.pos) })
	return items
}

// writeCursorExport answers a cursor-based export page.
func writeCursorExport[T any, J any](c *call, name string, items []exportItem[T], req exportRequest, render func(T) J) {
	page := items[:min(len(items), req.perPage)]
	out := make([]J, len(page))
	for i, it := range page {
		out[i] = render(it.rec)
	}
	last := req.from
	if len(page) > 0 {
		last = page[len(page)-1].pos
	}
	after := encodeExportCursor(last)
	set := map[string]string{"cursor": after}
	if req.perPage != maxExportPage {
		set["per_page"] = strconv.Itoa(req.perPage)
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		name:            out,
		"after_cursor":  after,
		"after_url":     withQuery(c, set, "start_time"),
		"before_cursor": nil,
		"before_url":    nil,
		"end_of_stream": len(page) == len(items),
	})
}

func (s *Server) exportUsers(c *call) *apiError {
	req, e := s.parseExport(c, true)
	if e != nil {
		return e
	}
	s.mu.RLock()
	items := selectExport(s.st.userIDs, func(id int64) (*user, int64) {
		u := s.st.users[id]
		return u, u.UpdatedAt.Unix()
	}, req)
	s.mu.RUnlock()
	writeCursorExport(c, "users", items, req, func(u *user) userJSON { return u.render(c.base) })
	return nil
}

// exportTickets filters and orders on generated_timestamp, which moves on
// system changes too, not on updated_at.
func (s *Server) exportTickets(c *call) *apiError {
	req, e := s.parseExport(c, true)
	if e != nil {
		return e
	}
	s.mu.RLock()
	items := selectExport(withDeleted(s.st.ticketIDs, s.st.deletedTickets), func(id int64) (*ticket, int64) {
		t := liveOrDeleted(s.st.tickets, s.st.deletedTickets, id)
		return t, t.Generated.Unix()
	}, req)
	s.mu.RUnlock()
	writeCursorExport(c, "tickets", items, req, func(t *ticket) ticketJSON { return t.render(c.base) })
	return nil
}

// exportOrgs is the time-based organization export. Deleted
// organizations are in it too, with deleted_at.
func (s *Server) exportOrgs(c *call) *apiError {
	req, e := s.parseExport(c, false)
	if e != nil {
		return e
	}
	s.mu.RLock()
	items := selectExport(withDeleted(s.st.orgIDs, s.st.deletedOrgs), func(id int64) (*organization, int64) {
		o := liveOrDeleted(s.st.orgs, s.st.deletedOrgs, id)
		return o, o.UpdatedAt.Unix()
	}, req)
	s.mu.RUnlock()
	writeTimeExport(c, "organizations", items, req, func(o *organization) organizationExportJSON { return o.renderExport(c.base) })
	return nil
}

// writeTimeExport answers a time-based export page: the next page starts
// at end_time, the last record's second, so the records of that second
// come again.
func writeTimeExport[T any, J any](c *call, name string, items []exportItem[T], req exportRequest, render func(T) J) {
	n := min(len(items), req.perPage)
	// A second is never split across pages: the next page starts at it
	// again, and a split would repeat its first records forever.
	for n > 0 && n < len(items) && items[n].pos.t == items[n-1].pos.t {
		n++
	}
	endTime := req.from.t
	if n > 0 {
		endTime = items[n-1].pos.t
		if endTime == req.from.t && n < len(items) {
			// The whole page is one second, all of it included: move on.
			endTime++
		}
	}
	out := make([]J, n)
	for i := range n {
		out[i] = render(items[i].rec)
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		name:            out,
		"count":         n,
		"end_time":      endTime,
		"next_page":     withQuery(c, map[string]string{"start_time": strconv.FormatInt(endTime, 10)}),
		"end_of_stream": n == len(items),
	})
}
