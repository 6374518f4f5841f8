package zendesk

import (
	"reflect"
	"strconv"
	"time"
)

// audit is one write to a ticket that changed it: who made it, when,
// through which channel, and its events. Zendesk answers a ticket write
// with it, and the ticket events export lists one per audit.
type audit struct {
	ID        int64
	AuthorID  int64
	Via       string
	CreatedAt time.Time
	// Custom is the write's ticket.metadata.
	Custom map[string]any
	Events []event
}

// event is one part of an audit: a field set on create ("Create"), a field
// changed ("Change"), or the comment the write added ("Comment").
type event struct {
	ID       int64
	Type     string
	Field    string
	Value    any
	Previous any
	Comment  *comment
}

// auditedFields are the ticket fields audits record, valued as Zendesk
// writes them in events: text, ids as decimal strings, tags as a list,
// nil for unset.
var auditedFields = []struct {
	name string
	get  func(*ticket) any
}{
	{"subject", func(t *ticket) any { return textValue(t.Subject) }},
	{"status", func(t *ticket) any { return textValue(t.Status) }},
	{"priority", func(t *ticket) any { return textValue(t.Priority) }},
	{"type", func(t *ticket) any { return textValue(t.Type) }},
	{"requester_id", func(t *ticket) any { return idValue(t.RequesterID) }},
	{"assignee_id", func(t *ticket) any { return idValue(t.AssigneeID) }},
	{"organization_id", func(t *ticket) any { return idValue(t.OrganizationID) }},
	{"group_id", func(t *ticket) any { return idValue(t.GroupID) }},
	{"external_id", func(t *ticket) any { return textValue(t.ExternalID) }},
	{"tags", func(t *ticket) any {
		if len(t.Tags) == 0 {
			return nil
		}
		return t.Tags
	}},
}

func textValue(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func idValue(id int64) any {
	if id == 0 {
		return nil
	}
	return strconv.FormatInt(id, 10)
}

// newAudit starts the audit of a write the API user makes now.
func (s *store) newAudit(now time.Time, custom map[string]any) audit {
	return audit{ID: s.nextID(), AuthorID: s.apiUserID, Via: "api", CreatedAt: now, Custom: custom}
}

func (s *store) nextID() int64 {
	s.nextEvent++
	return s.nextEvent
}

// addComment makes c the audit's comment: it takes the audit's id,
// channel, time and metadata, and becomes its first event.
func (a *audit) addComment(c comment) comment {
	c.AuditID, c.Via, c.CreatedAt, c.Custom = a.ID, a.Via, a.CreatedAt, a.Custom
	a.Events = append([]event{{ID: c.ID, Type: "Comment", Comment: &c}}, a.Events...)
	return c
}

// addFieldEvents records what changed from old to t, or, when old is nil,
// the fields the new ticket t was created with.
func (s *store) addFieldEvents(a *audit, old, t *ticket) {
	for _, f := range auditedFields {
		v := f.get(t)
		switch {
		case old == nil && v != nil:
			a.Events = append(a.Events, event{ID: s.nextID(), Type: "Create", Field: f.name, Value: v})
		case old != nil:
			if prev := f.get(old); !reflect.DeepEqual(prev, v) {
				a.Events = append(a.Events, event{ID: s.nextID(), Type: "Change", Field: f.name, Value: v, Previous: prev})
			}
		}
	}
	for _, cf := range t.CustomFields {
		var prev any
		found := false
		if old != nil {
			for _, o := range old.CustomFields {
				if o.ID == cf.ID {
					prev, found = o.Value, true
				}
			}
		}
		name := strconv.FormatInt(int64(cf.ID), 10)
		switch {
		case old == nil:
			a.Events = append(a.Events, event{ID: s.nextID(), Type: "Create", Field: name, Value: cf.Value})
		case !found || !jsonEqual(map[string]any{"v": prev}, map[string]any{"v": cf.Value}):
			a.Events = append(a.Events, event{ID: s.nextID(), Type: "Change", Field: name, Value: cf.Value, Previous: prev})
		}
	}
}

// seedAudits gives each seeded comment the audit it came with, the first
// one creating the ticket.
func (s *store) seedAudits(t *ticket) {
	for i := range t.Comments {
		c := &t.Comments[i]
		a := audit{ID: s.nextID(), AuthorID: c.AuthorID, Via: t.Via, CreatedAt: c.CreatedAt}
		if i == 0 {
			s.addFieldEvents(&a, nil, t)
		}
		*c = a.addComment(*c)
		t.Audits = append(t.Audits, a)
	}
}

type auditJSON struct {
	ID        int64           `json:"id"`
	TicketID  int64           `json:"ticket_id"`
	CreatedAt string          `json:"created_at"`
	AuthorID  int64           `json:"author_id"`
	Metadata  commentMetadata `json:"metadata"`
	Via       viaJSON         `json:"via"`
	Events    []any           `json:"events"`
}

// render is the audit as a ticket write answers with it.
func (a *audit) render(ticketID int64) auditJSON {
	out := auditJSON{ID: a.ID, TicketID: ticketID, CreatedAt: zendeskTime(a.CreatedAt), AuthorID: a.AuthorID,
		Metadata: a.metadata(), Via: renderVia(a.Via), Events: make([]any, len(a.Events))}
	for i := range a.Events {
		e := &a.Events[i]
		if e.Comment != nil {
			out.Events[i] = e.Comment.render()
			continue
		}
		out.Events[i] = e.renderField(nil)
	}
	return out
}

func (a *audit) metadata() commentMetadata {
	return commentMetadata{System: map[string]any{}, Custom: nonNilMap(a.Custom)}
}

// renderField is a Create or Change event; extra keys are added as they
// are (the export adds via and event_type).
func (e *event) renderField(extra map[string]any) map[string]any {
	m := map[string]any{"id": e.ID, "type": e.Type, "field_name": e.Field, "value": e.Value}
	if e.Type == "Change" {
		m["previous_value"] = e.Previous
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// lastAudit is t's audit with id, when it is the latest.
func (t *ticket) lastAudit(id int64) (*audit, bool) {
	if n := len(t.Audits); n > 0 && t.Audits[n-1].ID == id {
		return &t.Audits[n-1], true
	}
	return nil, false
}
