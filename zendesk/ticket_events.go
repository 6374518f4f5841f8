package zendesk

import (
	"context"
	"time"
)

// TicketEventsExport is one page of the time-based ticket events export:
// one event per ticket write, oldest first, the last minute left out.
// Continue with EndTime as the next start until EndOfStream; pages may
// repeat events at their boundaries, so de-duplicate by id.
type TicketEventsExport struct {
	Events      []TicketEvent
	Count       int
	EndTime     time.Time
	NextPage    string
	EndOfStream bool
}

// TicketEvent is one write to a ticket (an audit) in the export. UpdaterID
// is who made it; ChildEvents are its parts.
type TicketEvent struct {
	ID          int64              `json:"id"` // the audit's id
	TicketID    int64              `json:"ticket_id"`
	Timestamp   int64              `json:"timestamp"` // unix seconds
	CreatedAt   time.Time          `json:"created_at"`
	UpdaterID   int64              `json:"updater_id"`
	Via         Via                `json:"via"`
	Metadata    CommentMetadata    `json:"metadata"`
	EventType   string             `json:"event_type"` // Audit
	ChildEvents []TicketChildEvent `json:"child_events"`
}

// TicketChildEvent is one part of an exported write. Read without
// comments, a Comment event only says that there was one and whether it
// was public; read with them, it is the comment.
type TicketChildEvent struct {
	AuditEvent
	EventType      string    `json:"event_type"` // Comment, Create, Change, …
	Via            Via       `json:"via"`
	ViaReferenceID *int64    `json:"via_reference_id"`
	CommentPresent *bool     `json:"comment_present,omitempty"`
	CommentPublic  *bool     `json:"comment_public,omitempty"`
	CreatedAt      time.Time `json:"created_at,omitzero"`
}

// Comment returns the comment a Comment event carries when the export was
// read with comments; ok is false for other events and for comments read
// without.
func (e *TicketChildEvent) Comment() (*Comment, bool) {
	if e.EventType != EventComment || e.CommentPresent != nil {
		return nil, false
	}
	via := e.Via
	return e.AuditEvent.comment(0, &via, nil, e.CreatedAt), true
}

type ticketEventsExportBody struct {
	TicketEvents []TicketEvent `json:"ticket_events"`
	timeExportPage
}

func (b *ticketEventsExportBody) check() error {
	return b.timeExportPage.check("ticket_events", b.TicketEvents != nil)
}

// IncrementalTicketEvents reads one page of ticket writes made on or after
// start; includeComments asks for the comments themselves
// (include=comment_events). It counts against the export bucket.
func (c *Client) IncrementalTicketEvents(ctx context.Context, start time.Time, includeComments bool) (*TicketEventsExport, error) {
	var include []string
	if includeComments {
		include = []string{"comment_events"}
	}
	var body ticketEventsExportBody
	if err := c.export(ctx, "ticket events", "/api/v2/incremental/ticket_events.json", start, "", 0, &body, include...); err != nil {
		return nil, err
	}
	return &TicketEventsExport{
		Events:      body.TicketEvents,
		Count:       body.Count,
		EndTime:     body.endTime(),
		NextPage:    body.NextPage,
		EndOfStream: body.EndOfStream,
	}, nil
}
