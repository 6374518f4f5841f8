package zendesk

import (
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/seed"
)

// Server simulates one Zendesk account. It is an http.Handler serving the
// real API under /api/v2/ and the sandbox admin API under /_sandbox/.
type Server struct {
	cfg     Config
	data    seed.Zendesk
	stats   *admin.Stats
	faults  *admin.Faults
	handler http.Handler

	mu  sync.RWMutex
	st  *store
	gen atomic.Uint64 // bumped by Reset so that queued jobs from before it are dropped

	revoked atomic.Bool
	account *bucket
	export  *bucket
	jobs    *jobQueue
}

var _ admin.Service = (*Server)(nil)

// New returns a simulator holding data; Reset goes back to it.
func New(cfg Config, data seed.Zendesk) *Server {
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:     cfg,
		data:    data,
		stats:   admin.NewStats(),
		faults:  admin.NewFaults(admin.FaultConfig{}, cfg.Now),
		st:      newStore(data, cfg.Email),
		account: newBucket(cfg.RequestsPerMinute, cfg.Now),
		export:  newBucket(cfg.ExportRequestsPerMinute, cfg.Now),
		jobs:    newJobQueue(),
	}
	s.handler = admin.Wrap(http.HandlerFunc(s.serveAPI), s, s.stats, s.faults)
	return s
}

// ServeHTTP serves the API and the admin endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Stats returns the request and write counters.
func (s *Server) Stats() *admin.Stats { return s.stats }

// Faults returns the fault injector.
func (s *Server) Faults() *admin.Faults { return s.faults }

// Throttled answers a forced rate-limit storm as Zendesk answers a 429.
func (s *Server) Throttled(w http.ResponseWriter, until time.Time) {
	writeTooManyRequests(w, retryAfter(s.cfg.Now(), until), "Number of allowed API requests per minute exceeded")
}

// ServerError answers an injected 500 or 503.
func (s *Server) ServerError(w http.ResponseWriter, status int) {
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "10")
		writeJSON(w, status, simpleError{"ServiceUnavailable", "The service is temporarily unavailable. Please try again later."})
		return
	}
	writeJSON(w, status, simpleError{"InternalServerError", "Something went wrong on our end. Please try again."})
}

// Reset restores the seeded data, forgets jobs, restores the credentials
// and refills the rate-limit buckets.
func (s *Server) Reset() {
	st := newStore(s.data, s.cfg.Email)
	s.mu.Lock()
	s.st = st
	s.gen.Add(1)
	s.mu.Unlock()
	s.jobs.reset()
	s.revoked.Store(false)
	s.account.reset()
	s.export.reset()
}

// RevokeTokens makes the API token and the OAuth token stop working until
// Reset.
func (s *Server) RevokeTokens() { s.revoked.Store(true) }

func writeTooManyRequests(w http.ResponseWriter, seconds int, description string) {
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	writeJSON(w, http.StatusTooManyRequests, simpleError{"APIRateLimitExceeded", description})
}

// retryAfter is the whole seconds from now until until, at least 1.
func retryAfter(now, until time.Time) int {
	d := until.Sub(now)
	secs := int((d + time.Second - 1) / time.Second)
	return max(secs, 1)
}
