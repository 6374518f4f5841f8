package zendesk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Ticket statuses.
const (
	StatusNew     = "new"
	StatusOpen    = "open"
	StatusPending = "pending"
	StatusHold    = "hold"
	StatusSolved  = "solved"
	StatusClosed  = "closed"
	// StatusDeleted appears in the ticket export for deleted tickets.
	StatusDeleted = "deleted"
)

// Ticket is a Zendesk ticket. Comment is write-only: set it on create (it
// becomes the description) or on update to add a comment.
type Ticket struct {
	ID                 int64         `json:"id,omitempty"`
	URL                string        `json:"url,omitempty"`
	ExternalID         string        `json:"external_id,omitempty"`
	Subject            string        `json:"subject,omitempty"`
	Description        string        `json:"description,omitempty"`
	Status             string        `json:"status,omitempty"`
	Priority           *string       `json:"priority,omitempty"` // urgent, high, normal, low
	Type               *string       `json:"type,omitempty"`     // problem, incident, question, task
	RequesterID        *int64        `json:"requester_id,omitempty"`
	SubmitterID        *int64        `json:"submitter_id,omitempty"`
	AssigneeID         *int64        `json:"assignee_id,omitempty"`
	OrganizationID     *int64        `json:"organization_id,omitempty"`
	GroupID            *int64        `json:"group_id,omitempty"`
	CollaboratorIDs    []int64       `json:"collaborator_ids,omitempty"`
	Tags               []string      `json:"tags,omitempty"`
	CustomFields       []CustomField `json:"custom_fields,omitempty"`
	Comment            *Comment      `json:"comment,omitempty"`
	CreatedAt          time.Time     `json:"created_at,omitzero"`
	UpdatedAt          time.Time     `json:"updated_at,omitzero"`
	GeneratedTimestamp int64         `json:"generated_timestamp,omitempty"` // unix seconds; what the export filters on
}

// GetPriority returns the priority, or "" when unset.
func (t *Ticket) GetPriority() string { return deref(t.Priority) }

// GetType returns the type, or "" when unset.
func (t *Ticket) GetType() string { return deref(t.Type) }

// GetAssigneeID returns the assignee, or 0 when unassigned.
func (t *Ticket) GetAssigneeID() int64 { return deref(t.AssigneeID) }

// GetRequesterID returns the requester, or 0 when unset.
func (t *Ticket) GetRequesterID() int64 { return deref(t.RequesterID) }

// CustomField is one ticket custom field value.
type CustomField struct {
	ID    int64 `json:"id"`
	Value any   `json:"value"`
}

// Comment is a ticket comment.
type Comment struct {
	ID        int64     `json:"id,omitempty"`
	Type      string    `json:"type,omitempty"`
	AuthorID  int64     `json:"author_id,omitempty"`
	Body      string    `json:"body,omitempty"`
	HTMLBody  string    `json:"html_body,omitempty"`
	Public    *bool     `json:"public,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// GetPublic returns Public; Zendesk treats an unset flag as public.
func (c *Comment) GetPublic() bool {
	if c.Public == nil {
		return true
	}
	return *c.Public
}

type ticketEnvelope struct {
	Ticket *Ticket `json:"ticket"`
}

func (e ticketEnvelope) check() error {
	if e.Ticket == nil {
		return errors.New(`response has no "ticket"`)
	}
	return nil
}

type commentsPage struct {
	Comments []Comment `json:"comments"`
	cursorEnvelope
}

func (p commentsPage) check() error {
	if p.Comments == nil {
		return errors.New(`response has no "comments" list`)
	}
	return p.cursorEnvelope.check()
}

// CreateTicket creates a ticket; set t.Comment for its description.
func (c *Client) CreateTicket(ctx context.Context, t *Ticket) (*Ticket, error) {
	if t == nil {
		return nil, errors.New("zendesk: create ticket: nil ticket")
	}
	var env ticketEnvelope
	if _, err := c.do(ctx, request{method: http.MethodPost, path: "/api/v2/tickets", body: ticketEnvelope{t}}, &env); err != nil {
		return nil, err
	}
	return env.Ticket, nil
}

// UpdateTicket changes the fields set in t; set t.Comment to add a comment.
// A closed ticket answers with a RecordInvalidError on "status".
func (c *Client) UpdateTicket(ctx context.Context, id int64, t *Ticket) (*Ticket, error) {
	if t == nil {
		return nil, errors.New("zendesk: update ticket: nil ticket")
	}
	var env ticketEnvelope
	if _, err := c.do(ctx, request{method: http.MethodPut, path: ticketPath(id), body: ticketEnvelope{t}}, &env); err != nil {
		return nil, err
	}
	return env.Ticket, nil
}

// ShowTicket fetches one ticket.
func (c *Client) ShowTicket(ctx context.Context, id int64) (*Ticket, error) {
	var env ticketEnvelope
	if _, err := c.do(ctx, request{method: http.MethodGet, path: ticketPath(id)}, &env); err != nil {
		return nil, err
	}
	return env.Ticket, nil
}

// ListTicketComments fetches one cursor page of a ticket's comments, oldest
// first.
func (c *Client) ListTicketComments(ctx context.Context, ticketID int64, opts *ListOptions) ([]Comment, *CursorPage, error) {
	q, err := opts.values()
	if err != nil {
		return nil, nil, fmt.Errorf("zendesk: list ticket comments: %w", err)
	}
	var p commentsPage
	if _, err := c.do(ctx, request{method: http.MethodGet, path: ticketPath(ticketID) + "/comments", query: q}, &p); err != nil {
		return nil, nil, err
	}
	return p.Comments, p.page(), nil
}

func ticketPath(id int64) string {
	return "/api/v2/tickets/" + strconv.FormatInt(id, 10)
}
