package activities

import (
	"context"
	"strings"

	"go.temporal.io/sdk/activity"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/zendesk"
)

const (
	kindTicketCreate = "ticket-create"
	kindTicketUpdate = "ticket-update"
)

// writeTickets creates the tickets of published cases and updates linked
// tickets, with create_many and update_many jobs of 100. A closed ticket
// refuses every update: that is reported once and settled, so the same
// change is not tried on every run; the next real change reports again.
func (a *Activities) writeTickets(ctx context.Context, w *writes, tracker *jobTracker) error {
	if err := a.publishTickets(ctx, w, tracker); err != nil {
		return err
	}
	byID := map[string]zendesk.Ticket{}
	var order []string
	for _, it := range w.items {
		if len(it.Zendesk) == 0 || it.Create {
			continue
		}
		byID[it.SalesforceID] = ticketFrom(it.ZendeskID, false, it.Zendesk)
		order = append(order, it.SalesforceID)
	}
	results, err := tracker.run(ctx, kindTicketUpdate, order, func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
		batch := make([]zendesk.Ticket, 0, len(c.IDs))
		for _, id := range c.IDs {
			batch = append(batch, byID[id])
		}
		return a.Zendesk.UpdateTickets(ctx, batch)
	})
	if err != nil {
		return err
	}
	for _, id := range order {
		r := results[resultKey(kindTicketUpdate, id)]
		if r.Status == "Updated" {
			w.zendesk[id] = byID[id].ID
			continue
		}
		reason := jobError(r)
		if strings.Contains(strings.ToLower(reason), "closed prevents ticket update") {
			w.settled[id] = true
		}
		w.reject(record.Zendesk, id, byID[id].ID, "Zendesk refused the ticket update: "+reason)
	}
	return nil
}

// publishTickets creates a ticket for each published case, its external
// id the case's Id. A job a crashed attempt submitted is polled, not
// submitted again; a retried attempt first looks for the tickets an
// attempt created without living to record its job.
func (a *Activities) publishTickets(ctx context.Context, w *writes, tracker *jobTracker) error {
	byID := map[string]zendesk.Ticket{}
	var order []string
	retried := activity.GetInfo(ctx).Attempt > 1
	for _, it := range w.items {
		if !it.Create || it.In == record.Salesforce {
			continue
		}
		if retried && !tracker.covers(kindTicketCreate, it.SalesforceID) {
			found, err := a.Zendesk.TicketsByExternalID(ctx, it.SalesforceID)
			if err != nil {
				return err
			}
			if len(found) > 0 {
				w.zendesk[it.SalesforceID] = found[0].ID
				continue
			}
		}
		t := ticketFrom(0, true, it.Zendesk)
		t.ExternalID = it.SalesforceID
		byID[it.SalesforceID] = t
		order = append(order, it.SalesforceID)
	}
	results, err := tracker.run(ctx, kindTicketCreate, order, func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
		batch := make([]zendesk.Ticket, 0, len(c.IDs))
		for _, id := range c.IDs {
			batch = append(batch, byID[id])
		}
		return a.Zendesk.CreateTickets(ctx, batch)
	})
	if err != nil {
		return err
	}
	for _, id := range order {
		r := results[resultKey(kindTicketCreate, id)]
		if r.Status != "Created" {
			w.reject(record.Zendesk, id, 0, "Zendesk refused the ticket: "+jobError(r))
			continue
		}
		w.zendesk[id] = r.ID
	}
	return nil
}
