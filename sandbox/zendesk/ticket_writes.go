package zendesk

import (
	"encoding/json"
	"fmt"
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
	// Requester names the requester by email, creating the end-user when
	// no user has that address.
	Requester     opt[requesterInput] `json:"requester"`
	AssigneeEmail opt[string]         `json:"assignee_email"`
	// Metadata is write-only: it lands in the audit's metadata.custom.
	Metadata opt[map[string]any] `json:"metadata"`
}

type commentInput struct {
	Body     string `json:"body"`
	HTMLBody string `json:"html_body"`
	Public   *bool  `json:"public"`
	AuthorID flexID `json:"author_id"`
}

// maxComments is how many comments a ticket takes.
const maxComments = 5000

// maxMetadata is how large ticket.metadata may be, as JSON.
const maxMetadata = 1024

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

// validateTicket adds to fe what is wrong with t, the ticket as it would
// be stored; old is nil on create. pending is a requester that is to be
// created with the ticket, nil for none.
func (s *store) validateTicket(fe fieldErrors, t *ticket, old *ticket, pending *user) {
	if !slices.Contains(ticketStatuses, t.Status) {
		fe.add("status", "Status: is invalid")
	}
	if old != nil && old.Status != "new" && t.Status == "new" {
		fe.add("status", "Status: cannot be changed back to new")
	}
	if (t.Status == "solved" || t.Status == "closed") && t.AssigneeID == 0 {
		fe.add("base", "Assignee: is required when solving a ticket")
	}
	if !slices.Contains(ticketPriorities, t.Priority) {
		fe.add("priority", "Priority: is invalid")
	}
	if !slices.Contains(ticketTypes, t.Type) {
		fe.add("type", "Type: is invalid")
	}
	_, known := s.users[t.RequesterID]
	switch {
	case fe["requester"] != nil:
		// The requester object was refused already.
	case t.RequesterID == 0:
		fe.add("requester", "Requester: cannot be blank")
	case !known && (pending == nil || pending.ID != t.RequesterID):
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
}

// newComment is the comment in adds; a body given only as HTML gets its
// text as body.
func (s *store) newComment(in commentInput, author int64, public bool) comment {
	c := comment{ID: s.nextID(), AuthorID: int64(in.AuthorID), Body: in.Body, HTMLBody: in.HTMLBody, Public: public}
	if strings.TrimSpace(c.Body) == "" && c.HTMLBody != "" {
		c.Body = htmlText(c.HTMLBody)
	}
	if in.Public != nil {
		c.Public = *in.Public
	}
	if c.AuthorID == 0 {
		c.AuthorID = author
	}
	return c
}

func blankComment(in commentInput) bool {
	return strings.TrimSpace(in.Body) == "" && strings.TrimSpace(htmlText(in.HTMLBody)) == ""
}

// checkMetadata refuses ticket.metadata larger than Zendesk keeps.
func checkMetadata(fe fieldErrors, in *ticketInput) {
	if !in.Metadata.Set {
		return
	}
	if raw, err := json.Marshal(in.Metadata.Value); err != nil || len(raw) > maxMetadata {
		fe.add("metadata", "Metadata: is too large (maximum is 1 KB)")
	}
}

func (s *store) createTicket(in *ticketInput, now time.Time) outcome {
	t := in.apply(ticket{Status: "new", Via: "api"})
	fe := fieldErrors{}
	pending := s.resolveParties(fe, in, &t, now)
	if !in.Status.Set && t.AssigneeID != 0 {
		t.Status = "open"
	}
	if t.SubmitterID == 0 {
		t.SubmitterID = t.RequesterID
	}
	if r, ok := s.users[t.RequesterID]; ok && !in.OrganizationID.Set {
		t.OrganizationID = r.OrganizationID
	}
	s.validateTicket(fe, &t, nil, pending)
	checkMetadata(fe, in)
	first := commentInput{}
	if in.Comment.Set && !in.Comment.Null {
		first = in.Comment.Value
	} else if in.Description.Set {
		first.Body = in.Description.Value
	}
	if blankComment(first) {
		fe.add("base", "Description: cannot be blank")
	}
	if !fe.empty() {
		return outcome{invalid: fe}
	}
	if pending != nil {
		s.putUser(nil, pending)
	}
	t.ID = s.nextTicketID + 1
	a := s.newAudit(now, in.Metadata.Value)
	// The submitter writes the description, whoever the API user is.
	c := a.addComment(s.newComment(first, t.SubmitterID, true))
	if t.Subject == "" {
		t.Subject = truncate(c.Body, 80)
	}
	s.addFieldEvents(&a, nil, &t)
	t.Comments, t.Audits = []comment{c}, []audit{a}
	t.CreatedAt, t.UpdatedAt, t.Generated = now, now, now
	s.putTicket(&t)
	return outcome{id: t.ID, created: true, audit: a.ID}
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
	fe := fieldErrors{}
	pending := s.resolveParties(fe, in, &t, now)
	s.validateTicket(fe, &t, old, pending)
	checkMetadata(fe, in)
	hasComment := in.Comment.Set && !in.Comment.Null
	switch {
	case hasComment && blankComment(in.Comment.Value):
		fe.add("comment", "Comment: body cannot be blank")
	case hasComment && len(old.Comments) >= maxComments:
		fe.add("base", fmt.Sprintf("Comments: a ticket can have at most %d comments", maxComments))
	}
	if !fe.empty() {
		return outcome{id: id, invalid: fe}
	}
	if !hasComment && sameTicket(old, &t) {
		return outcome{id: id}
	}
	if pending != nil {
		s.putUser(nil, pending)
	}
	a := s.newAudit(now, in.Metadata.Value)
	if hasComment {
		// A comment that does not say is as public as the ticket's first.
		public := len(old.Comments) == 0 || old.Comments[0].Public
		c := a.addComment(s.newComment(in.Comment.Value, s.apiUserID, public))
		t.Comments = append(slices.Clip(old.Comments), c)
	}
	s.addFieldEvents(&a, old, &t)
	t.Audits = append(slices.Clip(old.Audits), a)
	t.UpdatedAt, t.Generated = now, now
	s.putTicket(&t)
	return outcome{id: id, audit: a.ID}
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
