package zendesk

import "slices"

// listTickets serves GET /api/v2/tickets, filtered by ?external_id= when
// given. Zendesk does not keep ticket external ids unique: several
// tickets may answer.
func (s *Server) listTickets(c *call) *apiError {
	ext := c.r.URL.Query().Get("external_id")
	if ext == "" {
		return ticketKind.list(s, c)
	}
	p, e := parsePager(c.r.URL.Query())
	if e != nil {
		return e
	}
	return ticketKind.writePage(s, c, p, func(st *store) []int64 {
		return slices.DeleteFunc(slices.Clone(st.ticketIDs), func(id int64) bool {
			return st.tickets[id].ExternalID != ext
		})
	})
}
