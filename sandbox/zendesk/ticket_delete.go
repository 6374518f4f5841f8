package zendesk

import (
	"slices"
	"time"
)

// deleteTicket soft-deletes a ticket, closed ones too: it leaves every
// read, and the ticket export reports it with status "deleted".
func (s *store) deleteTicket(id int64, now time.Time) outcome {
	old, ok := s.tickets[id]
	if !ok {
		return outcome{notFound: true}
	}
	t := *old
	t.Status, t.UpdatedAt, t.Generated = "deleted", now, now
	delete(s.tickets, id)
	if i := slices.Index(s.ticketIDs, id); i >= 0 {
		s.ticketIDs = slices.Delete(s.ticketIDs, i, i+1)
	}
	s.deletedTickets[id] = &t
	return outcome{id: id}
}
