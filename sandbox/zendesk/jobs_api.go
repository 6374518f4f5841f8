package zendesk

import (
	"net/http"
)

func (s *Server) showJob(c *call) *apiError {
	j, ok := s.jobs.get(c.seg[1], s.cfg.Now(), s.cfg.JobTTL)
	if !ok {
		return errNotFound()
	}
	writeJSON(c.w, http.StatusOK, map[string]any{"job_status": j})
	return nil
}

func (s *Server) showManyJobs(c *call) *apiError {
	q := c.r.URL.Query()
	if !q.Has("ids") {
		return errMissing("ids")
	}
	ids, e := stringList(q, "ids")
	if e != nil {
		return e
	}
	out := make([]jobJSON, 0, len(ids))
	for _, id := range ids {
		if j, ok := s.jobs.get(id, s.cfg.Now(), s.cfg.JobTTL); ok {
			out = append(out, j)
		}
	}
	writeJSON(c.w, http.StatusOK, map[string]any{"job_statuses": out})
	return nil
}
