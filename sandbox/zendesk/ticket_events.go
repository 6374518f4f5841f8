package zendesk

import (
	"slices"
	"strings"
)

// viaNames are the channel names the ticket events export writes where
// the other endpoints write a via object.
var viaNames = map[string]string{"api": "Web service", "web": "Web form"}

// ticketEvent is one audit as the ticket events export lists it.
type ticketEvent struct {
	ticketID int64
	audit    *audit
}

type ticketEventJSON struct {
	ID          int64           `json:"id"`
	TicketID    int64           `json:"ticket_id"`
	Timestamp   int64           `json:"timestamp"`
	CreatedAt   string          `json:"created_at"`
	UpdaterID   int64           `json:"updater_id"`
	Via         string          `json:"via"`
	System      map[string]any  `json:"system"`
	Metadata    commentMetadata `json:"metadata"`
	EventType   string          `json:"event_type"`
	ChildEvents []any           `json:"child_events"`
}

// commentEventJSON is a comment among an export event's child events,
// with include=comment_events.
type commentEventJSON struct {
	commentJSON
	ViaReferenceID *int64 `json:"via_reference_id"`
	EventType      string `json:"event_type"`
}

// render lists the audit's events as child events. Without
// include=comment_events a comment is only said to be there, and whether
// it is public.
func (e ticketEvent) render(withComments bool) ticketEventJSON {
	a := e.audit
	via := viaNames[a.Via]
	out := ticketEventJSON{ID: a.ID, TicketID: e.ticketID, Timestamp: a.CreatedAt.Unix(), CreatedAt: zendeskTime(a.CreatedAt),
		UpdaterID: a.AuthorID, Via: via, System: map[string]any{}, Metadata: a.metadata(), EventType: "Audit",
		ChildEvents: make([]any, 0, len(a.Events))}
	for i := range a.Events {
		ev := &a.Events[i]
		switch {
		case ev.Comment != nil && withComments:
			out.ChildEvents = append(out.ChildEvents, commentEventJSON{commentJSON: ev.Comment.render(), EventType: "Comment"})
		case ev.Comment != nil:
			out.ChildEvents = append(out.ChildEvents, map[string]any{"id": ev.ID, "via": via, "via_reference_id": nil,
				"comment_present": true, "comment_public": ev.Comment.Public, "event_type": "Comment"})
		default:
			out.ChildEvents = append(out.ChildEvents, ev.renderField(map[string]any{"via": via, "via_reference_id": nil, "event_type": ev.Type}))
		}
	}
	return out
}

// exportTicketEvents is the time-based ticket events export: one event
// per audit, deleted tickets' included, by the audit's time.
func (s *Server) exportTicketEvents(c *call) *apiError {
	req, e := s.parseExport(c, false)
	if e != nil {
		return e
	}
	withComments := slices.Contains(strings.Split(c.r.URL.Query().Get("include"), ","), "comment_events")
	s.mu.RLock()
	var events []ticketEvent
	byID := map[int64]ticketEvent{}
	for _, id := range withDeleted(s.st.ticketIDs, s.st.deletedTickets) {
		t := liveOrDeleted(s.st.tickets, s.st.deletedTickets, id)
		for i := range t.Audits {
			ev := ticketEvent{ticketID: id, audit: &t.Audits[i]}
			events = append(events, ev)
			byID[ev.audit.ID] = ev
		}
	}
	ids := make([]int64, len(events))
	for i, ev := range events {
		ids[i] = ev.audit.ID
	}
	items := selectExport(ids, func(id int64) (ticketEvent, int64) {
		ev := byID[id]
		return ev, ev.audit.CreatedAt.Unix()
	}, req)
	s.mu.RUnlock()
	writeTimeExport(c, "ticket_events", items, req, func(ev ticketEvent) ticketEventJSON { return ev.render(withComments) })
	return nil
}
