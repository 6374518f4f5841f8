package zendesk

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShowJobStatus(t *testing.T) {
	c, s := newTestClient(t, ok(`{"job_status":{"id":"82de0b044094f0c67893ac9fe64f1a99","url":"https://acme/api/v2/job_statuses/82de.json",
		"job_type":"Bulk Create Or Update Users","total":3,"progress":3,"status":"completed","message":"Completed at 2024-01-01",
		"results":[{"id":244,"index":0,"action":"update","status":"Updated","external_id":"a"},
		{"id":245,"index":1,"action":"create","status":"Created"},
		{"index":2,"action":"create","status":"Failed","error":"EmailNotValid","details":"Email: foo@ is not properly formatted"}]}}`))
	job, err := c.ShowJobStatus(context.Background(), "82de0b044094f0c67893ac9fe64f1a99")
	require.NoError(t, err)
	req := s.only()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v2/job_statuses/82de0b044094f0c67893ac9fe64f1a99", req.Path)

	assert.Equal(t, "Bulk Create Or Update Users", job.JobType)
	assert.Equal(t, 3, job.Total)
	assert.Equal(t, 3, job.Progress)
	assert.True(t, job.Done())
	require.Len(t, job.Results, 3)
	assert.Equal(t, JobResult{ID: 244, Index: 0, Action: "update", Status: "Updated", ExternalID: "a"}, job.Results[0])
	assert.False(t, job.Results[1].Failed())
	assert.True(t, job.Results[2].Failed())
	assert.Equal(t, "Email: foo@ is not properly formatted", job.Results[2].Details)
}

func TestShowJobStatusEscapesID(t *testing.T) {
	c, s := newTestClient(t, ok(`{"job_status":{"id":"a/b"}}`))
	_, err := c.ShowJobStatus(context.Background(), "a/b")
	require.NoError(t, err)
	assert.Equal(t, "/api/v2/job_statuses/a%2Fb", s.only().Raw)
	_, err = c.ShowJobStatus(context.Background(), "")
	assert.Error(t, err)
}

func TestJobDone(t *testing.T) {
	for status, done := range map[string]bool{JobQueued: false, JobWorking: false, JobCompleted: true, JobFailed: true, JobKilled: true, "": false} {
		assert.Equal(t, done, (&JobStatus{Status: status}).Done(), status)
	}
}

func TestShowJobStatuses(t *testing.T) {
	c, s := newTestClient(t, ok(`{"job_statuses":[{"id":"a","status":"working"},{"id":"b","status":"completed"}]}`))
	jobs, err := c.ShowJobStatuses(context.Background(), []string{"a", "b"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, []string{jobs[0].ID, jobs[1].ID})
	req := s.only()
	assert.Equal(t, "/api/v2/job_statuses/show_many", req.Path)
	assert.Equal(t, "a,b", req.Query.Get("ids"))
}

func TestWaitJobsPollsUntilAllFinish(t *testing.T) {
	c, s := newTestClient(t,
		ok(`{"job_statuses":[{"id":"a","status":"queued"},{"id":"b","status":"working"}]}`),
		ok(`{"job_statuses":[{"id":"a","status":"working"},{"id":"b","status":"completed","total":1,"progress":1}]}`),
		ok(`{"job_statuses":[{"id":"a","status":"failed","message":"boom"}]}`),
	)
	jobs, err := c.WaitJobs(context.Background(), []string{"a", "b"}, time.Millisecond)
	require.NoError(t, err)
	require.Len(t, jobs, 2)
	assert.Equal(t, "a", jobs[0].ID)
	assert.Equal(t, JobFailed, jobs[0].Status)
	assert.Equal(t, "boom", jobs[0].Message)
	assert.Equal(t, "b", jobs[1].ID)
	assert.Equal(t, JobCompleted, jobs[1].Status)

	reqs := s.requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "a,b", reqs[0].Query.Get("ids"))
	assert.Equal(t, "a,b", reqs[1].Query.Get("ids"))
	assert.Equal(t, "a", reqs[2].Query.Get("ids")) // finished jobs are not asked for again
}

func TestWaitJobsFailures(t *testing.T) {
	tests := []struct {
		name    string
		replies []reply
		timeout time.Duration
		check   func(t *testing.T, err error)
	}{
		{
			name:    "job vanished",
			replies: []reply{ok(`{"job_statuses":[{"id":"a","status":"completed"}]}`)},
			check: func(t *testing.T, err error) {
				var nf *NotFoundError
				require.ErrorAs(t, err, &nf)
				assert.Contains(t, err.Error(), `job "b"`)
			},
		},
		{
			name:    "server error",
			replies: []reply{{status: 503, body: "down"}},
			check: func(t *testing.T, err error) {
				assert.True(t, IsRetryable(err))
				assert.Contains(t, err.Error(), "zendesk: wait jobs: zendesk: GET /api/v2/job_statuses/show_many: transient")
			},
		},
		{
			name:    "context ends while jobs run",
			replies: []reply{ok(`{"job_statuses":[{"id":"a","status":"working"},{"id":"b","status":"queued"}]}`)},
			timeout: 100 * time.Millisecond,
			check: func(t *testing.T, err error) {
				assert.True(t, errors.Is(err, context.DeadlineExceeded))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, tt.replies...)
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			jobs, err := c.WaitJobs(ctx, []string{"a", "b"}, time.Hour)
			require.Error(t, err)
			assert.Nil(t, jobs)
			tt.check(t, err)
		})
	}
}

func TestWaitJobsArguments(t *testing.T) {
	c, s := newTestClient(t)
	_, err := c.WaitJobs(context.Background(), []string{"a"}, 0)
	assert.Error(t, err)
	jobs, err := c.WaitJobs(context.Background(), nil, time.Second)
	require.NoError(t, err)
	assert.Empty(t, jobs)
	assert.Empty(t, s.requests())
}
