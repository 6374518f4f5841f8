package zendesk

import (
	"context"
	"fmt"
	"net/http"
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

// deleteRecord sends DELETE /api/v2/{collection}/{id}, which answers 204
// with no body; what names the record in errors.
func (c *Client) deleteRecord(ctx context.Context, what, collection string, id int64) error {
	p, err := recordPath(collection, id)
	if err != nil {
		return fmt.Errorf("zendesk: delete %s: %w", what, err)
	}
	_, err = c.do(ctx, request{method: http.MethodDelete, path: p}, nil)
	return err
}
