package zendesk

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

type ticketsList struct {
	Tickets []Ticket `json:"tickets"`
}

func (l ticketsList) check() error {
	if l.Tickets == nil {
		return errors.New(`response has no "tickets" list`)
	}
	return nil
}

// TicketsByExternalID returns the tickets carrying an external id, the
// first 100: Zendesk does not keep ticket external ids unique.
func (c *Client) TicketsByExternalID(ctx context.Context, externalID string) ([]Ticket, error) {
	if externalID == "" {
		return nil, errors.New("zendesk: tickets by external id: empty external id")
	}
	var l ticketsList
	q := url.Values{"external_id": {externalID}, "page[size]": {"100"}}
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/tickets", query: q}, &l); err != nil {
		return nil, err
	}
	return l.Tickets, nil
}
