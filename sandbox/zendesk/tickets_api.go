package zendesk

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// Tickets are named by id only: their endpoints take no external ids.
var ticketKind = &kind[ticket, ticketJSON, ticketInput]{
	one: "ticket", many: "tickets",
	records: func(st *store) map[int64]*ticket { return st.tickets },
	order:   func(st *store) []int64 { return st.ticketIDs },
	render:  (*ticket).render,
	keyOf:   func(in *ticketInput) *recordKey { return &in.recordKey },
	create:  (*store).createTicket, update: (*store).updateTicket, remove: (*store).deleteTicket,
	createError: "RecordInvalid", updateError: "RecordInvalid",
	describe: func(t *ticket, r *jobResult) { r.ExternalID = stringOrNil(t.ExternalID) },
	// A write that changed the ticket answers with its audit, whose
	// Comment event names the comment it added.
	attach: func(t *ticket, out outcome, resp map[string]any) {
		if a, ok := t.lastAudit(out.audit); ok {
			resp["audit"] = a.render(t.ID)
		}
	},
}

// listComments pages through a ticket's comments, oldest first unless
// sort=-created_at (cursor pagination) or sort_order=desc (offset).
func (s *Server) listComments(c *call) *apiError {
	q := c.r.URL.Query()
	p, e := parsePager(q)
	if e != nil {
		return e
	}
	// Cursor pages take sort, offset pages sort_order.
	newestFirst, e := descending(q, "sort", "created_at", "-created_at")
	if !p.cursor {
		newestFirst, e = descending(q, "sort_order", "asc", "desc")
	}
	if e != nil {
		return e
	}
	s.mu.RLock()
	t, ok := s.st.tickets[c.id(1)]
	s.mu.RUnlock()
	if !ok {
		return errNotFound()
	}
	// Comment ids grow with creation time, so they order the pages; newest
	// first pages over the negated ids, which keeps the keys ascending as
	// the pager needs them, and the cursors opaque.
	comments := slices.Clone(t.Comments)
	keys := make([]int64, len(comments))
	if newestFirst {
		slices.Reverse(comments)
	}
	for i := range comments {
		keys[i] = comments[i].ID
		if newestFirst {
			keys[i] = -keys[i]
		}
	}
	lo, hi := p.window(keys)
	out := make([]commentJSON, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, comments[i].render())
	}
	resp := map[string]any{"comments": out}
	p.decorate(resp, c, keys, lo, hi)
	writeJSON(c.w, http.StatusOK, resp)
	return nil
}

// descending reads an order parameter that is asc or desc, ascending when
// absent.
func descending(q url.Values, name, asc, desc string) (bool, *apiError) {
	switch v := q.Get(name); v {
	case "", asc:
		return false, nil
	case desc:
		return true, nil
	default:
		return false, errBadRequest("InvalidValue", fmt.Sprintf("%s must be %q or %q, not %q", name, asc, desc, v))
	}
}
