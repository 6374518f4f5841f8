package zendesk

import (
	"net/http"
	"time"
)

// enqueue submits a bulk job and answers with its status, or 429 when the
// account's job queue is full.
func (s *Server) enqueue(c *call, jobType, object string, total int, run func(*store, time.Time) []jobResult) *apiError {
	j := &job{url: c.base, jobType: jobType, object: object, total: total, run: run}
	status, ok := s.submitJob(j)
	if !ok {
		s.stats.RateLimited()
		return &apiError{http.StatusTooManyRequests, simpleError{"TooManyJobs", "Number of allowed queued jobs for this account has been exceeded"}}
	}
	writeJSON(c.w, http.StatusOK, map[string]any{"job_status": status})
	return nil
}

// target names a record to update by id or by external id.
type target struct {
	id  int64
	ext string
}

// bulkTargets reads ?ids=, or ?external_ids= when withExt, for the
// update/destroy forms that apply one body to many records; ok is false
// when neither is there.
func bulkTargets(c *call, withExt bool) ([]target, bool, *apiError) {
	q := c.r.URL.Query()
	switch {
	case q.Has("ids"):
		ids, e := idList(q, "ids")
		targets := make([]target, len(ids))
		for i, id := range ids {
			targets[i] = target{id: id}
		}
		return targets, true, e
	case withExt && q.Has("external_ids"):
		exts, e := stringList(q, "external_ids")
		targets := make([]target, len(exts))
		for i, ext := range exts {
			targets[i] = target{ext: ext}
		}
		return targets, true, e
	}
	return nil, false, nil
}

// result turns a write's outcome into a job result; failCode names the
// error for a validation failure.
func result(index int, out outcome, failCode string) jobResult {
	r := jobResult{Index: index, ID: out.id}
	switch {
	case out.notFound:
		r.Status, r.Error, r.Details = "Failed", "RecordNotFound", "Not found"
	case !out.invalid.empty():
		r.Status, r.Error, r.Details = "Failed", failCode, out.invalid.summary()
	case out.created:
		r.Action, r.Status = "create", "Created"
	default:
		r.Action, r.Status = "update", "Updated"
	}
	return r
}

func notFoundResult(index int) jobResult {
	return result(index, outcome{notFound: true}, "")
}

func checkBulkSize(n int, name string) *apiError {
	if n > maxBulk {
		return errTooMany(name)
	}
	return nil
}
