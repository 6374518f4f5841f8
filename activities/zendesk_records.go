package activities

import (
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/zendesk"
)

// Zendesk records in the side-neutral shape: each field under the path a
// mapping names it by ("phone", "user_fields.title"), and back.

const (
	userFieldPrefix = "user_fields."
	orgFieldPrefix  = "organization_fields."
)

func userRecord(u zendesk.User) record.Record {
	f := map[string]any{"name": u.Name, "email": u.Email, "phone": u.GetPhone(), "tags": anyList(u.Tags)}
	if id := u.GetOrganizationID(); id != 0 {
		f["organization_id"] = float64(id)
	}
	for k, v := range u.UserFields {
		f[userFieldPrefix+k] = v
	}
	active := u.Active == nil || *u.Active
	return record.Record{ID: strconv.FormatInt(u.ID, 10), Modified: u.UpdatedAt, Deleted: !active, Fields: f}
}

func organizationRecord(o zendesk.Organization) record.Record {
	f := map[string]any{"name": o.Name, "details": o.GetDetails(), "notes": o.GetNotes(),
		"domain_names": anyList(o.DomainNames), "tags": anyList(o.Tags)}
	for k, v := range o.OrganizationFields {
		f[orgFieldPrefix+k] = v
	}
	return record.Record{ID: strconv.FormatInt(o.ID, 10), Modified: o.UpdatedAt, Fields: f}
}

// userFrom builds the user write of the given fields: only those are
// sent, so an update touches nothing else.
func userFrom(externalID string, fields map[string]any) zendesk.User {
	u := zendesk.User{ExternalID: externalID}
	for k, v := range fields {
		switch k {
		case "name":
			u.Name = text(v)
		case "email":
			u.Email = text(v)
		case "phone":
			p := text(v)
			u.Phone = &p
		case "tags":
			u.Tags = stringList(v)
		case "organization_id":
			if id, ok := asInt64(v); ok {
				u.OrganizationID = &id
			}
		default:
			setCustom(&u.UserFields, userFieldPrefix, k, v)
		}
	}
	return u
}

// organizationFrom builds the organization write of the given fields.
func organizationFrom(externalID string, fields map[string]any) zendesk.Organization {
	o := zendesk.Organization{ExternalID: externalID}
	for k, v := range fields {
		switch k {
		case "name":
			o.Name = text(v)
		case "details":
			s := text(v)
			o.Details = &s
		case "notes":
			s := text(v)
			o.Notes = &s
		case "domain_names":
			o.DomainNames = stringList(v)
		case "tags":
			o.Tags = stringList(v)
		default:
			setCustom(&o.OrganizationFields, orgFieldPrefix, k, v)
		}
	}
	return o
}

// setCustom puts a field named "<prefix><key>" into a record's custom
// fields under key.
func setCustom(fields *map[string]any, prefix, name string, v any) {
	key, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return
	}
	if *fields == nil {
		*fields = map[string]any{}
	}
	(*fields)[key] = v
}

func text(v any) string {
	s, _ := v.(string)
	return s
}

func anyList(s []string) []any {
	if len(s) == 0 {
		return nil
	}
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func stringList(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, it := range x {
			if s, ok := it.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func ticketRecord(t zendesk.Ticket) record.Record {
	f := map[string]any{"subject": t.Subject, "description": t.Description, "status": t.Status,
		"priority": t.GetPriority(), "type": t.GetType(), "tags": anyList(t.Tags)}
	if id := t.GetRequesterID(); id != 0 {
		f["requester_id"] = float64(id)
	}
	if id := t.GetAssigneeID(); id != 0 {
		f["assignee_id"] = float64(id)
	}
	if t.OrganizationID != nil && *t.OrganizationID != 0 {
		f["organization_id"] = float64(*t.OrganizationID)
	}
	return record.Record{ID: strconv.FormatInt(t.ID, 10), Modified: t.UpdatedAt,
		Deleted: t.Status == zendesk.StatusDeleted, Fields: f}
}

// ticketFrom builds the ticket write of the given fields. A description
// is the ticket's first comment: on create it becomes one, on update it
// cannot change.
func ticketFrom(id int64, create bool, fields map[string]any) zendesk.Ticket {
	t := zendesk.Ticket{ID: id}
	for k, v := range fields {
		switch k {
		case "subject":
			t.Subject = text(v)
		case "description":
			if create {
				t.Comment = &zendesk.Comment{Body: text(v)}
			}
		case "status":
			t.Status = text(v)
		case mapping.AssigneeEmail:
			t.AssigneeEmail = text(v)
		case "priority":
			t.Priority = zendesk.String(text(v))
		case "type":
			t.Type = zendesk.String(text(v))
		case "tags":
			t.Tags = stringList(v)
		case "requester_id" + fallbackSuffix:
			person, _ := v.(map[string]any)
			if email := text(person["email"]); email != "" {
				t.Requester = &zendesk.Requester{Email: email, Name: text(person["name"])}
			}
		case "requester_id", "organization_id", "assignee_id":
			n, ok := asInt64(v)
			if !ok {
				continue
			}
			switch k {
			case "requester_id":
				t.RequesterID = &n
			case "assignee_id":
				t.AssigneeID = &n
			default:
				t.OrganizationID = &n
			}
		}
	}
	return t
}

func asInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		return int64(x), true
	}
	return 0, false
}

// commentRecords are the comments the ticket events carry, each under its
// ticket as "parent". A ticket's first comment is its description, not a
// comment of the case: the event that created the ticket is left out.
func commentRecords(events []zendesk.TicketEvent) []record.Record {
	var out []record.Record
	for _, ev := range events {
		created := false
		for i := range ev.ChildEvents {
			created = created || ev.ChildEvents[i].EventType == zendesk.EventCreate
		}
		if created {
			continue
		}
		for i := range ev.ChildEvents {
			c, ok := ev.ChildEvents[i].Comment()
			if !ok {
				continue
			}
			out = append(out, record.Record{ID: strconv.FormatInt(c.ID, 10), Modified: c.CreatedAt,
				Fields: map[string]any{"body": c.Body, "public": c.GetPublic(), "parent": float64(ev.TicketID)}})
		}
	}
	return out
}
