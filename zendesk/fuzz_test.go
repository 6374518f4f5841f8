package zendesk

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each fuzzer feeds one status code and body to a client method. Whatever
// comes back, the method must not panic and must return either a value that
// keeps the envelope's promises or an error with context (see
// requireTypedError). Seeds live in testdata/fuzz/<FuzzName>/.

func FuzzDecodeJobStatus(f *testing.F) {
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := fuzzStatus(code)
		job, err := cannedClient(t, status, body).ShowJobStatus(context.Background(), "job-1")
		if err != nil {
			requireTypedError(t, err, "GET /api/v2/job_statuses/job-1", status)
			return
		}
		require.NotNil(t, job)
		assert.NotEmpty(t, job.ID, "a job without an id cannot be polled")
		for i := range job.Results {
			_ = job.Results[i].Failed()
		}
		_ = job.Done()
	})
}

func FuzzDecodeUsersPage(f *testing.F) {
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := fuzzStatus(code)
		users, page, err := cannedClient(t, status, body).ListUsers(context.Background(), nil)
		if err != nil {
			requireTypedError(t, err, "GET /api/v2/users", status)
			return
		}
		require.NotNil(t, page)
		assert.NotNil(t, users, `a page without "users" is an error, not an empty page`)
		if page.HasMore {
			assert.NotEmpty(t, page.AfterCursor, "more pages need a cursor to reach them")
		}
	})
}

func FuzzDecodeIncrementalUsers(f *testing.F) {
	start := time.Unix(1700000000, 0)
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := fuzzStatus(code)
		page, err := cannedClient(t, status, body).IncrementalUsers(context.Background(), start, "", 0)
		if err != nil {
			requireTypedError(t, err, "GET /api/v2/incremental/users/cursor.json", status)
			return
		}
		require.NotNil(t, page)
		assert.NotNil(t, page.Users)
		if !page.EndOfStream {
			assert.NotEmpty(t, page.AfterCursor, "a stream that goes on needs a cursor")
		}
	})
}

func FuzzDecodeIncrementalOrganizations(f *testing.F) {
	start := time.Unix(1700000000, 0)
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := fuzzStatus(code)
		page, err := cannedClient(t, status, body).IncrementalOrganizations(context.Background(), start, 0)
		if err != nil {
			requireTypedError(t, err, "GET /api/v2/incremental/organizations.json", status)
			return
		}
		require.NotNil(t, page)
		assert.NotNil(t, page.Organizations)
		if !page.EndOfStream {
			assert.False(t, page.EndTime.IsZero(), "a stream that goes on needs an end_time to continue from")
		}
	})
}
