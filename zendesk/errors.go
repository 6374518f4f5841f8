package zendesk

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// RateLimitError is a 429: the account (or the incremental-export bucket)
// is over its limit and nothing may be sent before RetryAfter has passed.
type RateLimitError struct {
	RetryAfter time.Duration
	Limit      int
	Remaining  int
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("rate limited (limit %d, remaining %d): retry after %s", e.Limit, e.Remaining, e.RetryAfter)
}

// UnauthorizedError is a 401: the credentials are wrong or missing.
type UnauthorizedError struct {
	Message string
}

func (e *UnauthorizedError) Error() string {
	return "unauthorized (status 401): " + orDefault(e.Message, "credentials rejected")
}

// ForbiddenError is a 403, e.g. bulk import not enabled on the account.
type ForbiddenError struct {
	Title   string
	Message string
}

func (e *ForbiddenError) Error() string {
	return "forbidden: " + orDefault(joinNonEmpty(": ", e.Title, e.Message), "access denied")
}

// NotFoundError is a 404.
type NotFoundError struct {
	Description string
}

func (e *NotFoundError) Error() string {
	return "not found: " + orDefault(e.Description, "record not found")
}

// FieldError is one reason a field was rejected in a 422.
type FieldError struct {
	Description string `json:"description"`
	Code        string `json:"error"`
}

// RecordInvalidError is a 422: the record failed validation. Details is keyed
// by field name, e.g. Details["name"][0].Description is
// "Name: has already been taken".
type RecordInvalidError struct {
	Description string
	Details     map[string][]FieldError
}

func (e *RecordInvalidError) Error() string {
	fields := make([]string, 0, len(e.Details))
	for f := range e.Details {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	parts := make([]string, 0, len(fields))
	for _, f := range fields {
		for _, fe := range e.Details[f] {
			reason := orDefault(fe.Description, fe.Code)
			if fe.Code != "" && fe.Description != "" {
				reason += " (" + fe.Code + ")"
			}
			parts = append(parts, f+": "+reason)
		}
	}
	msg := "record invalid: " + orDefault(e.Description, "validation failed")
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, "; ")
	}
	return msg
}

// Field reports whether the error names the field, so callers can react to
// e.g. a duplicate organization name without parsing messages.
func (e *RecordInvalidError) Field(name string) bool {
	_, ok := e.Details[name]
	return ok
}

// TransientError is a failure worth retrying: a 5xx, a network error, a
// timeout or a dropped connection. StatusCode is 0 when no response came.
type TransientError struct {
	StatusCode int
	Err        error
}

func (e *TransientError) Error() string {
	if e.StatusCode == 0 {
		return fmt.Sprintf("transient: %v", e.Err)
	}
	return fmt.Sprintf("transient: status %d: %v", e.StatusCode, e.Err)
}

func (e *TransientError) Unwrap() error { return e.Err }

// ErrorResponse is any other non-2xx answer, e.g. a 400 for a future
// start_time or too deep offset pagination.
type ErrorResponse struct {
	StatusCode int
	Body       string
}

func (e *ErrorResponse) Error() string {
	return fmt.Sprintf("unexpected status %d %s: %s", e.StatusCode, http.StatusText(e.StatusCode), clip(e.Body))
}

// DecodeError is a response the client could not understand: an empty body,
// truncated JSON, wrong types, an HTML page, or a missing envelope key.
type DecodeError struct {
	StatusCode  int
	ContentType string
	Err         error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("decode status %d response (content-type %q): %v", e.StatusCode, e.ContentType, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// IsRetryable reports whether another attempt of the same request may
// succeed: rate limits, transient failures, and 409 conflicts (Zendesk answers
// 409 when two writes hit one record at once).
func IsRetryable(err error) bool {
	var rl *RateLimitError
	var tr *TransientError
	var er *ErrorResponse
	switch {
	case errors.As(err, &rl), errors.As(err, &tr):
		return true
	case errors.As(err, &er):
		return er.StatusCode == http.StatusConflict
	}
	return false
}

// RetryAfter returns how long the server asked to wait, for callers that
// schedule their own next attempt (e.g. a Temporal NextRetryDelay).
func RetryAfter(err error) (time.Duration, bool) {
	var rl *RateLimitError
	if errors.As(err, &rl) {
		return rl.RetryAfter, true
	}
	return 0, false
}

const clipLen = 300

// clip keeps bodies in error messages short (an HTML error page can be
// kilobytes long) and valid UTF-8, with a character cut in half or any
// invalid byte shown as U+FFFD: the message ends up in a Temporal failure, a
// protobuf string that refuses anything else.
func clip(s string) string {
	s = strings.TrimSpace(s)
	suffix := ""
	if len(s) > clipLen {
		s, suffix = s[:clipLen], "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD") + suffix
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
