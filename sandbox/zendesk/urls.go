package zendesk

import (
	"net/url"
	"strconv"
	"strings"
)

func recordURL(base, collection string, id int64) string {
	return base + "/api/v2/" + collection + "/" + strconv.FormatInt(id, 10) + ".json"
}

// withQuery is the request's own URL with some query parameters replaced.
func withQuery(c *call, set map[string]string, drop ...string) string {
	q := c.r.URL.Query()
	for _, k := range drop {
		q.Del(k)
	}
	for k, v := range set {
		q.Set(k, v)
	}
	return c.base + c.r.URL.Path + "?" + encodeQuery(q)
}

// encodeQuery keeps page[size]-style keys readable, as Zendesk's own links
// do.
func encodeQuery(q url.Values) string {
	return strings.NewReplacer("%5B", "[", "%5D", "]").Replace(q.Encode())
}
