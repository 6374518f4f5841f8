package salesforce

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LimitInfo is the org's API usage as last reported in a Sforce-Limit-Info
// header. Observed is zero until a response carrying the header arrives.
type LimitInfo struct {
	Used     int
	Max      int
	Observed time.Time
}

// Limit is one entry of the /limits resource.
type Limit struct {
	Max       int `json:"Max"`
	Remaining int `json:"Remaining"`
}

// Limits is the /limits resource. ByName holds every entry, keyed as
// Salesforce names them (e.g. "DailyApiRequests").
type Limits struct {
	DailyAPIRequests Limit
	ByName           map[string]Limit
}

// LimitInfo returns the latest API usage seen on any response.
func (c *Client) LimitInfo() LimitInfo { return c.limits.get() }

// Limits fetches the org's limits.
func (c *Client) Limits(ctx context.Context) (*Limits, error) {
	r := &apiRequest{method: http.MethodGet, path: "/limits/"}
	var byName map[string]Limit
	if _, err := c.doJSON(ctx, r, &byName); err != nil {
		return nil, err
	}
	return &Limits{DailyAPIRequests: byName["DailyApiRequests"], ByName: byName}, nil
}

type limitTracker struct {
	mu   sync.Mutex
	info LimitInfo
}

func (t *limitTracker) get() LimitInfo {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.info
}

// observe records a header such as "api-usage=18/15000". Malformed or
// missing headers are ignored: usage reporting must never fail a call.
func (t *limitTracker) observe(header string, at time.Time) {
	used, limit, ok := parseLimitInfo(header)
	if !ok {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.info = LimitInfo{Used: used, Max: limit, Observed: at}
}

func parseLimitInfo(header string) (used, limit int, ok bool) {
	for _, part := range strings.Split(header, ",") {
		name, value, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found || name != "api-usage" {
			continue
		}
		u, m, found := strings.Cut(value, "/")
		if !found {
			return 0, 0, false
		}
		ui, err1 := strconv.Atoi(strings.TrimSpace(u))
		mi, err2 := strconv.Atoi(strings.TrimSpace(m))
		if err1 != nil || err2 != nil || ui < 0 || mi <= 0 {
			return 0, 0, false
		}
		return ui, mi, true
	}
	return 0, 0, false
}
