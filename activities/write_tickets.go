package activities

import (
	"context"
	"errors"
	"strings"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/zendesk"
)

// writeTickets updates linked tickets one call each. Tickets are created
// from Zendesk, so nothing here creates one. A closed ticket refuses
// every update: that is reported once and settled, so the same change is
// not tried on every run; the next real change reports again.
func (a *Activities) writeTickets(ctx context.Context, w *writes) error {
	for _, it := range w.items {
		if len(it.Zendesk) == 0 || it.Create {
			continue
		}
		t := ticketFrom(it.ZendeskID, false, it.Zendesk)
		_, err := a.Zendesk.UpdateTicket(ctx, it.ZendeskID, &t)
		var invalid *zendesk.RecordInvalidError
		switch {
		case err == nil:
			w.zendesk[it.SalesforceID] = it.ZendeskID
		case errors.As(err, &invalid):
			if closed(err) {
				w.settled[it.SalesforceID] = true
			}
			w.reject(record.Zendesk, it.SalesforceID, it.ZendeskID, "Zendesk refused the ticket update: "+err.Error())
		default:
			return err
		}
	}
	return nil
}

// closed tells Zendesk's refusal of any update to a closed ticket.
func closed(err error) bool {
	return strings.Contains(strings.ToLower(err.Error()), "closed prevents ticket update")
}
