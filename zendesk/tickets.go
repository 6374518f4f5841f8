package zendesk

import (
	"context"
	"errors"
	"fmt"
	"iter"
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

// Ticket is a Zendesk ticket. Comment, Requester, AssigneeEmail and
// Metadata are write-only: set Comment on create (it becomes the
// description) or on update to add a comment.
type Ticket struct {
	ID              int64         `json:"id,omitempty"`
	URL             string        `json:"url,omitempty"`
	ExternalID      string        `json:"external_id,omitempty"`
	Subject         string        `json:"subject,omitempty"`
	Description     string        `json:"description,omitempty"`
	Status          string        `json:"status,omitempty"`
	Priority        *string       `json:"priority,omitempty"` // urgent, high, normal, low
	Type            *string       `json:"type,omitempty"`     // problem, incident, question, task
	RequesterID     *int64        `json:"requester_id,omitempty"`
	SubmitterID     *int64        `json:"submitter_id,omitempty"`
	AssigneeID      *int64        `json:"assignee_id,omitempty"`
	OrganizationID  *int64        `json:"organization_id,omitempty"`
	GroupID         *int64        `json:"group_id,omitempty"`
	CollaboratorIDs []int64       `json:"collaborator_ids,omitempty"`
	Tags            []string      `json:"tags,omitempty"`
	CustomFields    []CustomField `json:"custom_fields,omitempty"`
	Comment         *Comment      `json:"comment,omitempty"`
	// Requester names the requester by address instead of RequesterID:
	// the user with that email, used unchanged, or a new end-user.
	Requester *Requester `json:"requester,omitempty"`
	// AssigneeEmail names the assignee by address instead of AssigneeID.
	AssigneeEmail string `json:"assignee_email,omitempty"`
	// Metadata lands in the write's audit, as Audit.Metadata.Custom, and
	// in the metadata of the comment the write adds: a marker of who
	// wrote it (at most 1 KB, and only kept when the write changes the
	// ticket).
	Metadata           map[string]any `json:"metadata,omitempty"`
	Via                *Via           `json:"via,omitempty"`
	CreatedAt          time.Time      `json:"created_at,omitzero"`
	UpdatedAt          time.Time      `json:"updated_at,omitzero"`
	GeneratedTimestamp int64          `json:"generated_timestamp,omitempty"` // unix seconds; what the export filters on
}

// Requester is a ticket's requester given by address. Name is required
// when no user has the address yet.
type Requester struct {
	Name     string `json:"name,omitempty"`
	Email    string `json:"email,omitempty"`
	LocaleID int64  `json:"locale_id,omitempty"`
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

// Comment is a ticket comment. Comments cannot be edited or deleted. On a
// write only Body or HTMLBody, Public and AuthorID are sent: AuthorID
// names the user shown as the author (the API user when unset), and an
// unset Public takes the publicity of the ticket's first comment.
type Comment struct {
	ID          int64            `json:"id,omitempty"`
	Type        string           `json:"type,omitempty"` // Comment or VoiceComment
	AuthorID    int64            `json:"author_id,omitempty"`
	Body        string           `json:"body,omitempty"`
	HTMLBody    string           `json:"html_body,omitempty"`
	PlainBody   string           `json:"plain_body,omitempty"` // read-only
	Public      *bool            `json:"public,omitempty"`
	AuditID     int64            `json:"audit_id,omitempty"` // read-only: the audit that added it
	Via         *Via             `json:"via,omitempty"`      // read-only
	Metadata    *CommentMetadata `json:"metadata,omitempty"` // read-only
	Attachments []Attachment     `json:"attachments,omitempty"`
	CreatedAt   time.Time        `json:"created_at,omitzero"`
}

// CommentMetadata is what Zendesk recorded about the write that added a
// comment, or made an audit: Custom is that write's ticket.metadata.
type CommentMetadata struct {
	System map[string]any `json:"system,omitempty"`
	Custom map[string]any `json:"custom,omitempty"`
}

// Attachment is a file attached to a comment.
type Attachment struct {
	ID          int64  `json:"id"`
	FileName    string `json:"file_name"`
	ContentURL  string `json:"content_url"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
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

// ticketWriteEnvelope is a ticket write's answer: the ticket and, when
// the write changed it, the audit recording how.
type ticketWriteEnvelope struct {
	Ticket *Ticket `json:"ticket"`
	Audit  *Audit  `json:"audit"`
}

func (e ticketWriteEnvelope) check() error { return ticketEnvelope{e.Ticket}.check() }

// CreateTicket creates a ticket; set t.Comment for its description.
func (c *Client) CreateTicket(ctx context.Context, t *Ticket) (*Ticket, error) {
	tk, _, err := c.CreateTicketWithAudit(ctx, t)
	return tk, err
}

// CreateTicketWithAudit creates a ticket and returns the audit of its
// creation too, whose Comment is the description.
func (c *Client) CreateTicketWithAudit(ctx context.Context, t *Ticket) (*Ticket, *Audit, error) {
	if t == nil {
		return nil, nil, errors.New("zendesk: create ticket: nil ticket")
	}
	return c.writeTicket(ctx, request{method: http.MethodPost, path: "/api/v2/tickets", body: ticketEnvelope{t}})
}

// UpdateTicket changes the fields set in t; set t.Comment to add a comment.
// A closed ticket answers with a RecordInvalidError on "status".
func (c *Client) UpdateTicket(ctx context.Context, id int64, t *Ticket) (*Ticket, error) {
	tk, _, err := c.UpdateTicketWithAudit(ctx, id, t)
	return tk, err
}

// UpdateTicketWithAudit is UpdateTicket that also returns the update's
// audit: Audit.Comment is the comment the update added, with the id to
// remember it by. The audit is nil when the update changed nothing.
func (c *Client) UpdateTicketWithAudit(ctx context.Context, id int64, t *Ticket) (*Ticket, *Audit, error) {
	if t == nil {
		return nil, nil, errors.New("zendesk: update ticket: nil ticket")
	}
	return c.writeTicket(ctx, request{method: http.MethodPut, path: ticketPath(id), body: ticketEnvelope{t}})
}

func (c *Client) writeTicket(ctx context.Context, r request) (*Ticket, *Audit, error) {
	var env ticketWriteEnvelope
	if _, err := c.do(ctx, r, &env); err != nil {
		return nil, nil, err
	}
	return env.Ticket, env.Audit, nil
}

// DeleteTicket deletes ticket id (204, no body). The ticket export then
// reports it with status "deleted"; an unknown or already deleted id is a
// NotFoundError.
func (c *Client) DeleteTicket(ctx context.Context, id int64) error {
	return c.deleteRecord(ctx, "ticket", "tickets", id)
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
// first unless opts.Sort is SortNewestFirst.
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

// AllTicketComments yields every comment of a ticket, fetching pages as
// the loop asks for more.
func (c *Client) AllTicketComments(ctx context.Context, ticketID int64, opts *ListOptions) iter.Seq2[Comment, error] {
	return walkCursor(ctx, opts, func(ctx context.Context, o *ListOptions) ([]Comment, *CursorPage, error) {
		return c.ListTicketComments(ctx, ticketID, o)
	})
}

func ticketPath(id int64) string {
	return "/api/v2/tickets/" + strconv.FormatInt(id, 10)
}
