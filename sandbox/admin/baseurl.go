package admin

import (
	"net/http"
	"strings"
)

// BaseURL is a simulator's own address: configured when set (behind a
// proxy), else as the client reached it, so that every URL in an answer
// leads back to the simulator.
func BaseURL(configured string, r *http.Request) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
