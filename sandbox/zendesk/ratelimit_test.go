package zendesk

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAccountRateLimit(t *testing.T) {
	f := newFixture(t, Config{RequestsPerMinute: 3})
	f.clock.Advance(20 * time.Second) // 40 s left in the minute
	for i := range 3 {
		r := f.do(t, http.MethodGet, "/api/v2/users/10.json", nil)
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, "3", r.header.Get("X-Rate-Limit"))
		assert.Equal(t, strconv.Itoa(2-i), r.header.Get("X-Rate-Limit-Remaining"))
	}
	r := f.do(t, http.MethodGet, "/api/v2/users/10.json", nil)
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "40", r.header.Get("Retry-After"))
	assert.Equal(t, "0", r.header.Get("X-Rate-Limit-Remaining"))
	assert.Equal(t, "APIRateLimitExceeded", r.body["error"])
	assert.Equal(t, int64(1), f.srv.Stats().Snapshot().RateLimited)

	f.clock.Advance(40 * time.Second)
	r = f.do(t, http.MethodGet, "/api/v2/users/10.json", nil)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "2", r.header.Get("X-Rate-Limit-Remaining"))
}

func TestDefaultRateLimitHeaders(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodGet, "/api/v2/tickets/100.json", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "700", r.header.Get("X-Rate-Limit"))
	assert.Equal(t, "699", r.header.Get("X-Rate-Limit-Remaining"))
	assert.Equal(t, "700", r.header.Get("ratelimit-limit"))
	assert.Equal(t, "699", r.header.Get("ratelimit-remaining"))
	assert.NotEmpty(t, r.header.Get("ratelimit-reset"))
}

func TestUnlimitedRate(t *testing.T) {
	f := newFixture(t, Config{RequestsPerMinute: -1})
	for range 5 {
		require.Equal(t, http.StatusOK, f.do(t, http.MethodGet, "/api/v2/users/10", nil).status)
	}
}

func TestExportRateLimitIsSeparate(t *testing.T) {
	f := newFixture(t, Config{ExportRequestsPerMinute: 2})
	start := strconv.FormatInt(t0.Unix(), 10)
	for i := range 2 {
		r := f.do(t, http.MethodGet, "/api/v2/incremental/users/cursor.json?start_time="+start, nil)
		require.Equal(t, http.StatusOK, r.status, r.raw)
		assert.Equal(t, "total=2; remaining="+strconv.Itoa(1-i)+"; resets=60", r.header.Get("zendesk-ratelimit-incremental-exports"))
	}
	r := f.do(t, http.MethodGet, "/api/v2/incremental/organizations.json?start_time="+start, nil)
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "60", r.header.Get("Retry-After"))

	// The account bucket still has room.
	assert.Equal(t, http.StatusOK, f.do(t, http.MethodGet, "/api/v2/users/10", nil).status)
}

func TestRateLimitStormFromAdmin(t *testing.T) {
	f := newFixture(t, Config{})
	require.Equal(t, http.StatusOK, f.doAuth(t, http.MethodPost, "/_sandbox/storm?seconds=30", nil, "").status)
	r := f.do(t, http.MethodGet, "/api/v2/users/10", nil)
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "30", r.header.Get("Retry-After"))
	f.clock.Advance(31 * time.Second)
	assert.Equal(t, http.StatusOK, f.do(t, http.MethodGet, "/api/v2/users/10", nil).status)
}

func TestInjectedServerError(t *testing.T) {
	f := newFixture(t, Config{})
	require.Equal(t, http.StatusOK, f.doAuth(t, http.MethodPut, "/_sandbox/faults", map[string]any{"error_rate": 1, "seed": 1}, "").status)
	r := f.do(t, http.MethodGet, "/api/v2/users/10", nil)
	assert.Contains(t, []int{http.StatusInternalServerError, http.StatusServiceUnavailable}, r.status)
	assert.NotEmpty(t, r.body["error"])
}
