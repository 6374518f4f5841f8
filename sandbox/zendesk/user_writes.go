package zendesk

import (
	"maps"
	"slices"
	"time"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/zendesk/rules"
)

// outcome is what one record write did; bulk jobs turn it into a result
// and single endpoints into a status code.
type outcome struct {
	id       int64
	created  bool
	notFound bool
	invalid  fieldErrors
	// audit is the id of the audit a ticket write made, 0 for none.
	audit int64
}

func (s *store) validateUser(u *user) fieldErrors {
	fe := fieldErrors{}
	if u.Name == "" {
		fe.add("name", "Name:  is too short (minimum is 1 character)")
	}
	if u.Email != "" {
		if !rules.EmailValid(u.Email) {
			fe.add("email", "Email: "+u.Email+" is not properly formatted")
		} else if id, ok := s.userByEmail[key(u.Email)]; ok && id != u.ID {
			fe.add("email", "Email: "+u.Email+" is already being used by another user")
		}
	}
	if u.ExternalID != "" {
		if id, ok := s.userByExtID[key(u.ExternalID)]; ok && id != u.ID {
			fe.add("external_id", "External: has already been taken")
		}
	}
	if !slices.Contains(userRoles, u.Role) {
		fe.add("role", "Role: is invalid")
	}
	if u.OrganizationID != 0 {
		if _, ok := s.orgs[u.OrganizationID]; !ok {
			fe.add("organization_id", "Organization: is invalid")
		}
	}
	return fe
}

func (s *store) createUser(in *userInput, now time.Time) outcome {
	u := in.apply(user{Role: "end-user", Active: true})
	if fe := s.validateUser(&u); !fe.empty() {
		return outcome{invalid: fe}
	}
	u.ID = s.nextUserID + 1
	u.CreatedAt, u.UpdatedAt = now, now
	s.putUser(nil, &u)
	return outcome{id: u.ID, created: true}
}

// updateUser applies in to the active user id.
func (s *store) updateUser(id int64, in *userInput, now time.Time) outcome {
	old, ok := s.users[id]
	if !ok || !old.Active {
		return outcome{notFound: true}
	}
	u := in.apply(*old)
	u.ID = old.ID
	if fe := s.validateUser(&u); !fe.empty() {
		return outcome{id: id, invalid: fe}
	}
	if sameUser(old, &u) {
		return outcome{id: id}
	}
	u.UpdatedAt = now
	s.putUser(old, &u)
	return outcome{id: id}
}

// upsertUser is create_or_update: external_id matches first
// (case-insensitively), then email.
func (s *store) upsertUser(in *userInput, now time.Time) outcome {
	if in.ExternalID.Set && in.ExternalID.Value != "" {
		if u, ok := s.userByKey("external_id", string(in.ExternalID.Value)); ok {
			return s.updateUser(u.ID, in, now)
		}
	}
	if in.Email.Set && in.Email.Value != "" {
		if u, ok := s.userByKey("email", in.Email.Value); ok {
			return s.updateUser(u.ID, in, now)
		}
	}
	return s.createUser(in, now)
}

// deleteUser soft-deletes: the user stays readable and in the export with
// active false, as in Zendesk.
func (s *store) deleteUser(id int64, now time.Time) outcome {
	old, ok := s.users[id]
	if !ok || !old.Active {
		return outcome{notFound: true}
	}
	u := *old
	u.Active = false
	u.UpdatedAt = now
	s.putUser(old, &u)
	return outcome{id: id}
}

func userFromSeed(u seed.User) *user {
	role := u.Role
	if role == "" {
		role = "end-user"
	}
	return &user{
		ID: u.ID, Name: u.Name, Email: u.Email, Phone: u.Phone, ExternalID: u.ExternalID,
		OrganizationID: u.OrganizationID, Role: role, Active: u.Active, Verified: u.Verified,
		Tags: slices.Clone(u.Tags), UserFields: maps.Clone(u.UserFields),
		CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt,
	}
}
