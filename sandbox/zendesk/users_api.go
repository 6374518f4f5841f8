package zendesk

import (
	"net/http"
	"slices"
	"strings"
)

func (s *Server) showUser(c *call) *apiError {
	s.mu.RLock()
	u, ok := s.st.users[c.id(1)]
	s.mu.RUnlock()
	if !ok {
		return errNotFound()
	}
	writeJSON(c.w, http.StatusOK, map[string]any{"user": u.render(c.base)})
	return nil
}

func (s *Server) listUsers(c *call) *apiError {
	q := c.r.URL.Query()
	p, e := parsePager(q)
	if e != nil {
		return e
	}
	roles := append(q["role"], q["role[]"]...)
	s.mu.RLock()
	ids := make([]int64, 0, len(s.st.userIDs))
	for _, id := range s.st.userIDs {
		u := s.st.users[id]
		if u.Active && (len(roles) == 0 || slices.Contains(roles, u.Role)) {
			ids = append(ids, id)
		}
	}
	lo, hi := p.window(ids)
	page := s.renderUsers(c, ids[lo:hi])
	s.mu.RUnlock()
	resp := map[string]any{"users": page}
	p.decorate(resp, c, ids, lo, hi)
	writeJSON(c.w, http.StatusOK, resp)
	return nil
}

// renderUsers renders the users with ids that exist; call with s.mu held.
func (s *Server) renderUsers(c *call, ids []int64) []userJSON {
	out := make([]userJSON, 0, len(ids))
	for _, id := range ids {
		if u, ok := s.st.users[id]; ok {
			out = append(out, u.render(c.base))
		}
	}
	return out
}

func (s *Server) showManyUsers(c *call) *apiError {
	ids, e := s.idsOrExternalIDs(c, func(ext string) (int64, bool) {
		u, ok := s.st.userByKey("external_id", ext)
		if !ok {
			return 0, false
		}
		return u.ID, true
	})
	if e != nil {
		return e
	}
	s.mu.RLock()
	users := s.renderUsers(c, ids)
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, map[string]any{"users": users, "next_page": nil, "previous_page": nil, "count": len(users)})
	return nil
}

// idsOrExternalIDs reads ?ids= or ?external_ids=, resolving external ids
// through byExt under the read lock.
func (s *Server) idsOrExternalIDs(c *call, byExt func(string) (int64, bool)) ([]int64, *apiError) {
	q := c.r.URL.Query()
	if q.Has("ids") {
		return idList(q, "ids")
	}
	if !q.Has("external_ids") {
		return nil, errMissing("ids")
	}
	exts, e := stringList(q, "external_ids")
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ids []int64
	for _, ext := range exts {
		if id, ok := byExt(ext); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
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
	s.mu.RLock()
	ids := s.st.searchUsers(terms)
	lo, hi := p.window(ids)
	page := s.renderUsers(c, ids[lo:hi])
	s.mu.RUnlock()
	resp := map[string]any{"users": page}
	p.decorate(resp, c, ids, lo, hi)
	writeJSON(c.w, http.StatusOK, resp)
	return nil
}

func (s *Server) createUserOne(c *call) *apiError {
	return s.writeUser(c, http.StatusCreated, func(in *userInput) outcome { return s.st.createUser(in, s.cfg.Now()) })
}

func (s *Server) upsertUserOne(c *call) *apiError {
	return s.writeUser(c, http.StatusOK, func(in *userInput) outcome { return s.st.upsertUser(in, s.cfg.Now()) })
}

func (s *Server) updateUserOne(c *call) *apiError {
	id := c.id(1)
	return s.writeUser(c, http.StatusOK, func(in *userInput) outcome { return s.st.updateUser(id, in, s.cfg.Now()) })
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

// writeUser runs one single-record user write; status is the code for an
// update, a create always answers 201.
func (s *Server) writeUser(c *call, status int, write func(*userInput) outcome) *apiError {
	var body struct {
		User *userInput `json:"user"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	if body.User == nil {
		return errMissing("user")
	}
	s.mu.Lock()
	out := write(body.User)
	var rendered userJSON
	if out.invalid.empty() && !out.notFound {
		rendered = s.st.users[out.id].render(c.base)
	}
	s.mu.Unlock()
	switch {
	case out.notFound:
		return errNotFound()
	case !out.invalid.empty():
		return errRecordInvalid(out.invalid)
	case out.created:
		status = http.StatusCreated
	}
	s.stats.Write("users", 1)
	writeJSON(c.w, status, map[string]any{"user": rendered})
	return nil
}
