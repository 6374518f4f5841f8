package zendesk

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Rate is the last rate-limit state the server reported.
type Rate struct {
	Limit, Remaining int
	Observed         time.Time
}

// parseRate reads the account limit headers. Ticketing endpoints send the
// lower-case ratelimit-* variants; either pair will do. Without a remaining
// count there is nothing to act on, so ok is false.
func parseRate(h http.Header, now time.Time) (Rate, bool) {
	limit, _ := headerInt(h, "X-Rate-Limit", "ratelimit-limit")
	remaining, ok := headerInt(h, "X-Rate-Limit-Remaining", "ratelimit-remaining")
	if !ok {
		return Rate{}, false
	}
	return Rate{Limit: limit, Remaining: remaining, Observed: now}, true
}

// accountReset is when the account window that rate describes reopens:
// ratelimit-reset when sent, otherwise the next minute boundary, since the
// limits are per minute.
func accountReset(h http.Header, r Rate) time.Time {
	if secs, ok := headerInt(h, "ratelimit-reset"); ok && secs >= 0 {
		return r.Observed.Add(time.Duration(secs) * time.Second)
	}
	return r.Observed.Truncate(time.Minute).Add(time.Minute)
}

// parseIncrementalRate reads the incremental-export bucket header:
// "total=10; remaining=9; resets=2".
func parseIncrementalRate(h http.Header, now time.Time) (r Rate, reset time.Time, ok bool) {
	v := h.Get("zendesk-ratelimit-incremental-exports")
	if v == "" {
		return Rate{}, time.Time{}, false
	}
	hasRemaining := false
	resetSecs := -1
	for part := range strings.SplitSeq(v, ";") {
		key, val, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil {
			continue
		}
		switch strings.TrimSpace(key) {
		case "total":
			r.Limit = n
		case "remaining":
			r.Remaining = n
			hasRemaining = true
		case "resets":
			resetSecs = n
		}
	}
	if !hasRemaining {
		return Rate{}, time.Time{}, false
	}
	r.Observed = now
	if resetSecs >= 0 {
		reset = now.Add(time.Duration(resetSecs) * time.Second)
	} else {
		reset = now.Truncate(time.Minute).Add(time.Minute)
	}
	return r, reset, true
}

func headerInt(h http.Header, names ...string) (int, bool) {
	for _, name := range names {
		if v := strings.TrimSpace(h.Get(name)); v != "" {
			if n, err := strconv.Atoi(v); err == nil {
				return n, true
			}
		}
	}
	return 0, false
}
