package mapping

import (
	"net"
	"net/url"
	"strings"
)

// transforms are applied in the order a field lists them.
var transforms = map[string]func(string) string{
	"trim":   strings.TrimSpace,
	"lower":  strings.ToLower,
	"upper":  strings.ToUpper,
	"squash": squash,
	"host":   host,
}

// squash trims and collapses every run of white space to one space.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// host reduces a website to the domain Zendesk matches users' email
// domains against: "https://www.Acme.com/about" → "acme.com". Anything that
// does not yield a valid host name gives "" (no domain), never an error:
// a sloppy Website field must not stop the account from syncing.
func host(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\r\n") {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return ""
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	h = strings.TrimPrefix(h, "www.")
	if net.ParseIP(h) != nil || !validHostname(h) {
		return ""
	}
	return h
}
