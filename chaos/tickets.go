package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

const casesSOQL = "SELECT Id, Zendesk_Ticket_Id__c FROM Case WHERE Zendesk_Ticket_Id__c != null"

// readTickets reads every live ticket's id through the ticket export, and
// how many cases carry each ticket id through SOQL.
func readTickets(ctx context.Context, zendeskURL, salesforceURL string) ([]int64, map[int64]int, error) {
	zd, err := zendesk.NewClient(zendesk.Config{BaseURL: zendeskURL, Email: sandboxZendeskEmail, APIToken: sandboxZendeskToken})
	if err != nil {
		return nil, nil, fmt.Errorf("zendesk client: %w", err)
	}
	var tickets []int64
	cursor := ""
	for {
		e, err := zd.IncrementalTickets(ctx, time.Unix(1, 0), cursor, zendesk.MaxExportPage)
		if err != nil {
			return nil, nil, fmt.Errorf("export Zendesk tickets: %w", err)
		}
		for _, t := range e.Tickets {
			if t.Status != zendesk.StatusDeleted {
				tickets = append(tickets, t.ID)
			}
		}
		if e.EndOfStream {
			break
		}
		cursor = e.AfterCursor
	}
	sf, err := salesforce.NewClient(salesforce.Config{LoginURL: salesforceURL, ClientID: sandboxClientID, ClientSecret: sandboxClientSecret})
	if err != nil {
		return nil, nil, fmt.Errorf("salesforce client: %w", err)
	}
	cases := map[int64]int{}
	err = sf.QueryEach(ctx, casesSOQL, &salesforce.QueryOptions{BatchSize: salesforceBatchSize}, func(p *salesforce.QueryResult) error {
		for _, r := range p.Records {
			if id, err := strconv.ParseInt(r.String("Zendesk_Ticket_Id__c"), 10, 64); err == nil {
				cases[id]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read Salesforce cases: %w", err)
	}
	return tickets, cases, nil
}

// verifyTickets counts tickets with no case and tickets with more than one.
func verifyTickets(tickets []int64, cases map[int64]int, t *tally) {
	t.Tickets = len(tickets)
	for _, id := range tickets {
		switch n := cases[id]; {
		case n == 0:
			t.TicketsLost++
			t.problem("ticket %d has no case", id)
		case n > 1:
			t.TicketsDuplicated++
			t.problem("ticket %d has %d cases", id, n)
		}
	}
}
