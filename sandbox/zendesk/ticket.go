package zendesk

import (
	"html"
	"slices"
	"time"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// ticket is a stored ticket, never changed in place (see user).
type ticket struct {
	ID              int64
	ExternalID      string
	Subject         string
	Status          string
	Priority        string
	Type            string
	RequesterID     int64
	SubmitterID     int64
	AssigneeID      int64
	OrganizationID  int64
	GroupID         int64
	CollaboratorIDs []int64
	Tags            []string
	CustomFields    []customField
	Comments        []comment
	// Audits are the ticket's changes, oldest first; the ticket events
	// export reads them.
	Audits []audit
	// Via is the channel the ticket came in through: "web" for seeded
	// tickets, "api" for those the API created.
	Via       string
	CreatedAt time.Time
	UpdatedAt time.Time
	// Generated moves on every change, system ones included; the ticket
	// export filters on it.
	Generated time.Time
}

type customField struct {
	ID    flexID `json:"id"`
	Value any    `json:"value"`
}

type comment struct {
	ID       int64
	AuthorID int64
	Body     string
	HTMLBody string
	Public   bool
	AuditID  int64
	Via      string
	// Custom is the ticket.metadata of the write that added the comment,
	// which its metadata.custom shows.
	Custom    map[string]any
	CreatedAt time.Time
}

type ticketJSON struct {
	ID              int64         `json:"id"`
	URL             string        `json:"url"`
	ExternalID      *string       `json:"external_id"`
	Subject         string        `json:"subject"`
	RawSubject      string        `json:"raw_subject"`
	Description     string        `json:"description"`
	Status          string        `json:"status"`
	Priority        *string       `json:"priority"`
	Type            *string       `json:"type"`
	RequesterID     int64         `json:"requester_id"`
	SubmitterID     int64         `json:"submitter_id"`
	AssigneeID      *int64        `json:"assignee_id"`
	OrganizationID  *int64        `json:"organization_id"`
	GroupID         *int64        `json:"group_id"`
	CollaboratorIDs []int64       `json:"collaborator_ids"`
	Tags            []string      `json:"tags"`
	CustomFields    []customField `json:"custom_fields"`
	Via             viaJSON       `json:"via"`
	CreatedAt       string        `json:"created_at"`
	UpdatedAt       string        `json:"updated_at"`
	Generated       int64         `json:"generated_timestamp"`
}

func (t *ticket) render(base string) ticketJSON {
	var description string
	if len(t.Comments) > 0 {
		description = t.Comments[0].Body
	}
	collaborators := t.CollaboratorIDs
	if collaborators == nil {
		collaborators = []int64{}
	}
	fields := t.CustomFields
	if fields == nil {
		fields = []customField{}
	}
	return ticketJSON{
		ID:              t.ID,
		URL:             recordURL(base, "tickets", t.ID),
		ExternalID:      stringOrNil(t.ExternalID),
		Subject:         t.Subject,
		RawSubject:      t.Subject,
		Description:     description,
		Status:          t.Status,
		Priority:        stringOrNil(t.Priority),
		Type:            stringOrNil(t.Type),
		RequesterID:     t.RequesterID,
		SubmitterID:     t.SubmitterID,
		AssigneeID:      idOrNil(t.AssigneeID),
		OrganizationID:  idOrNil(t.OrganizationID),
		GroupID:         idOrNil(t.GroupID),
		CollaboratorIDs: collaborators,
		Tags:            nonNilStrings(t.Tags),
		CustomFields:    fields,
		Via:             renderVia(t.Via),
		CreatedAt:       zendeskTime(t.CreatedAt),
		UpdatedAt:       zendeskTime(t.UpdatedAt),
		Generated:       t.Generated.Unix(),
	}
}

type commentJSON struct {
	ID          int64           `json:"id"`
	Type        string          `json:"type"`
	AuthorID    int64           `json:"author_id"`
	Body        string          `json:"body"`
	HTMLBody    string          `json:"html_body"`
	PlainBody   string          `json:"plain_body"`
	Public      bool            `json:"public"`
	AuditID     int64           `json:"audit_id"`
	Via         viaJSON         `json:"via"`
	Metadata    commentMetadata `json:"metadata"`
	Attachments []string        `json:"attachments"`
	CreatedAt   string          `json:"created_at"`
}

type commentMetadata struct {
	System map[string]any `json:"system"`
	Custom map[string]any `json:"custom"`
}

func (c *comment) render() commentJSON {
	htmlBody := c.HTMLBody
	if htmlBody == "" {
		htmlBody = `<div class="zd-comment" dir="auto"><p dir="auto">` + html.EscapeString(c.Body) + "</p></div>"
	}
	return commentJSON{
		ID: c.ID, Type: "Comment", AuthorID: c.AuthorID, Body: c.Body, HTMLBody: htmlBody,
		PlainBody: c.Body, Public: c.Public, AuditID: c.AuditID, Via: renderVia(c.Via),
		Metadata:    commentMetadata{System: map[string]any{}, Custom: nonNilMap(c.Custom)},
		Attachments: []string{}, CreatedAt: zendeskTime(c.CreatedAt),
	}
}

// viaJSON is how a ticket, comment or audit came in: a channel such as
// "web" or "api", and a source that only email and social channels fill.
type viaJSON struct {
	Channel string    `json:"channel"`
	Source  viaSource `json:"source"`
}

type viaSource struct {
	From map[string]any `json:"from"`
	To   map[string]any `json:"to"`
	Rel  *string        `json:"rel"`
}

func renderVia(channel string) viaJSON {
	return viaJSON{Channel: channel, Source: viaSource{From: map[string]any{}, To: map[string]any{}}}
}

func ticketFromSeed(t seed.Ticket) *ticket {
	tk := &ticket{
		ID: t.ID, ExternalID: t.ExternalID, Subject: t.Subject, Status: t.Status,
		Priority: t.Priority, Type: t.Type, RequesterID: t.RequesterID, SubmitterID: t.SubmitterID,
		AssigneeID: t.AssigneeID, OrganizationID: t.OrganizationID, Tags: slices.Clone(t.Tags),
		Via: "web", CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt, Generated: t.UpdatedAt,
	}
	if tk.Status == "" {
		tk.Status = "new"
	}
	if tk.SubmitterID == 0 {
		tk.SubmitterID = tk.RequesterID
	}
	for _, c := range t.Comments {
		tk.Comments = append(tk.Comments, comment{ID: c.ID, AuthorID: c.AuthorID, Body: c.Body, Public: c.Public, Via: "web", CreatedAt: c.CreatedAt})
	}
	return tk
}
