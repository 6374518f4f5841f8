package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

const (
	casesSOQL        = "SELECT Id, Zendesk_Ticket_Id__c FROM Case WHERE Zendesk_Ticket_Id__c != null"
	caseCommentsSOQL = "SELECT ParentId, CommentBody FROM CaseComment WHERE IsPublished = true"
)

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

// readComments reads, per live ticket, how many times each body stands in
// its public comments after the first (the description), and how many
// times in the published comments of its case.
func readComments(ctx context.Context, zendeskURL, salesforceURL string, tickets []int64) (want, got map[int64]map[string]int, err error) {
	zd, err := zendesk.NewClient(zendesk.Config{BaseURL: zendeskURL, Email: sandboxZendeskEmail, APIToken: sandboxZendeskToken})
	if err != nil {
		return nil, nil, fmt.Errorf("zendesk client: %w", err)
	}
	want = map[int64]map[string]int{}
	for _, id := range tickets {
		want[id] = map[string]int{}
		first := true
		for c, err := range zd.AllTicketComments(ctx, id, nil) {
			if err != nil {
				return nil, nil, fmt.Errorf("list comments of ticket %d: %w", id, err)
			}
			if !first && c.GetPublic() {
				want[id][c.Body]++
			}
			first = false
		}
	}
	sf, err := salesforce.NewClient(salesforce.Config{LoginURL: salesforceURL, ClientID: sandboxClientID, ClientSecret: sandboxClientSecret})
	if err != nil {
		return nil, nil, fmt.Errorf("salesforce client: %w", err)
	}
	ticketOf := map[string]int64{}
	err = sf.QueryEach(ctx, casesSOQL, &salesforce.QueryOptions{BatchSize: salesforceBatchSize}, func(p *salesforce.QueryResult) error {
		for _, r := range p.Records {
			if id, err := strconv.ParseInt(r.String("Zendesk_Ticket_Id__c"), 10, 64); err == nil {
				ticketOf[r.ID()] = id
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read Salesforce cases: %w", err)
	}
	got = map[int64]map[string]int{}
	err = sf.QueryEach(ctx, caseCommentsSOQL, &salesforce.QueryOptions{BatchSize: salesforceBatchSize}, func(p *salesforce.QueryResult) error {
		for _, r := range p.Records {
			if id, ok := ticketOf[r.String("ParentId")]; ok {
				if got[id] == nil {
					got[id] = map[string]int{}
				}
				got[id][r.String("CommentBody")]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read Salesforce case comments: %w", err)
	}
	return want, got, nil
}

// verifyComments counts comments with no copy on the case and copies made
// more than once.
func verifyComments(want, got map[int64]map[string]int, t *tally) {
	for id, bodies := range want {
		for body, n := range bodies {
			t.Comments += n
			switch m := got[id][body]; {
			case m < n:
				t.CommentsLost += n - m
				t.problem("ticket %d: comment %q copied %d of %d times", id, clipBody(body), m, n)
			case m > n:
				t.CommentsDuplicated += m - n
				t.problem("ticket %d: comment %q copied %d times for %d", id, clipBody(body), m, n)
			}
		}
	}
}

func clipBody(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
