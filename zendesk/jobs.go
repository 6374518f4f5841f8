package zendesk

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// Job states.
const (
	JobQueued    = "queued"
	JobWorking   = "working"
	JobCompleted = "completed"
	JobFailed    = "failed"
	JobKilled    = "killed"
)

// JobStatus is a background job queued by a bulk endpoint.
type JobStatus struct {
	ID       string      `json:"id"`
	URL      string      `json:"url,omitempty"`
	JobType  string      `json:"job_type,omitempty"`
	Total    int         `json:"total"`
	Progress int         `json:"progress"`
	Status   string      `json:"status"`
	Message  string      `json:"message,omitempty"`
	Results  []JobResult `json:"results,omitempty"`
}

// Done reports whether the job will not change any more.
func (j *JobStatus) Done() bool {
	switch j.Status {
	case JobCompleted, JobFailed, JobKilled:
		return true
	}
	return false
}

// JobResult is the outcome for one input record; Index is its position in
// the request.
type JobResult struct {
	ID         int64  `json:"id,omitempty"`
	Index      int    `json:"index"`
	Action     string `json:"action,omitempty"` // create or update
	Status     string `json:"status,omitempty"` // Created, Updated or Failed
	ExternalID string `json:"external_id,omitempty"`
	Email      string `json:"email,omitempty"`
	Success    *bool  `json:"success,omitempty"`
	Error      string `json:"error,omitempty"`
	Details    string `json:"details,omitempty"`
}

// Failed reports whether this record was not written.
func (r *JobResult) Failed() bool {
	return r.Status == "Failed" || r.Error != "" || (r.Success != nil && !*r.Success)
}

type jobStatusEnvelope struct {
	JobStatus *JobStatus `json:"job_status"`
}

func (e jobStatusEnvelope) check() error {
	if e.JobStatus == nil {
		return errors.New(`response has no "job_status"`)
	}
	if e.JobStatus.ID == "" {
		return errors.New("job_status has no id")
	}
	return nil
}

type jobStatusesEnvelope struct {
	JobStatuses []JobStatus `json:"job_statuses"`
}

func (e jobStatusesEnvelope) check() error {
	if e.JobStatuses == nil {
		return errors.New(`response has no "job_statuses" list`)
	}
	return nil
}

// startJob sends a bulk request and returns the queued job.
func (c *Client) startJob(ctx context.Context, r request) (*JobStatus, error) {
	var env jobStatusEnvelope
	if _, err := c.do(ctx, r, &env); err != nil {
		return nil, err
	}
	return env.JobStatus, nil
}

// ShowJobStatus fetches one job.
func (c *Client) ShowJobStatus(ctx context.Context, id string) (*JobStatus, error) {
	if id == "" {
		return nil, errors.New("zendesk: show job status: empty id")
	}
	var env jobStatusEnvelope
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/job_statuses/" + url.PathEscape(id)}, &env); err != nil {
		return nil, err
	}
	return env.JobStatus, nil
}

// ShowJobStatuses fetches jobs by id, 100 per request. Unknown or expired
// jobs are left out.
func (c *Client) ShowJobStatuses(ctx context.Context, ids []string) ([]JobStatus, error) {
	return showMany(ctx, c, "/api/v2/job_statuses/show_many", "ids", ids, func(e *jobStatusesEnvelope) []JobStatus { return e.JobStatuses })
}
