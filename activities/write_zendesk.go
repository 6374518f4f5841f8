package activities

import (
	"context"
	"fmt"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/zendesk"
)

// Kinds of bulk job; a retried upsert matches its earlier jobs by kind.
const (
	kindUsers     = "users"
	kindOrgCreate = "org-create"
	kindOrgUpdate = "org-update"
	kindOrgAdopt  = "org-adopt"
)

// writeZendesk writes the page's Zendesk fields the way the pair's kind of
// record is written.
func (a *Activities) writeZendesk(ctx context.Context, w *writes, tracker *jobTracker) error {
	switch w.pair.Zendesk {
	case mapping.User:
		return a.writeUsers(ctx, w, tracker)
	case mapping.Organization:
		return a.writeOrganizations(ctx, w, tracker)
	case mapping.Ticket:
		return a.writeTickets(ctx, w, tracker)
	case mapping.Comment:
		return a.writeComments(ctx, w)
	}
	return fmt.Errorf("no Zendesk writer for %q records", w.pair.Zendesk)
}

// writeUsers creates or updates users with create_or_update_many, which
// matches the external id, then the email: a person who already has a
// Zendesk user keeps it, and a create that Zendesk answers "Updated" is
// counted as that user's adoption.
func (a *Activities) writeUsers(ctx context.Context, w *writes, tracker *jobTracker) error {
	byID := map[string]zendesk.User{}
	creates := map[string]bool{}
	var order []string
	for _, it := range w.items {
		if len(it.Zendesk) == 0 {
			continue
		}
		u := userFrom(it.SalesforceID, it.Zendesk)
		// No role is sent: a new user is an end user by Zendesk's
		// default, and an agent who holds the email keeps being one.
		creates[it.SalesforceID] = it.Create
		byID[it.SalesforceID] = u
		order = append(order, it.SalesforceID)
	}
	results, err := tracker.run(ctx, kindUsers, order, func(ctx context.Context, c Job) (*zendesk.JobStatus, error) {
		batch := make([]zendesk.User, 0, len(c.IDs))
		for _, id := range c.IDs {
			batch = append(batch, byID[id])
		}
		return a.Zendesk.CreateOrUpdateUsers(ctx, batch)
	})
	if err != nil {
		return err
	}
	for _, id := range order {
		r := results[resultKey(kindUsers, id)]
		if r.Status != "Created" && r.Status != "Updated" {
			w.reject(record.Zendesk, id, 0, "Zendesk refused the user: "+jobError(r))
			continue
		}
		w.zendesk[id] = r.ID
		w.adopted[id] = creates[id] && r.Status == "Updated"
	}
	return nil
}

// jobError is the reason a job result gives, or a stand-in when it gives
// none.
func jobError(r zendesk.JobResult) string {
	switch {
	case r.Error != "" && r.Details != "":
		return r.Error + ": " + r.Details
	case r.Error != "":
		return r.Error
	case r.Details != "":
		return r.Details
	case r.Status == "":
		return "no result for this record in the job status"
	}
	return "status " + r.Status
}
