package zendesk

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJobLifecycle(t *testing.T) {
	f := newFixture(t, Config{})
	// Holding the store lock keeps the job from being applied, so its
	// queued state can be seen.
	f.srv.mu.Lock()
	r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update_many", map[string]any{"users": []any{map[string]any{"name": "Q", "email": "q@example.com"}}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	js := obj(r.body, "job_status")
	assert.Equal(t, "queued", js["status"])
	assert.Nil(t, js["results"])
	assert.Nil(t, js["progress"])
	assert.Len(t, js["id"], 32)
	f.srv.mu.Unlock()

	done := f.waitJob(t, r)
	assert.Equal(t, float64(1), done["progress"])
	assert.Contains(t, done["message"], "Completed at ")
	assert.Equal(t, "bulk_create_or_update_users", done["job_type"])

	other := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/organizations/create_many", map[string]any{"organizations": []any{map[string]any{"name": "Z"}}}))
	many := f.do(t, http.MethodGet, "/api/v2/job_statuses/show_many.json?ids="+js["id"].(string)+","+other["id"].(string)+",missing", nil)
	require.Equal(t, http.StatusOK, many.status)
	assert.Len(t, list(many.body, "job_statuses"), 2)

	f.clock.Advance(24*time.Hour + time.Second)
	gone := f.do(t, http.MethodGet, "/api/v2/job_statuses/"+js["id"].(string), nil)
	assert.Equal(t, http.StatusNotFound, gone.status)
	assert.Equal(t, "RecordNotFound", gone.body["error"])
}

func TestJobTTLConfig(t *testing.T) {
	f := newFixture(t, Config{JobTTL: time.Hour})
	js := f.waitJob(t, f.do(t, http.MethodDelete, "/api/v2/users/destroy_many?ids=12", nil))
	f.clock.Advance(59 * time.Minute)
	assert.Equal(t, http.StatusOK, f.do(t, http.MethodGet, "/api/v2/job_statuses/"+js["id"].(string), nil).status)
	f.clock.Advance(time.Minute)
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/job_statuses/"+js["id"].(string), nil).status)
}

func TestJobQueueLimit(t *testing.T) {
	f := newFixture(t, Config{MaxActiveJobs: 1})
	body := map[string]any{"organizations": []any{map[string]any{"name": "A"}}}
	f.srv.mu.Lock()
	first := f.do(t, http.MethodPost, "/api/v2/organizations/create_many", body)
	second := f.do(t, http.MethodPost, "/api/v2/organizations/create_many", body)
	f.srv.mu.Unlock()
	require.Equal(t, http.StatusOK, first.status)
	require.Equal(t, http.StatusTooManyRequests, second.status)
	assert.Equal(t, "TooManyJobs", second.body["error"])
	f.waitJob(t, first)
	assert.Equal(t, http.StatusOK, f.do(t, http.MethodPost, "/api/v2/organizations/create_many", body).status)
}

func TestResetDropsWritesAndJobs(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/users/create_many", map[string]any{"users": []any{map[string]any{"name": "N", "email": "n@example.com"}}}))
	require.Equal(t, "Created", results(js)[0]["status"])
	require.Equal(t, http.StatusNoContent, f.doAuth(t, http.MethodPost, "/_sandbox/reset", nil, "").status)
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/users/13", nil).status)
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/job_statuses/"+js["id"].(string), nil).status)
}
