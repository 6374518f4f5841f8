package zendesk

import (
	"strings"
	"time"
)

// requesterInput is ticket.requester: the requester by address, as a web
// form names a customer, rather than by id.
type requesterInput struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	LocaleID flexID `json:"locale_id"`
}

// resolveParties sets t's requester from a requester object and its
// assignee from assignee_email, adding to fe what it refuses. It returns
// the end-user to create with the ticket when no user has the requester's
// address; the caller stores it only once the whole write is valid.
func (s *store) resolveParties(fe fieldErrors, in *ticketInput, t *ticket, now time.Time) *user {
	if in.AssigneeEmail.Set && strings.TrimSpace(in.AssigneeEmail.Value) != "" {
		if a, ok := s.userByKey("email", in.AssigneeEmail.Value); ok {
			t.AssigneeID = a.ID
		} else {
			fe.add("assignee", "Assignee: is invalid")
		}
	}
	if !in.Requester.Set || in.Requester.Null {
		return nil
	}
	r := in.Requester.Value
	if r.Email != "" {
		// An existing user is used as is: the name given is not applied.
		if u, ok := s.userByKey("email", r.Email); ok {
			t.RequesterID = u.ID
			return nil
		}
	}
	u := (&userInput{Name: opt[string]{Set: true, Value: r.Name}, Email: opt[string]{Set: true, Value: r.Email}}).
		apply(user{Role: "end-user", Active: true})
	u.ID = s.nextUserID + 1
	u.CreatedAt, u.UpdatedAt = now, now
	if bad := s.validateUser(&u); !bad.empty() {
		for _, field := range []string{"name", "email"} {
			for _, d := range bad[field] {
				fe.add("requester", "Requester: "+d)
			}
		}
		return nil
	}
	t.RequesterID = u.ID
	return &u
}
