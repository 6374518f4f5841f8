package zendesk

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// defaultRetryAfter is used for a 429 that names no wait: Zendesk's limits
// are per minute, so a full window is the safe guess.
const defaultRetryAfter = 60 * time.Second

// errorBody covers Zendesk's error shapes: "error" is a string
// ("RecordInvalid", "Couldn't authenticate you") or an object
// ({"title","message"}).
type errorBody struct {
	Error       json.RawMessage         `json:"error"`
	Description string                  `json:"description"`
	Details     map[string][]FieldError `json:"details"`
}

type errorObject struct {
	Title   string `json:"title"`
	Message string `json:"message"`
}

// parseErrorBody is lenient on purpose: an error page that is not the
// documented JSON still has to become a typed error.
func parseErrorBody(body []byte) (eb errorBody, text string, obj errorObject) {
	if json.Unmarshal(body, &eb) != nil {
		return errorBody{}, "", errorObject{}
	}
	if json.Unmarshal(eb.Error, &text) != nil {
		_ = json.Unmarshal(eb.Error, &obj)
	}
	return eb, text, obj
}

// errorFor turns a non-2xx response into its typed error.
func errorFor(status int, h http.Header, body []byte, now time.Time) error {
	eb, text, obj := parseErrorBody(body)
	switch {
	case status == http.StatusUnauthorized:
		return &UnauthorizedError{Message: orDefault(text, obj.Message)}
	case status == http.StatusForbidden:
		return &ForbiddenError{Title: obj.Title, Message: orDefault(obj.Message, joinNonEmpty(": ", text, eb.Description))}
	case status == http.StatusNotFound:
		return &NotFoundError{Description: orDefault(eb.Description, text)}
	case status == http.StatusUnprocessableEntity:
		desc := orDefault(eb.Description, text)
		if desc == "" && eb.Details == nil {
			desc = clip(string(body))
		}
		return &RecordInvalidError{Description: desc, Details: eb.Details}
	case status == http.StatusTooManyRequests:
		r, _ := parseRate(h, now)
		return &RateLimitError{RetryAfter: retryAfter(h, now), Limit: r.Limit, Remaining: r.Remaining}
	case status >= 500:
		return &TransientError{StatusCode: status, Err: errors.New(orDefault(clip(string(body)), http.StatusText(status)))}
	default:
		return &ErrorResponse{StatusCode: status, Body: string(body)}
	}
}

// retryAfter reads Retry-After as seconds or an HTTP date, then
// ratelimit-reset, then falls back to a full window.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
			return time.Duration(secs) * time.Second
		}
		if at, err := http.ParseTime(v); err == nil {
			return max(at.Sub(now), 0)
		}
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(h.Get("ratelimit-reset"))); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	return defaultRetryAfter
}

// decodeJSON decodes a 2xx body into out and, when out knows its required
// keys, checks they were present.
func decodeJSON(status int, h http.Header, body []byte, out any) error {
	fail := func(err error) error {
		return &DecodeError{StatusCode: status, ContentType: h.Get("Content-Type"), Err: err}
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return fail(errors.New("empty body"))
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fail(err)
	}
	if c, ok := out.(checker); ok {
		if err := c.check(); err != nil {
			return fail(err)
		}
	}
	return nil
}

// checker is implemented by response envelopes whose keys must be present:
// a 200 {} must not read as "no users".
type checker interface {
	check() error
}
