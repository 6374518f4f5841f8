// Package salesforce is the sandbox's Salesforce: an in-memory org served
// over the REST API paths crmsync uses (OAuth token, SOQL query, sObject
// rows, upsert by external id, sObject Collections, getUpdated/getDeleted,
// limits), with the real API's shapes, status codes, validation and limits.
package salesforce

import (
	"crypto/rsa"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/seed"
)

// Config sets up the simulated org. Zero fields take the defaults noted.
type Config struct {
	// ClientID and ClientSecret are the connected app's consumer key and
	// secret. Defaults "sandbox-client", "sandbox-secret".
	ClientID, ClientSecret string
	// Username is the integration user; a JWT's sub must match it.
	// Default "integration@example.com".
	Username string
	// JWTPublicKey verifies JWT bearer assertions; nil refuses that grant.
	JWTPublicKey *rsa.PublicKey
	// TokenTTL is an access token's lifetime. Default 2h.
	TokenTTL time.Duration
	// DailyLimit is the request allocation per LimitWindow. Default 100000.
	DailyLimit int
	// LimitWindow is the rolling window of the allocation. Default 24h.
	LimitWindow time.Duration
	// CustomFields are extra custom fields. New panics on an invalid one;
	// LoadFieldDefs checks a config file first.
	CustomFields []FieldDef
	// BaseURL is the instance URL; empty means the request's own host.
	BaseURL string
	// Now is the clock. Default time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.ClientID == "" {
		c.ClientID = "sandbox-client"
	}
	if c.ClientSecret == "" {
		c.ClientSecret = "sandbox-secret"
	}
	if c.Username == "" {
		c.Username = "integration@example.com"
	}
	if c.TokenTTL <= 0 {
		c.TokenTTL = 2 * time.Hour
	}
	if c.DailyLimit <= 0 {
		c.DailyLimit = 100000
	}
	if c.LimitWindow <= 0 {
		c.LimitWindow = 24 * time.Hour
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Server is the simulated org. It is an http.Handler serving the REST API
// and the shared /_sandbox/ admin endpoints.
type Server struct {
	cfg     Config
	data    seed.Salesforce
	schema  *schema
	store   *store
	tokens  *tokens
	usage   *usage
	cursors *cursors
	stats   *admin.Stats
	faults  *admin.Faults
	handler http.Handler
}

// New builds an org holding data.
func New(cfg Config, data seed.Salesforce) *Server {
	cfg = cfg.withDefaults()
	sch, err := newSchema(cfg.CustomFields)
	if err != nil {
		panic(fmt.Sprintf("salesforce sandbox: %v", err))
	}
	s := &Server{
		cfg:     cfg,
		data:    data,
		schema:  sch,
		store:   &store{schema: sch},
		tokens:  &tokens{expiry: map[string]time.Time{}},
		usage:   &usage{max: cfg.DailyLimit, window: cfg.LimitWindow},
		cursors: newCursors(),
		stats:   admin.NewStats(),
	}
	s.faults = admin.NewFaults(admin.FaultConfig{}, cfg.Now)
	s.store.load(data, cfg.Username, s.now())
	s.handler = admin.Wrap(http.HandlerFunc(s.route), s, s.stats, s.faults)
	return s
}

// ServeHTTP serves the API and the admin endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Stats returns the request and write counters.
func (s *Server) Stats() *admin.Stats { return s.stats }

// Faults returns the fault injector.
func (s *Server) Faults() *admin.Faults { return s.faults }

// now is the org clock at the second precision Salesforce stores.
func (s *Server) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Second) }

// Throttled answers as an org over its request allocation does.
func (s *Server) Throttled(w http.ResponseWriter, until time.Time) {
	s.setLimitInfo(w, s.usage.used(s.now()))
	writeError(w, http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
}

// ServerError answers a 500 or 503 as the real API does.
func (s *Server) ServerError(w http.ResponseWriter, status int) {
	if status == http.StatusServiceUnavailable {
		writeError(w, status, "SERVER_UNAVAILABLE", "Server temporarily unavailable, please try again later.")
		return
	}
	writeError(w, status, "UNKNOWN_EXCEPTION",
		"An unexpected error occurred. Please include this ErrorId if you contact support: 1930422870-51291 (-1295383921)")
}

// Reset restores the seeded data, drops open query cursors and clears the
// request allocation.
func (s *Server) Reset() {
	s.store.mu.Lock()
	s.store.load(s.data, s.cfg.Username, s.now())
	s.store.mu.Unlock()
	s.cursors.clear()
	s.usage.reset()
}

// RevokeTokens invalidates every issued access token.
func (s *Server) RevokeTokens() { s.tokens.revokeAll() }

var versionRe = regexp.MustCompile(`^v(\d+)\.0$`)

const (
	minVersion    = 46
	latestVersion = 66
)

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	switch {
	case path == "/services/oauth2/token":
		s.serveToken(w, r)
		return
	case path == "/services/data" || path == "/services/data/":
		s.serveVersions(w, r)
		return
	case !strings.HasPrefix(path, "/services/data/"):
		notFound(w)
		return
	}
	segs := strings.Split(strings.TrimSuffix(strings.TrimPrefix(path, "/services/data/"), "/"), "/")
	m := versionRe.FindStringSubmatch(segs[0])
	if m == nil {
		notFound(w)
		return
	}
	if v, _ := strconv.Atoi(m[1]); v < minVersion {
		notFound(w)
		return
	}
	if s.authorize(r) != nil {
		writeError(w, http.StatusUnauthorized, "INVALID_SESSION_ID", "Session expired or invalid")
		return
	}
	used, ok := s.usage.take(s.now())
	s.setLimitInfo(w, used)
	if !ok {
		s.stats.RateLimited()
		writeError(w, http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
		return
	}
	for i := range segs {
		seg, err := url.PathUnescape(segs[i])
		if err != nil {
			notFound(w)
			return
		}
		segs[i] = seg
	}
	req := &apiRequest{w: w, r: r, version: segs[0], segs: segs[1:]}
	s.dispatch(req)
}

func (s *Server) setLimitInfo(w http.ResponseWriter, used int) {
	w.Header().Set("Sforce-Limit-Info", fmt.Sprintf("api-usage=%d/%d", used, s.cfg.DailyLimit))
}

// apiRequest is one call under /services/data/vXX.X/.
type apiRequest struct {
	w       http.ResponseWriter
	r       *http.Request
	version string // "v62.0"
	segs    []string
}

func (a *apiRequest) base() string { return "/services/data/" + a.version }

func (s *Server) dispatch(a *apiRequest) {
	segs, method := a.segs, a.r.Method
	if len(segs) == 0 || segs[0] == "" {
		s.serveResources(a)
		return
	}
	switch segs[0] {
	case "limits":
		if len(segs) == 1 {
			onlyGet(a, s.serveLimits)
			return
		}
	case "query", "queryAll":
		switch len(segs) {
		case 1:
			onlyGet(a, func(a *apiRequest) { s.serveQuery(a, segs[0] == "queryAll") })
			return
		case 2:
			onlyGet(a, func(a *apiRequest) { s.serveQueryMore(a, segs[0], segs[1]) })
			return
		}
	case "sobjects":
		s.dispatchSObjects(a, segs[1:], method)
		return
	case "composite":
		if len(segs) == 2 && segs[1] == "sobjects" {
			s.serveCollection(a)
			return
		}
		if len(segs) == 4 && segs[1] == "sobjects" {
			if method != http.MethodPatch {
				methodNotAllowed(a.w, method, "PATCH")
				return
			}
			s.serveCollectionUpsert(a, segs[2], segs[3])
			return
		}
	}
	notFound(a.w)
}

func (s *Server) dispatchSObjects(a *apiRequest, segs []string, method string) {
	if len(segs) == 0 {
		onlyGet(a, s.serveDescribeGlobal)
		return
	}
	o := s.schema.object(segs[0])
	if o == nil {
		notFound(a.w)
		return
	}
	switch {
	case len(segs) == 1:
		switch method {
		case http.MethodPost:
			s.serveCreate(a, o)
		case http.MethodGet:
			s.serveObjectInfo(a, o)
		default:
			methodNotAllowed(a.w, method, "GET,HEAD,POST")
		}
	case len(segs) == 2 && segs[1] == "describe":
		onlyGet(a, func(a *apiRequest) { s.serveDescribe(a, o) })
	case len(segs) == 2 && segs[1] == "updated":
		onlyGet(a, func(a *apiRequest) { s.serveUpdated(a, o) })
	case len(segs) == 2 && segs[1] == "deleted":
		onlyGet(a, func(a *apiRequest) { s.serveDeleted(a, o) })
	case len(segs) == 2:
		switch method {
		case http.MethodGet, http.MethodHead:
			s.serveGet(a, o, segs[1])
		case http.MethodPatch:
			s.serveUpdate(a, o, segs[1])
		case http.MethodDelete:
			s.serveDelete(a, o, segs[1])
		default:
			methodNotAllowed(a.w, method, "GET,HEAD,PATCH,DELETE")
		}
	case len(segs) == 3:
		switch method {
		case http.MethodGet, http.MethodHead:
			s.serveGetByExternalID(a, o, segs[1], segs[2])
		case http.MethodPatch:
			s.serveUpsert(a, o, segs[1], segs[2])
		default:
			methodNotAllowed(a.w, method, "GET,HEAD,PATCH")
		}
	default:
		notFound(a.w)
	}
}

func onlyGet(a *apiRequest, h func(*apiRequest)) {
	if a.r.Method != http.MethodGet && a.r.Method != http.MethodHead {
		methodNotAllowed(a.w, a.r.Method, "GET,HEAD")
		return
	}
	h(a)
}
