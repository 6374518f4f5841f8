package zendesk

import (
	"context"
	"net/http"
)

type ticketsEnvelope struct {
	Tickets []Ticket `json:"tickets"`
}

// CreateTickets queues a create_many job for 1..100 tickets. Each result
// names its ticket by id; a failed one says why in Details.
func (c *Client) CreateTickets(ctx context.Context, tickets []Ticket) (*JobStatus, error) {
	w := bulkWrite{"create tickets", "tickets", "ticket", http.MethodPost, "/api/v2/tickets/create_many"}
	return startBulk(ctx, c, w, tickets, ticketsEnvelope{tickets}, nil)
}

// UpdateTickets queues an update_many job for 1..100 tickets, each
// carrying its id. A closed ticket fails alone, in its result.
func (c *Client) UpdateTickets(ctx context.Context, tickets []Ticket) (*JobStatus, error) {
	w := bulkWrite{"update tickets", "tickets", "ticket", http.MethodPut, "/api/v2/tickets/update_many"}
	return startBulk(ctx, c, w, tickets, ticketsEnvelope{tickets}, func(t Ticket) (int64, string) { return t.ID, t.Subject })
}
