package zendesk

import (
	"time"
)

func (s *Server) decodeUsers(c *call) ([]userInput, *apiError) {
	if s.cfg.BulkImportDisabled {
		return nil, errForbidden("Bulk import is not enabled for this account")
	}
	var body struct {
		Users *[]userInput `json:"users"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return nil, e
	}
	if body.Users == nil {
		return nil, errMissing("users")
	}
	return *body.Users, checkBulkSize(len(*body.Users), "users")
}

func (s *Server) upsertUsersMany(c *call) *apiError {
	users, e := s.decodeUsers(c)
	if e != nil {
		return e
	}
	return s.enqueue(c, "bulk_create_or_update_users", "users", len(users), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(users))
		for i := range users {
			results[i] = st.userResult(i, st.upsertUser(&users[i], now))
		}
		return results
	})
}

func (s *Server) createUsersMany(c *call) *apiError {
	users, e := s.decodeUsers(c)
	if e != nil {
		return e
	}
	return s.enqueue(c, "bulk_create_users", "users", len(users), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(users))
		for i := range users {
			results[i] = st.userResult(i, st.createUser(&users[i], now))
		}
		return results
	})
}

// updateUsersMany takes ?ids=|?external_ids= with one {"user":{}} body, or
// {"users":[{"id"|"external_id",...}]}.
func (s *Server) updateUsersMany(c *call) *apiError {
	targets, many, e := bulkTargets(c)
	if e != nil {
		return e
	}
	var body struct {
		User  *userInput  `json:"user"`
		Users []userInput `json:"users"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	inputs := make([]*userInput, 0, len(body.Users))
	switch {
	case many && body.User == nil:
		return errMissing("user")
	case many:
		for range targets {
			inputs = append(inputs, body.User)
		}
	case body.Users == nil:
		return errMissing("users")
	default:
		for i := range body.Users {
			in := &body.Users[i]
			targets = append(targets, target{id: int64(in.ID.Value), ext: string(in.ExternalID.Value)})
			if !in.ID.Set {
				// Without an id the external id names the record; it is not a change.
				in.ExternalID = opt[flexString]{}
			}
			inputs = append(inputs, in)
		}
	}
	if e := checkBulkSize(len(targets), "users"); e != nil {
		return e
	}
	return s.enqueue(c, "bulk_update_users", "users", len(targets), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(targets))
		for i, t := range targets {
			id, ok := st.resolveUser(t)
			if !ok {
				results[i] = notFoundResult(i)
				continue
			}
			results[i] = st.userResult(i, st.updateUser(id, inputs[i], now))
		}
		return results
	})
}

func (s *Server) destroyUsersMany(c *call) *apiError {
	targets, ok, e := bulkTargets(c)
	if e != nil {
		return e
	}
	if !ok {
		return errMissing("ids")
	}
	return s.enqueue(c, "bulk_delete_users", "users", len(targets), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(targets))
		for i, t := range targets {
			id, found := st.resolveUser(t)
			if !found {
				results[i] = notFoundResult(i)
				continue
			}
			if out := st.deleteUser(id, now); out.notFound {
				results[i] = notFoundResult(i)
				continue
			}
			success := true
			results[i] = jobResult{Index: i, ID: id, Action: "delete", Status: "Deleted", Success: &success}
		}
		return results
	})
}

func (st *store) resolveUser(t target) (int64, bool) {
	if t.id != 0 {
		return t.id, true
	}
	if t.ext == "" {
		return 0, false
	}
	u, ok := st.userByKey("external_id", t.ext)
	if !ok {
		return 0, false
	}
	return u.ID, true
}

// userResult adds the user's email and external id to a job result, as
// Zendesk's user job results carry them.
func (st *store) userResult(index int, out outcome) jobResult {
	code := "UserCreateError"
	if out.id != 0 {
		code = "UserUpdateError"
	}
	r := result(index, out, code)
	if u, ok := st.users[out.id]; ok && r.Status != "Failed" {
		r.Email, r.ExternalID = stringOrNil(u.Email), stringOrNil(u.ExternalID)
	}
	return r
}
