package zendesk

import (
	"context"
	"net/http"
	"testing"

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
