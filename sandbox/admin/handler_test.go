package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeService records what the admin layer asked of it.
type fakeService struct {
	mu          sync.Mutex
	resets      int
	revokes     int
	throttledTo []time.Time
	errors      []int
}

func (s *fakeService) Throttled(w http.ResponseWriter, until time.Time) {
	s.mu.Lock()
	s.throttledTo = append(s.throttledTo, until)
	s.mu.Unlock()
	w.WriteHeader(http.StatusTooManyRequests)
}

func (s *fakeService) ServerError(w http.ResponseWriter, status int) {
	s.mu.Lock()
	s.errors = append(s.errors, status)
	s.mu.Unlock()
	w.WriteHeader(status)
}

func (s *fakeService) Reset() {
	s.mu.Lock()
	s.resets++
	s.mu.Unlock()
}

func (s *fakeService) RevokeTokens() {
	s.mu.Lock()
	s.revokes++
	s.mu.Unlock()
}

type fixture struct {
	svc     *fakeService
	stats   *Stats
	faults  *Faults
	clock   *fakeClock
	handler http.Handler
	apiHits int
}

func newFixture(cfg FaultConfig) *fixture {
	f := &fixture{svc: &fakeService{}, stats: NewStats(), clock: &fakeClock{t: epoch}}
	f.faults = NewFaults(cfg, f.clock.Now)
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.apiHits++
		_, _ = w.Write([]byte("api"))
	})
	f.handler = Wrap(api, f.svc, f.stats, f.faults)
	return f
}

func (f *fixture) do(method, target, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
	return rec
}

func TestAdminEndpoints(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		target     string
		body       string
		wantStatus int
		wantBody   string // substring
		check      func(t *testing.T, f *fixture)
	}{
		{
			name: "stats", method: "GET", target: "/_sandbox/stats",
			wantStatus: 200, wantBody: `"total_requests":1`,
		},
		{
			name: "faults read", method: "GET", target: "/_sandbox/faults",
			wantStatus: 200, wantBody: `"error_rate":0.1`,
		},
		{
			name: "faults replaced", method: "PUT", target: "/_sandbox/faults",
			body:       `{"error_rate":0.25,"drop_rate":0.05,"latency_ms":3,"seed":9}`,
			wantStatus: 200, wantBody: `"error_rate":0.25`,
			check: func(t *testing.T, f *fixture) {
				assert.Equal(t, FaultConfig{ErrorRate: 0.25, DropRate: 0.05, LatencyMS: 3, Seed: 9}, f.faults.Config())
			},
		},
		{
			name: "faults with a storm", method: "PUT", target: "/_sandbox/faults",
			body:       `{"storm_seconds":60}`,
			wantStatus: 200, wantBody: `"storm_until":"2026-01-01T12:01:00Z"`,
		},
		{
			name: "faults not JSON", method: "PUT", target: "/_sandbox/faults", body: `{`,
			wantStatus: 400, wantBody: "invalid fault config",
		},
		{
			name: "faults misspelt field", method: "PUT", target: "/_sandbox/faults", body: `{"error_rat":1}`,
			wantStatus: 400, wantBody: "error_rat",
		},
		{
			name: "faults rates above one", method: "PUT", target: "/_sandbox/faults", body: `{"error_rate":0.6,"drop_rate":0.5}`,
			wantStatus: 400, wantBody: "rates must be within",
		},
		{
			name: "faults negative rate", method: "PUT", target: "/_sandbox/faults", body: `{"drop_rate":-0.1}`,
			wantStatus: 400,
		},
		{
			name: "faults negative latency", method: "PUT", target: "/_sandbox/faults", body: `{"latency_ms":-1}`,
			wantStatus: 400,
		},
		{
			name: "faults overlong storm", method: "PUT", target: "/_sandbox/faults", body: `{"storm_seconds":10000000000}`,
			wantStatus: 400,
		},
		{
			name: "storm", method: "POST", target: "/_sandbox/storm?seconds=30",
			wantStatus: 200, wantBody: `"storm_until":"2026-01-01T12:00:30Z"`,
			check: func(t *testing.T, f *fixture) {
				assert.Equal(t, 0.1, f.faults.Config().ErrorRate, "the rest of the config stays")
				assert.Equal(t, http.StatusTooManyRequests, f.do("GET", "/api/x", "").Code)
			},
		},
		{
			name: "storm without seconds", method: "POST", target: "/_sandbox/storm",
			wantStatus: 400, wantBody: "seconds: want a whole number",
		},
		{
			name: "storm of zero", method: "POST", target: "/_sandbox/storm?seconds=0",
			wantStatus: 400, wantBody: "above 0",
		},
		{
			name: "storm that would overflow", method: "POST", target: "/_sandbox/storm?seconds=10000000000",
			wantStatus: 400, wantBody: "at most",
		},
		{
			name: "revoke", method: "POST", target: "/_sandbox/revoke",
			wantStatus: 204,
			check:      func(t *testing.T, f *fixture) { assert.Equal(t, 1, f.svc.revokes) },
		},
		{
			name: "reset", method: "POST", target: "/_sandbox/reset",
			wantStatus: 204,
			check: func(t *testing.T, f *fixture) {
				assert.Equal(t, 1, f.svc.resets)
				assert.Zero(t, f.stats.Snapshot().TotalRequests, "stats are zeroed")
			},
		},
		{name: "wrong method", method: "GET", target: "/_sandbox/reset", wantStatus: 404, wantBody: "no admin endpoint GET /_sandbox/reset"},
		{name: "unknown", method: "GET", target: "/_sandbox/nope", wantStatus: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(FaultConfig{ErrorRate: 0.1, Seed: 1})
			f.stats.Request("GET /earlier")
			rec := f.do(tt.method, tt.target, tt.body)
			assert.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
			assert.Contains(t, rec.Body.String(), tt.wantBody)
			if rec.Code != http.StatusNoContent {
				assert.True(t, json.Valid(rec.Body.Bytes()), "answer is JSON: %s", rec.Body)
			}
			assert.Zero(t, f.apiHits, "admin requests never reach the API")
			if tt.check != nil {
				tt.check(t, f)
			}
		})
	}
}

func TestWrapCountsAndPassesCleanRequests(t *testing.T) {
	f := newFixture(FaultConfig{})
	for _, path := range []string{"/api/v2/users/1.json", "/api/v2/users/2.json", "/api/v2/tickets.json"} {
		rec := f.do("GET", path, "")
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "api", rec.Body.String())
	}
	snap := f.stats.Snapshot()
	assert.Equal(t, int64(3), snap.TotalRequests)
	assert.Equal(t, map[string]int64{"GET /api/v2/users/{id}": 2, "GET /api/v2/tickets.json": 1}, snap.Requests)
	assert.Zero(t, snap.Faults)
	assert.Equal(t, 3, f.apiHits)
}

func TestWrapInjectsServerErrors(t *testing.T) {
	f := newFixture(FaultConfig{ErrorRate: 1, Seed: 5})
	const n = 200
	for range n {
		rec := f.do("GET", "/api/x", "")
		assert.Contains(t, []int{500, 503}, rec.Code)
	}
	assert.Zero(t, f.apiHits)
	assert.Equal(t, int64(n), f.stats.Snapshot().Faults)
	seen := map[int]int{}
	for _, s := range f.svc.errors {
		seen[s]++
	}
	assert.Len(t, f.svc.errors, n)
	assert.Positive(t, seen[500], "some 500s")
	assert.Positive(t, seen[503], "some 503s")
}

func TestWrapThrottlesDuringAStorm(t *testing.T) {
	f := newFixture(FaultConfig{StormSeconds: 5})
	rec := f.do("GET", "/api/x", "")
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
	require.Len(t, f.svc.throttledTo, 1)
	assert.Equal(t, epoch.Add(5*time.Second), f.svc.throttledTo[0], "the service learns when the storm ends")
	assert.Equal(t, int64(1), f.stats.Snapshot().RateLimited)

	f.clock.Advance(5 * time.Second)
	assert.Equal(t, http.StatusOK, f.do("GET", "/api/x", "").Code)
	assert.Equal(t, 1, f.apiHits)
}

func TestWrapDropsConnections(t *testing.T) {
	f := newFixture(FaultConfig{DropRate: 1})
	srv := httptest.NewServer(f.handler)
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/api/x")
	if err == nil {
		_ = resp.Body.Close()
	}
	require.Error(t, err, "the connection closes without an answer")
	assert.Zero(t, f.apiHits)
	assert.Equal(t, int64(1), f.stats.Snapshot().Faults)
}

func TestWrapLatencyGivesUpWithTheClient(t *testing.T) {
	f := newFixture(FaultConfig{LatencyMS: 60_000})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		f.handler.ServeHTTP(rec, httptest.NewRequest("GET", "/api/x", nil).WithContext(ctx))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a gone client still waits out the latency")
	}
	assert.Zero(t, f.apiHits)
}

func TestWrapAddsLatency(t *testing.T) {
	f := newFixture(FaultConfig{LatencyMS: 50})
	start := time.Now()
	rec := f.do("GET", "/api/x", "")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
}
