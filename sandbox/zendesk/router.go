package zendesk

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/sandbox/admin"
)

// call is one API request on its way through a handler.
type call struct {
	w    http.ResponseWriter
	r    *http.Request
	base string
	seg  []string // path after /api/v2/, ".json" removed
}

// serveAPI authenticates, applies the rate limits and dispatches.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/v2/")
	if !ok {
		errInvalidEndpoint().write(w)
		return
	}
	if !s.authenticated(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="Web Password"`)
		errUnauthorized().write(w)
		return
	}
	rest = strings.TrimSuffix(strings.Trim(rest, "/"), ".json")
	c := &call{w: w, r: r, base: admin.BaseURL(s.cfg.BaseURL, r), seg: strings.Split(rest, "/")}
	if !s.admit(c) {
		return
	}
	if e := s.route(c); e != nil {
		e.write(w)
	}
}

// admit counts the request against the account bucket and, for exports,
// the export bucket, setting the rate-limit headers; it answers 429 itself.
func (s *Server) admit(c *call) bool {
	h := c.w.Header()
	if !s.account.unlimited() {
		q := s.account.take()
		h.Set("X-Rate-Limit", strconv.Itoa(q.limit))
		h.Set("X-Rate-Limit-Remaining", strconv.Itoa(q.remaining))
		reset := retryAfter(s.cfg.Now(), q.resetAt)
		if c.seg[0] == "tickets" {
			h.Set("ratelimit-limit", strconv.Itoa(q.limit))
			h.Set("ratelimit-remaining", strconv.Itoa(q.remaining))
			h.Set("ratelimit-reset", strconv.Itoa(reset))
		}
		if !q.allowed {
			s.stats.RateLimited()
			writeTooManyRequests(c.w, reset, "Number of allowed API requests per minute exceeded")
			return false
		}
	}
	if c.seg[0] == "incremental" && !s.export.unlimited() {
		q := s.export.take()
		reset := retryAfter(s.cfg.Now(), q.resetAt)
		h.Set("zendesk-ratelimit-incremental-exports",
			"total="+strconv.Itoa(q.limit)+"; remaining="+strconv.Itoa(q.remaining)+"; resets="+strconv.Itoa(reset))
		if !q.allowed {
			s.stats.RateLimited()
			writeTooManyRequests(c.w, reset, "Number of allowed incremental export API requests per minute exceeded")
			return false
		}
	}
	return true
}

type endpoint struct {
	method string
	path   string // segments joined by "/", "{id}" for a numeric id
	handle func(*Server, *call) *apiError
}

var endpoints = []endpoint{
	{http.MethodGet, "users", (*Server).listUsers},
	{http.MethodPost, "users", userKind.createOne},
	{http.MethodGet, "users/show_many", userKind.showMany},
	{http.MethodGet, "users/search", (*Server).searchUsers},
	{http.MethodPost, "users/create_or_update", userKind.upsertOne},
	{http.MethodPost, "users/create_or_update_many", (*Server).upsertUsersMany},
	{http.MethodPost, "users/create_many", (*Server).createUsersMany},
	{http.MethodPut, "users/update_many", userKind.updateMany},
	{http.MethodDelete, "users/destroy_many", (*Server).destroyUsersMany},
	{http.MethodGet, "users/{id}", userKind.show},
	{http.MethodPut, "users/{id}", userKind.updateOne},
	{http.MethodDelete, "users/{id}", (*Server).deleteUserOne},

	{http.MethodGet, "organizations", orgKind.list},
	{http.MethodPost, "organizations", orgKind.createOne},
	{http.MethodGet, "organizations/show_many", orgKind.showMany},
	{http.MethodGet, "organizations/search", (*Server).searchOrgs},
	{http.MethodPost, "organizations/create_or_update", orgKind.upsertOne},
	{http.MethodPost, "organizations/create_many", orgKind.createMany},
	{http.MethodPut, "organizations/update_many", orgKind.updateMany},
	{http.MethodGet, "organizations/{id}", orgKind.show},
	{http.MethodPut, "organizations/{id}", orgKind.updateOne},
	{http.MethodDelete, "organizations/{id}", orgKind.deleteOne},

	{http.MethodGet, "tickets", (*Server).listTickets},
	{http.MethodPost, "tickets", ticketKind.createOne},
	{http.MethodGet, "tickets/show_many", ticketKind.showMany},
	{http.MethodPost, "tickets/create_many", ticketKind.createMany},
	{http.MethodPut, "tickets/update_many", ticketKind.updateMany},
	{http.MethodGet, "tickets/{id}", ticketKind.show},
	{http.MethodPut, "tickets/{id}", ticketKind.updateOne},
	{http.MethodDelete, "tickets/{id}", ticketKind.deleteOne},
	{http.MethodGet, "tickets/{id}/comments", (*Server).listComments},

	{http.MethodGet, "job_statuses/show_many", (*Server).showManyJobs},
	{http.MethodGet, "job_statuses/{job}", (*Server).showJob},

	{http.MethodGet, "incremental/users/cursor", (*Server).exportUsers},
	{http.MethodGet, "incremental/tickets/cursor", (*Server).exportTickets},
	{http.MethodGet, "incremental/organizations", (*Server).exportOrgs},
	{http.MethodGet, "incremental/ticket_events", (*Server).exportTicketEvents},
}

func (s *Server) route(c *call) *apiError {
	for _, rt := range endpoints {
		if rt.method == c.r.Method && matchPath(rt.path, c.seg) {
			return rt.handle(s, c)
		}
	}
	return errInvalidEndpoint()
}

func matchPath(pattern string, seg []string) bool {
	parts := strings.Split(pattern, "/")
	if len(parts) != len(seg) {
		return false
	}
	for i, p := range parts {
		switch p {
		case "{id}":
			if id, err := strconv.ParseInt(seg[i], 10, 64); err != nil || id <= 0 {
				return false
			}
		case "{job}":
			if seg[i] == "" {
				return false
			}
		default:
			if p != seg[i] {
				return false
			}
		}
	}
	return true
}

// id is the numeric path segment at i; the route already checked it.
func (c *call) id(i int) int64 {
	id, _ := strconv.ParseInt(c.seg[i], 10, 64)
	return id
}
