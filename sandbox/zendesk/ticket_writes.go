package zendesk

import (
	"slices"
	"strings"
	"time"
)

// ticketInput is a ticket as a request carries it.
type ticketInput struct {
	recordKey
	Subject         opt[string]        `json:"subject"`
	Description     opt[string]        `json:"description"`
	Comment         opt[commentInput]  `json:"comment"`
	Status          opt[string]        `json:"status"`
	Priority        opt[string]        `json:"priority"`
	Type            opt[string]        `json:"type"`
	RequesterID     opt[flexID]        `json:"requester_id"`
	SubmitterID     opt[flexID]        `json:"submitter_id"`
	AssigneeID      opt[flexID]        `json:"assignee_id"`
	OrganizationID  opt[flexID]        `json:"organization_id"`
	GroupID         opt[flexID]        `json:"group_id"`
	CollaboratorIDs opt[[]flexID]      `json:"collaborator_ids"`
	Tags            opt[[]string]      `json:"tags"`
	CustomFields    opt[[]customField] `json:"custom_fields"`
}

type commentInput struct {
	Body     string `json:"body"`
	HTMLBody string `json:"html_body"`
	Public   *bool  `json:"public"`
	AuthorID flexID `json:"author_id"`
}

var (
	ticketStatuses   = []string{"new", "open", "pending", "hold", "solved", "closed"}
	ticketPriorities = []string{"", "urgent", "high", "normal", "low"}
	ticketTypes      = []string{"", "problem", "incident", "question", "task"}
)

func (in *ticketInput) apply(t ticket) ticket {
	if in.ExternalID.Set {
		t.ExternalID = string(in.ExternalID.Value)
	}
	if in.Subject.Set {
		t.Subject = in.Subject.Value
	}
	if in.Status.Set {
		t.Status = strings.ToLower(in.Status.Value)
	}
	if in.Priority.Set {
		t.Priority = strings.ToLower(in.Priority.Value)
	}
	if in.Type.Set {
		t.Type = strings.ToLower(in.Type.Value)
	}
	setID := func(o opt[flexID], dst *int64) {
		if o.Set {
			*dst = int64(o.Value)
		}
	}
	setID(in.RequesterID, &t.RequesterID)
	setID(in.SubmitterID, &t.SubmitterID)
	setID(in.AssigneeID, &t.AssigneeID)
	setID(in.OrganizationID, &t.OrganizationID)
	setID(in.GroupID, &t.GroupID)
	if in.CollaboratorIDs.Set {
		t.CollaboratorIDs = make([]int64, len(in.CollaboratorIDs.Value))
		for i, id := range in.CollaboratorIDs.Value {
			t.CollaboratorIDs[i] = int64(id)
		}
	}
	if in.Tags.Set {
		t.Tags = normalizeTags(in.Tags.Value)
	}
	if in.CustomFields.Set {
		t.CustomFields = mergeCustomFields(t.CustomFields, in.CustomFields.Value)
	}
	return t
}

func mergeCustomFields(old, in []customField) []customField {
	out := slices.Clone(old)
	for _, f := range in {
		i := slices.IndexFunc(out, func(o customField) bool { return o.ID == f.ID })
		if i >= 0 {
			out[i] = f
		} else {
			out = append(out, f)
		}
	}
	return out
}

// validateTicket checks t, the ticket as it would be stored; old is nil on
// create.
func (s *store) validateTicket(t *ticket, old *ticket) fieldErrors {
	fe := fieldErrors{}
	if !slices.Contains(ticketStatuses, t.Status) {
		fe.add("status", "Status: is invalid")
	}
	if old != nil && old.Status != "new" && t.Status == "new" {
		fe.add("status", "Status: cannot be changed back to new")
	}
	if (t.Status == "solved" || t.Status == "closed") && t.AssigneeID == 0 {
		fe.add("status", "Status: solved tickets need an assignee")
	}
	if !slices.Contains(ticketPriorities, t.Priority) {
		fe.add("priority", "Priority: is invalid")
	}
	if !slices.Contains(ticketTypes, t.Type) {
		fe.add("type", "Type: is invalid")
	}
	if t.RequesterID == 0 {
		fe.add("requester", "Requester: cannot be blank")
	} else if _, ok := s.users[t.RequesterID]; !ok {
		fe.add("requester", "Requester: is invalid")
	}
	if t.AssigneeID != 0 {
		if a, ok := s.users[t.AssigneeID]; !ok || a.Role == "end-user" || !a.Active {
			fe.add("assignee", "Assignee: is not an agent")
		}
	}
	if t.OrganizationID != 0 {
		if _, ok := s.orgs[t.OrganizationID]; !ok {
			fe.add("organization_id", "Organization: is invalid")
		}
	}
	return fe
}

func (s *store) newComment(in commentInput, fallbackAuthor int64, now time.Time) comment {
	s.nextComment++
	c := comment{ID: s.nextComment, AuthorID: int64(in.AuthorID), Body: in.Body, HTMLBody: in.HTMLBody, Public: true, CreatedAt: now}
	if c.Body == "" && c.HTMLBody != "" {
		c.Body = c.HTMLBody
	}
	if in.Public != nil {
		c.Public = *in.Public
	}
	if c.AuthorID == 0 {
		c.AuthorID = fallbackAuthor
	}
	return c
}

func (s *store) createTicket(in *ticketInput, now time.Time) outcome {
	t := in.apply(ticket{Status: "new"})
	if !in.Status.Set && t.AssigneeID != 0 {
		t.Status = "open"
	}
	if t.SubmitterID == 0 {
		t.SubmitterID = t.RequesterID
	}
	if r, ok := s.users[t.RequesterID]; ok && !in.OrganizationID.Set {
		t.OrganizationID = r.OrganizationID
	}
	fe := s.validateTicket(&t, nil)
	first := commentInput{}
	if in.Comment.Set && !in.Comment.Null {
		first = in.Comment.Value
	} else if in.Description.Set {
		first.Body = in.Description.Value
	}
	if strings.TrimSpace(first.Body) == "" && strings.TrimSpace(first.HTMLBody) == "" {
		fe.add("description", "Description: cannot be blank")
	}
	if !fe.empty() {
		return outcome{invalid: fe}
	}
	t.ID = s.nextTicketID + 1
	if t.Subject == "" {
		t.Subject = truncate(first.Body, 80)
	}
	t.Comments = []comment{s.newComment(first, t.SubmitterID, now)}
	t.CreatedAt, t.UpdatedAt, t.Generated = now, now, now
	s.putTicket(&t)
	return outcome{id: t.ID, created: true}
}

func (s *store) updateTicket(id int64, in *ticketInput, now time.Time) outcome {
	old, ok := s.tickets[id]
	if !ok {
		return outcome{notFound: true}
	}
	if old.Status == "closed" {
		return outcome{id: id, invalid: fieldErrors{"status": {"closed prevents ticket update"}}}
	}
	t := in.apply(*old)
	fe := s.validateTicket(&t, old)
	hasComment := in.Comment.Set && !in.Comment.Null
	if hasComment && strings.TrimSpace(in.Comment.Value.Body) == "" && strings.TrimSpace(in.Comment.Value.HTMLBody) == "" {
		fe.add("comment", "Comment: body cannot be blank")
	}
	if !fe.empty() {
		return outcome{id: id, invalid: fe}
	}
	if !hasComment && sameTicket(old, &t) {
		return outcome{id: id}
	}
	if hasComment {
		t.Comments = append(slices.Clip(old.Comments), s.newComment(in.Comment.Value, t.RequesterID, now))
	}
	t.UpdatedAt, t.Generated = now, now
	s.putTicket(&t)
	return outcome{id: id}
}

func sameTicket(a, b *ticket) bool {
	return a.ExternalID == b.ExternalID && a.Subject == b.Subject && a.Status == b.Status &&
		a.Priority == b.Priority && a.Type == b.Type && a.RequesterID == b.RequesterID &&
		a.SubmitterID == b.SubmitterID && a.AssigneeID == b.AssigneeID &&
		a.OrganizationID == b.OrganizationID && a.GroupID == b.GroupID &&
		slices.Equal(a.CollaboratorIDs, b.CollaboratorIDs) && slices.Equal(a.Tags, b.Tags) &&
		slices.EqualFunc(a.CustomFields, b.CustomFields, func(x, y customField) bool {
			return x.ID == y.ID && jsonEqual(map[string]any{"v": x.Value}, map[string]any{"v": y.Value})
		})
}

func truncate(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n])
}
