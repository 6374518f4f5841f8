package zendesk

import (
	"net/http"
	"strconv"
	"strings"
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
	c := &call{w: w, r: r, base: s.baseURL(r), seg: strings.Split(rest, "/")}
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
	{http.MethodPost, "users", (*Server).createUserOne},
	{http.MethodGet, "users/show_many", (*Server).showManyUsers},
	{http.MethodGet, "users/search", (*Server).searchUsers},
	{http.MethodPost, "users/create_or_update", (*Server).upsertUserOne},
	{http.MethodPost, "users/create_or_update_many", (*Server).upsertUsersMany},
	{http.MethodPost, "users/create_many", (*Server).createUsersMany},
	{http.MethodPut, "users/update_many", (*Server).updateUsersMany},
	{http.MethodDelete, "users/destroy_many", (*Server).destroyUsersMany},
	{http.MethodGet, "users/{id}", (*Server).showUser},
	{http.MethodPut, "users/{id}", (*Server).updateUserOne},
	{http.MethodDelete, "users/{id}", (*Server).deleteUserOne},

	{http.MethodGet, "organizations", (*Server).listOrgs},
	{http.MethodPost, "organizations", (*Server).createOrgOne},
	{http.MethodGet, "organizations/show_many", (*Server).showManyOrgs},
	{http.MethodGet, "organizations/search", (*Server).searchOrgs},
	{http.MethodPost, "organizations/create_or_update", (*Server).upsertOrgOne},
	{http.MethodPost, "organizations/create_many", (*Server).createOrgsMany},
	{http.MethodPut, "organizations/update_many", (*Server).updateOrgsMany},
	{http.MethodGet, "organizations/{id}", (*Server).showOrg},
	{http.MethodPut, "organizations/{id}", (*Server).updateOrgOne},

	{http.MethodGet, "tickets", (*Server).listTickets},
	{http.MethodPost, "tickets", (*Server).createTicketOne},
	{http.MethodGet, "tickets/show_many", (*Server).showManyTickets},
	{http.MethodPost, "tickets/create_many", (*Server).createTicketsMany},
	{http.MethodPut, "tickets/update_many", (*Server).updateTicketsMany},
	{http.MethodGet, "tickets/{id}", (*Server).showTicket},
	{http.MethodPut, "tickets/{id}", (*Server).updateTicketOne},
	{http.MethodGet, "tickets/{id}/comments", (*Server).listComments},

	{http.MethodGet, "job_statuses/show_many", (*Server).showManyJobs},
	{http.MethodGet, "job_statuses/{job}", (*Server).showJob},

	{http.MethodGet, "incremental/users/cursor", (*Server).exportUsers},
	{http.MethodGet, "incremental/tickets/cursor", (*Server).exportTickets},
	{http.MethodGet, "incremental/organizations", (*Server).exportOrgs},
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
