package zendesk

import "net/http"

// Tickets are named by id only: their endpoints take no external ids.
var ticketKind = &kind[ticket, ticketJSON, ticketInput]{
	one: "ticket", many: "tickets",
	records: func(st *store) map[int64]*ticket { return st.tickets },
	order:   func(st *store) []int64 { return st.ticketIDs },
	render:  (*ticket).render,
	keyOf:   func(in *ticketInput) *recordKey { return &in.recordKey },
	create:  (*store).createTicket, update: (*store).updateTicket,
	createError: "RecordInvalid", updateError: "RecordInvalid",
	describe: func(t *ticket, r *jobResult) { r.ExternalID = stringOrNil(t.ExternalID) },
}

func (s *Server) listComments(c *call) *apiError {
	p, e := parsePager(c.r.URL.Query())
	if e != nil {
		return e
	}
	s.mu.RLock()
	t, ok := s.st.tickets[c.id(1)]
	s.mu.RUnlock()
	if !ok {
		return errNotFound()
	}
	ids := make([]int64, len(t.Comments))
	for i := range t.Comments {
		ids[i] = t.Comments[i].ID
	}
	lo, hi := p.window(ids)
	comments := make([]commentJSON, 0, hi-lo)
	for i := lo; i < hi; i++ {
		comments = append(comments, t.Comments[i].render())
	}
	resp := map[string]any{"comments": comments}
	p.decorate(resp, c, ids, lo, hi)
	writeJSON(c.w, http.StatusOK, resp)
	return nil
}
