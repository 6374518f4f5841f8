package telemetry

import (
	"log/slog"
	"regexp"
)

// urlQuery matches a URL's query string. A request that fails in transport
// comes back as a *url.Error quoting the whole URL, and some requests
// carry a record in theirs (a Zendesk user search by email, a SOQL query
// by email): the SDK logs such an activity error at warn.
var urlQuery = regexp.MustCompile(`(\w+://[^\s"?]*)\?[^\s"]*`)

// redactQueries cuts URL queries out of the string and error values the
// worker logs, keeping the host and path that say which call failed.
func redactQueries(_ []string, a slog.Attr) slog.Attr {
	var s string
	switch v := a.Value.Any().(type) {
	case string:
		s = v
	case error:
		s = v.Error()
	default:
		return a
	}
	if r := urlQuery.ReplaceAllString(s, "$1?[query redacted]"); r != s {
		return slog.String(a.Key, r)
	}
	return a
}
