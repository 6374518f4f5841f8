package zendesk

import (
	"encoding/json"
	"fmt"
	"time"
)

// Via is how a ticket, comment or audit came in. The ticket events export
// writes it as a name ("Web service"), elsewhere it is an object with a
// channel ("api", "web", "email") and a source.
type Via struct {
	Channel string         `json:"channel,omitempty"`
	Source  map[string]any `json:"source,omitempty"`
	// Name is the export's form; it is never sent.
	Name string `json:"-"`
}

// UnmarshalJSON takes either form.
func (v *Via) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*v = Via{}
		return json.Unmarshal(b, &v.Name)
	}
	type plain Via
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("via: %w", err)
	}
	*v = Via(p)
	return nil
}

// Audit is one write to a ticket that changed it. AuthorID is the user who
// made the write (the API user for API writes, whoever a comment names as
// its author).
type Audit struct {
	ID        int64           `json:"id"`
	TicketID  int64           `json:"ticket_id"`
	AuthorID  int64           `json:"author_id"`
	CreatedAt time.Time       `json:"created_at"`
	Via       *Via            `json:"via,omitempty"`
	Metadata  CommentMetadata `json:"metadata"`
	Events    []AuditEvent    `json:"events"`
}

// Audit event types.
const (
	EventComment = "Comment"
	EventCreate  = "Create"
	EventChange  = "Change"
)

// AuditEvent is one part of an audit: a Comment event carries the comment
// the write added, Create and Change events a field's value.
type AuditEvent struct {
	ID   int64  `json:"id"`
	Type string `json:"type"`

	AuthorID    int64        `json:"author_id,omitempty"`
	Body        string       `json:"body,omitempty"`
	HTMLBody    string       `json:"html_body,omitempty"`
	PlainBody   string       `json:"plain_body,omitempty"`
	Public      *bool        `json:"public,omitempty"`
	AuditID     int64        `json:"audit_id,omitempty"`
	Attachments []Attachment `json:"attachments,omitempty"`

	FieldName     string `json:"field_name,omitempty"`
	Value         any    `json:"value,omitempty"`
	PreviousValue any    `json:"previous_value,omitempty"`
}

// Comment returns the comment the write added, nil when it added none.
func (a *Audit) Comment() *Comment {
	for i := range a.Events {
		if e := &a.Events[i]; e.Type == EventComment {
			meta := a.Metadata
			return e.comment(a.ID, a.Via, &meta, a.CreatedAt)
		}
	}
	return nil
}

// comment is a Comment event as the comment it records.
func (e *AuditEvent) comment(auditID int64, via *Via, meta *CommentMetadata, at time.Time) *Comment {
	if e.AuditID != 0 {
		auditID = e.AuditID
	}
	return &Comment{ID: e.ID, Type: EventComment, AuthorID: e.AuthorID, Body: e.Body, HTMLBody: e.HTMLBody,
		PlainBody: e.PlainBody, Public: e.Public, AuditID: auditID, Via: via, Metadata: meta,
		Attachments: e.Attachments, CreatedAt: at}
}
