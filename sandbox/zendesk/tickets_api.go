package zendesk

import (
	"net/http"
	"time"
)

func (s *Server) showTicket(c *call) *apiError {
	s.mu.RLock()
	t, ok := s.st.tickets[c.id(1)]
	s.mu.RUnlock()
	if !ok {
		return errNotFound()
	}
	writeJSON(c.w, http.StatusOK, map[string]any{"ticket": t.render(c.base)})
	return nil
}

// renderTickets renders the tickets with ids that exist; call with s.mu
// held.
func (s *Server) renderTickets(c *call, ids []int64) []ticketJSON {
	out := make([]ticketJSON, 0, len(ids))
	for _, id := range ids {
		if t, ok := s.st.tickets[id]; ok {
			out = append(out, t.render(c.base))
		}
	}
	return out
}

func (s *Server) listTickets(c *call) *apiError {
	p, e := parsePager(c.r.URL.Query())
	if e != nil {
		return e
	}
	s.mu.RLock()
	ids := s.st.ticketIDs
	lo, hi := p.window(ids)
	resp := map[string]any{"tickets": s.renderTickets(c, ids[lo:hi])}
	p.decorate(resp, c, ids, lo, hi)
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, resp)
	return nil
}

func (s *Server) showManyTickets(c *call) *apiError {
	q := c.r.URL.Query()
	if !q.Has("ids") {
		return errMissing("ids")
	}
	ids, e := idList(q, "ids")
	if e != nil {
		return e
	}
	s.mu.RLock()
	tickets := s.renderTickets(c, ids)
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, map[string]any{"tickets": tickets, "next_page": nil, "previous_page": nil, "count": len(tickets)})
	return nil
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

func (s *Server) createTicketOne(c *call) *apiError {
	return s.writeTicket(c, func(in *ticketInput) outcome { return s.st.createTicket(in, s.cfg.Now()) })
}

func (s *Server) updateTicketOne(c *call) *apiError {
	id := c.id(1)
	return s.writeTicket(c, func(in *ticketInput) outcome { return s.st.updateTicket(id, in, s.cfg.Now()) })
}

func (s *Server) writeTicket(c *call, write func(*ticketInput) outcome) *apiError {
	var body struct {
		Ticket *ticketInput `json:"ticket"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	if body.Ticket == nil {
		return errMissing("ticket")
	}
	s.mu.Lock()
	out := write(body.Ticket)
	var rendered ticketJSON
	if out.invalid.empty() && !out.notFound {
		rendered = s.st.tickets[out.id].render(c.base)
	}
	s.mu.Unlock()
	switch {
	case out.notFound:
		return errNotFound()
	case !out.invalid.empty():
		return errRecordInvalid(out.invalid)
	}
	s.stats.Write("tickets", 1)
	status := http.StatusOK
	if out.created {
		status = http.StatusCreated
	}
	writeJSON(c.w, status, map[string]any{"ticket": rendered})
	return nil
}

func (s *Server) createTicketsMany(c *call) *apiError {
	var body struct {
		Tickets *[]ticketInput `json:"tickets"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	if body.Tickets == nil {
		return errMissing("tickets")
	}
	tickets := *body.Tickets
	if e := checkBulkSize(len(tickets), "tickets"); e != nil {
		return e
	}
	return s.enqueue(c, "bulk_create_tickets", "tickets", len(tickets), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(tickets))
		for i := range tickets {
			results[i] = st.ticketResult(i, st.createTicket(&tickets[i], now))
		}
		return results
	})
}

// updateTicketsMany takes ?ids= with one {"ticket":{}} body, or
// {"tickets":[{"id",...}]}.
func (s *Server) updateTicketsMany(c *call) *apiError {
	q := c.r.URL.Query()
	var body struct {
		Ticket  *ticketInput  `json:"ticket"`
		Tickets []ticketInput `json:"tickets"`
	}
	var ids []int64
	var inputs []*ticketInput
	if q.Has("ids") {
		var e *apiError
		if ids, e = idList(q, "ids"); e != nil {
			return e
		}
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	switch {
	case q.Has("ids") && body.Ticket == nil:
		return errMissing("ticket")
	case q.Has("ids"):
		for range ids {
			inputs = append(inputs, body.Ticket)
		}
	case body.Tickets == nil:
		return errMissing("tickets")
	default:
		for i := range body.Tickets {
			ids = append(ids, int64(body.Tickets[i].ID.Value))
			inputs = append(inputs, &body.Tickets[i])
		}
	}
	if e := checkBulkSize(len(ids), "tickets"); e != nil {
		return e
	}
	return s.enqueue(c, "bulk_update_tickets", "tickets", len(ids), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(ids))
		for i, id := range ids {
			results[i] = st.ticketResult(i, st.updateTicket(id, inputs[i], now))
		}
		return results
	})
}

func (st *store) ticketResult(index int, out outcome) jobResult {
	r := result(index, out, "RecordInvalid")
	if t, ok := st.tickets[out.id]; ok && r.Status != "Failed" {
		r.ExternalID = stringOrNil(t.ExternalID)
	}
	return r
}
