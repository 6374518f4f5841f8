package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

// The sandbox's own credentials: fixed, printed by the sandbox, and never
// valid anywhere else.
const (
	sandboxZendeskEmail = "admin@example.com"
	sandboxZendeskToken = "sandbox-token"
	sandboxClientID     = "sandbox-client"
	sandboxClientSecret = "sandbox-secret"
	contactsSOQL        = "SELECT Id, FirstName, LastName, Email, AccountId, IsDeleted FROM Contact"
	listPageSize        = 100
	salesforceBatchSize = 2000
)

// readContacts reads every contact, soft-deleted ones too, through the
// Salesforce API: the expected state needs no copy of the generator.
func readContacts(ctx context.Context, baseURL string) ([]contact, error) {
	sf, err := salesforce.NewClient(salesforce.Config{LoginURL: baseURL, ClientID: sandboxClientID, ClientSecret: sandboxClientSecret})
	if err != nil {
		return nil, fmt.Errorf("salesforce client: %w", err)
	}
	var out []contact
	err = sf.QueryEach(ctx, contactsSOQL, &salesforce.QueryOptions{All: true, BatchSize: salesforceBatchSize},
		func(page *salesforce.QueryResult) error {
			for _, r := range page.Records {
				deleted, _ := r["IsDeleted"].(bool)
				out = append(out, contact{
					ID: r.ID(), FirstName: r.String("FirstName"), LastName: r.String("LastName"),
					Email: r.String("Email"), AccountID: r.String("AccountId"), Deleted: deleted,
				})
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read Salesforce contacts: %w", err)
	}
	return out, nil
}

// readZendesk lists every user and organization, grouped by lower-cased
// external id so duplicates show.
func readZendesk(ctx context.Context, baseURL string) (map[string][]zendesk.User, map[string][]int64, error) {
	zd, err := zendesk.NewClient(zendesk.Config{BaseURL: baseURL, Email: sandboxZendeskEmail, APIToken: sandboxZendeskToken})
	if err != nil {
		return nil, nil, fmt.Errorf("zendesk client: %w", err)
	}
	users := map[string][]zendesk.User{}
	for u, err := range zd.AllUsers(ctx, &zendesk.ListOptions{PageSize: listPageSize}) {
		if err != nil {
			return nil, nil, fmt.Errorf("list Zendesk users: %w", err)
		}
		if u.ExternalID != "" {
			k := strings.ToLower(u.ExternalID)
			users[k] = append(users[k], u)
		}
	}
	orgs := map[string][]int64{}
	for o, err := range zd.AllOrganizations(ctx, &zendesk.ListOptions{PageSize: listPageSize}) {
		if err != nil {
			return nil, nil, fmt.Errorf("list Zendesk organizations: %w", err)
		}
		if o.ExternalID != "" {
			k := strings.ToLower(o.ExternalID)
			orgs[k] = append(orgs[k], o.ID)
		}
	}
	return users, orgs, nil
}

// rejectedInHistory reads every rejection from the page activities'
// results, following the workflow across continue-as-new runs: the result
// itself lists only the first few hundred.
func rejectedInHistory(ctx context.Context, c client.Client, workflowID, runID string) (map[string]activities.Rejection, int, error) {
	out := map[string]activities.Rejection{}
	runs := 1
	for {
		it := c.GetWorkflowHistory(ctx, workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		next := ""
		for it.HasNext() {
			ev, err := it.Next()
			if err != nil {
				return nil, runs, fmt.Errorf("read history of run %s: %w", runID, err)
			}
			if a := ev.GetActivityTaskCompletedEventAttributes(); a != nil {
				for _, p := range a.GetResult().GetPayloads() {
					var r struct {
						Rejected []activities.Rejection
						Resolved *activities.ResolveResult // a fetch's
					}
					if json.Unmarshal(p.GetData(), &r) == nil {
						if r.Resolved != nil {
							r.Rejected = r.Resolved.Rejected
						}
						for _, rej := range r.Rejected {
							out[rej.SalesforceID] = rej
						}
					}
				}
			}
			if can := ev.GetWorkflowExecutionContinuedAsNewEventAttributes(); can != nil {
				next = can.GetNewExecutionRunId()
			}
		}
		if next == "" {
			return out, runs, nil
		}
		runID = next
		runs++
	}
}
