package zendesk

import (
	"fmt"
	"strconv"
)

// recordPath is /api/v2/{collection}/{id}. It refuses an id below 1, which
// names no record: the request would reach another endpoint or none.
func recordPath(collection string, id int64) (string, error) {
	if id <= 0 {
		return "", fmt.Errorf("invalid id %d", id)
	}
	return "/api/v2/" + collection + "/" + strconv.FormatInt(id, 10), nil
}
