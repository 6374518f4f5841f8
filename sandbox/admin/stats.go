// Package admin is what both simulators share outside the real APIs: request
// statistics, fault injection, and the /_sandbox/ endpoints that read and
// steer them.
package admin

import (
	"regexp"
	"strings"
	"sync"
)

// Stats counts what a simulator served. Safe for concurrent use.
type Stats struct {
	mu          sync.Mutex
	requests    map[string]int64
	total       int64
	rateLimited int64
	faults      int64
	writes      map[string]int64
}

// Snapshot is Stats at one moment, as /_sandbox/stats returns it.
type Snapshot struct {
	TotalRequests int64            `json:"total_requests"`
	Requests      map[string]int64 `json:"requests"`
	RateLimited   int64            `json:"rate_limited"`
	Faults        int64            `json:"faults_injected"`
	Writes        map[string]int64 `json:"writes"`
}

// NewStats returns empty counters.
func NewStats() *Stats {
	return &Stats{requests: map[string]int64{}, writes: map[string]int64{}}
}

// Request counts one request to an endpoint (see Endpoint).
func (s *Stats) Request(endpoint string) {
	s.mu.Lock()
	s.requests[endpoint]++
	s.total++
	s.mu.Unlock()
}

// RateLimited counts one request refused for a rate or request limit.
func (s *Stats) RateLimited() {
	s.mu.Lock()
	s.rateLimited++
	s.mu.Unlock()
}

// Fault counts one injected fault.
func (s *Stats) Fault() {
	s.mu.Lock()
	s.faults++
	s.mu.Unlock()
}

// Write counts n records written (created, updated or deleted) of an object.
func (s *Stats) Write(object string, n int) {
	s.mu.Lock()
	s.writes[object] += int64(n)
	s.mu.Unlock()
}

// Snapshot copies the counters.
func (s *Stats) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := Snapshot{
		TotalRequests: s.total,
		Requests:      make(map[string]int64, len(s.requests)),
		RateLimited:   s.rateLimited,
		Faults:        s.faults,
		Writes:        make(map[string]int64, len(s.writes)),
	}
	for k, v := range s.requests {
		snap.Requests[k] = v
	}
	for k, v := range s.writes {
		snap.Writes[k] = v
	}
	return snap
}

// Reset zeroes every counter.
func (s *Stats) Reset() {
	s.mu.Lock()
	s.requests = map[string]int64{}
	s.writes = map[string]int64{}
	s.total, s.rateLimited, s.faults = 0, 0, 0
	s.mu.Unlock()
}

var (
	apiVersion = regexp.MustCompile(`^v\d+\.\d+$`)
	numericID  = regexp.MustCompile(`^\d+(\.json)?$`)
	sfID       = regexp.MustCompile(`^[0-9a-zA-Z]{15}([0-9a-zA-Z]{3})?$`)
	// A query locator (nextRecordsUrl) is an Id-like string and the offset.
	queryLocator = regexp.MustCompile(`^[0-9a-zA-Z]{15,18}-\d+$`)
	// Zendesk job status ids are 32 hex digits.
	hexID = regexp.MustCompile(`^[0-9a-f]{32}(\.json)?$`)
)

// Endpoint names a request for the stats: method and path with ids and the
// API version folded, so that /api/v2/users/17.json and /api/v2/users/18.json
// count as one endpoint. Without the folding every query page, job status
// and upsert value would be an endpoint of its own and the counters would
// grow with the traffic.
func Endpoint(method, path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		switch {
		case p == "":
		case i > 0 && strings.HasSuffix(parts[i-1], "__c"):
			// The value of an external id in an upsert by external id.
			parts[i] = "{value}"
		case apiVersion.MatchString(p):
			parts[i] = "vXX.X"
		case numericID.MatchString(p):
			parts[i] = "{id}"
		case sfID.MatchString(p) && strings.ContainsAny(p, "0123456789"):
			parts[i] = "{id}"
		case queryLocator.MatchString(p), hexID.MatchString(p):
			parts[i] = "{id}"
		}
	}
	return method + " " + strings.Join(parts, "/")
}
