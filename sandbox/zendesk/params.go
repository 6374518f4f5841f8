package zendesk

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxBulk is Zendesk's limit of records or ids per bulk request.
const maxBulk = 100

// maxBody bounds request bodies; 100 fat records stay far below it.
const maxBody = 8 << 20

// decodeBody reads a JSON request body into v, answering 400 as Zendesk does
// for a body that is not JSON.
func decodeBody(r *http.Request, v any) *apiError {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return errBadRequest("InvalidJSON", "could not read the request body")
	}
	if len(data) > maxBody {
		return &apiError{http.StatusRequestEntityTooLarge, simpleError{"RequestTooLarge", "Request body too large"}}
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return errBadRequest("InvalidJSON", "The request body is empty; a JSON object is required")
	}
	if err := json.Unmarshal(data, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return errBadRequest("InvalidValue", fmt.Sprintf("Invalid value for %s", typeErr.Field))
		}
		return errBadRequest("InvalidJSON", "The request body is not valid JSON: "+err.Error())
	}
	return nil
}

func errMissing(name string) *apiError {
	return errBadRequest("ParameterMissing", fmt.Sprintf("Parameter %s is required", name))
}

func errTooMany(name string) *apiError {
	return errBadRequest("TooManyValues", fmt.Sprintf("Too many values specified for %s. Max is %d", name, maxBulk))
}

// idList parses a comma-separated list of numeric ids (ids=1,2,3).
func idList(q url.Values, name string) ([]int64, *apiError) {
	raw := splitList(q.Get(name))
	if len(raw) > maxBulk {
		return nil, errTooMany(name)
	}
	ids := make([]int64, 0, len(raw))
	for _, s := range raw {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, errBadRequest("InvalidValue", fmt.Sprintf("%s: %q is not a valid id", name, s))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// stringList parses a comma-separated list (external_ids=a,b).
func stringList(q url.Values, name string) ([]string, *apiError) {
	raw := splitList(q.Get(name))
	if len(raw) > maxBulk {
		return nil, errTooMany(name)
	}
	return raw, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// intParam reads an optional integer query parameter.
func intParam(q url.Values, name string, def int) (int, *apiError) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errBadRequest("InvalidValue", fmt.Sprintf("%s must be an integer", name))
	}
	return n, nil
}
