package zendesk

import (
	"net/http"
	"slices"
	"strings"
)

var userKind = &kind[user, userJSON, userInput]{
	one: "user", many: "users",
	records: func(st *store) map[int64]*user { return st.users },
	order:   func(st *store) []int64 { return st.userIDs },
	render:  (*user).render,
	keyOf:   func(in *userInput) *recordKey { return &in.recordKey },
	byExt: func(st *store, ext string) (int64, bool) {
		id, ok := st.userByExtID[key(ext)]
		return id, ok
	},
	create: (*store).createUser, update: (*store).updateUser, upsert: (*store).upsertUser,
	createError: "UserCreateError", updateError: "UserUpdateError",
	// User job results carry the email too.
	describe: func(u *user, r *jobResult) {
		r.Email, r.ExternalID = stringOrNil(u.Email), stringOrNil(u.ExternalID)
	},
}

// listUsers lists active users, optionally of some roles only.
func (s *Server) listUsers(c *call) *apiError {
	q := c.r.URL.Query()
	p, e := parsePager(q)
	if e != nil {
		return e
	}
	roles := append(q["role"], q["role[]"]...)
	return userKind.writePage(s, c, p, func(st *store) []int64 {
		ids := make([]int64, 0, len(st.userIDs))
		for _, id := range st.userIDs {
			u := st.users[id]
			if u.Active && (len(roles) == 0 || slices.Contains(roles, u.Role)) {
				ids = append(ids, id)
			}
		}
		return ids
	})
}

// searchUsers supports ?external_id= and the query terms email:,
// external_id:, role:, name: and free text over name and email.
func (s *Server) searchUsers(c *call) *apiError {
	q := c.r.URL.Query()
	p, e := parsePager(q)
	if e != nil {
		return e
	}
	var terms []string
	if ext := q.Get("external_id"); ext != "" {
		terms = []string{"external_id:" + ext}
	} else if query := strings.TrimSpace(q.Get("query")); query != "" {
		terms = strings.Fields(query)
	} else {
		return errMissing("query")
	}
	return userKind.writePage(s, c, p, func(st *store) []int64 { return st.searchUsers(terms) })
}

func (s *Server) deleteUserOne(c *call) *apiError {
	s.mu.Lock()
	out := s.st.deleteUser(c.id(1), s.cfg.Now())
	var body userJSON
	if !out.notFound {
		body = s.st.users[out.id].render(c.base)
	}
	s.mu.Unlock()
	if out.notFound {
		return errNotFound()
	}
	s.stats.Write("users", 1)
	writeJSON(c.w, http.StatusOK, map[string]any{"user": body})
	return nil
}
