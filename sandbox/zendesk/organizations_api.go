package zendesk

import (
	"net/http"
	"time"
)

func (s *Server) showOrg(c *call) *apiError {
	s.mu.RLock()
	o, ok := s.st.orgs[c.id(1)]
	s.mu.RUnlock()
	if !ok {
		return errNotFound()
	}
	writeJSON(c.w, http.StatusOK, map[string]any{"organization": o.render(c.base)})
	return nil
}

// renderOrgs renders the organizations with ids that exist; call with s.mu
// held.
func (s *Server) renderOrgs(c *call, ids []int64) []organizationJSON {
	out := make([]organizationJSON, 0, len(ids))
	for _, id := range ids {
		if o, ok := s.st.orgs[id]; ok {
			out = append(out, o.render(c.base))
		}
	}
	return out
}

func (s *Server) listOrgs(c *call) *apiError {
	p, e := parsePager(c.r.URL.Query())
	if e != nil {
		return e
	}
	s.mu.RLock()
	ids := s.st.orgIDs
	lo, hi := p.window(ids)
	page := s.renderOrgs(c, ids[lo:hi])
	resp := map[string]any{"organizations": page}
	p.decorate(resp, c, ids, lo, hi)
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, resp)
	return nil
}

func (s *Server) showManyOrgs(c *call) *apiError {
	ids, e := s.idsOrExternalIDs(c, func(ext string) (int64, bool) {
		o, ok := s.st.orgByExternalID(ext)
		if !ok {
			return 0, false
		}
		return o.ID, true
	})
	if e != nil {
		return e
	}
	s.mu.RLock()
	orgs := s.renderOrgs(c, ids)
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, map[string]any{"organizations": orgs, "next_page": nil, "previous_page": nil, "count": len(orgs)})
	return nil
}

// searchOrgs is GET organizations/search?external_id= or ?name=, both exact
// matches (external_id case-insensitively).
func (s *Server) searchOrgs(c *call) *apiError {
	q := c.r.URL.Query()
	var ids []int64
	s.mu.RLock()
	switch {
	case q.Has("external_id"):
		if o, ok := s.st.orgByExternalID(q.Get("external_id")); ok {
			ids = []int64{o.ID}
		}
	case q.Has("name"):
		if id, ok := s.st.orgByName[key(q.Get("name"))]; ok {
			ids = []int64{id}
		}
	default:
		s.mu.RUnlock()
		return errMissing("external_id or name")
	}
	orgs := s.renderOrgs(c, ids)
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, map[string]any{"organizations": orgs, "next_page": nil, "previous_page": nil, "count": len(orgs)})
	return nil
}

func (s *Server) createOrgOne(c *call) *apiError {
	return s.writeOrg(c, func(in *organizationInput) outcome { return s.st.createOrg(in, s.cfg.Now()) })
}

func (s *Server) upsertOrgOne(c *call) *apiError {
	return s.writeOrg(c, func(in *organizationInput) outcome { return s.st.upsertOrg(in, s.cfg.Now()) })
}

func (s *Server) updateOrgOne(c *call) *apiError {
	id := c.id(1)
	return s.writeOrg(c, func(in *organizationInput) outcome { return s.st.updateOrg(id, in, s.cfg.Now()) })
}

func (s *Server) writeOrg(c *call, write func(*organizationInput) outcome) *apiError {
	var body struct {
		Organization *organizationInput `json:"organization"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	if body.Organization == nil {
		return errMissing("organization")
	}
	s.mu.Lock()
	out := write(body.Organization)
	var rendered organizationJSON
	if out.invalid.empty() && !out.notFound {
		rendered = s.st.orgs[out.id].render(c.base)
	}
	s.mu.Unlock()
	switch {
	case out.notFound:
		return errNotFound()
	case !out.invalid.empty():
		return errRecordInvalid(out.invalid)
	}
	s.stats.Write("organizations", 1)
	status := http.StatusOK
	if out.created {
		status = http.StatusCreated
	}
	writeJSON(c.w, status, map[string]any{"organization": rendered})
	return nil
}

func (s *Server) createOrgsMany(c *call) *apiError {
	var body struct {
		Organizations *[]organizationInput `json:"organizations"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	if body.Organizations == nil {
		return errMissing("organizations")
	}
	orgs := *body.Organizations
	if e := checkBulkSize(len(orgs), "organizations"); e != nil {
		return e
	}
	return s.enqueue(c, "bulk_create_organizations", "organizations", len(orgs), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(orgs))
		for i := range orgs {
			results[i] = st.orgResult(i, st.createOrg(&orgs[i], now))
		}
		return results
	})
}

// updateOrgsMany takes ?ids=|?external_ids= with one {"organization":{}}
// body, or {"organizations":[{"id"|"external_id",...}]}.
func (s *Server) updateOrgsMany(c *call) *apiError {
	targets, many, e := bulkTargets(c)
	if e != nil {
		return e
	}
	var body struct {
		Organization  *organizationInput  `json:"organization"`
		Organizations []organizationInput `json:"organizations"`
	}
	if e := decodeBody(c.r, &body); e != nil {
		return e
	}
	var inputs []*organizationInput
	switch {
	case many && body.Organization == nil:
		return errMissing("organization")
	case many:
		for range targets {
			inputs = append(inputs, body.Organization)
		}
	case body.Organizations == nil:
		return errMissing("organizations")
	default:
		for i := range body.Organizations {
			in := &body.Organizations[i]
			targets = append(targets, target{id: int64(in.ID.Value), ext: string(in.ExternalID.Value)})
			if !in.ID.Set {
				// Without an id the external id names the record; it is not a change.
				in.ExternalID = opt[flexString]{}
			}
			inputs = append(inputs, in)
		}
	}
	if e := checkBulkSize(len(targets), "organizations"); e != nil {
		return e
	}
	return s.enqueue(c, "bulk_update_organizations", "organizations", len(targets), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(targets))
		for i, t := range targets {
			id := t.id
			if id == 0 && t.ext != "" {
				if o, ok := st.orgByExternalID(t.ext); ok {
					id = o.ID
				}
			}
			if id == 0 {
				results[i] = notFoundResult(i)
				continue
			}
			results[i] = st.orgResult(i, st.updateOrg(id, inputs[i], now))
		}
		return results
	})
}

func (st *store) orgResult(index int, out outcome) jobResult {
	r := result(index, out, "RecordInvalid")
	if o, ok := st.orgs[out.id]; ok && r.Status != "Failed" {
		r.ExternalID = stringOrNil(o.ExternalID)
	}
	return r
}
