package salesforce

import (
	"errors"
	"fmt"
	"strings"
)

// ErrorItem is one entry of the JSON array Salesforce returns as an error body.
type ErrorItem struct {
	Message   string   `json:"message"`
	ErrorCode string   `json:"errorCode"`
	Fields    []string `json:"fields,omitempty"`
}

// APIError is an error response from the REST API. Errors holds the decoded
// body; when the body was not the documented JSON array (an HTML error page,
// an empty body), Errors is empty and Body holds the start of what came back.
type APIError struct {
	StatusCode int
	Errors     []ErrorItem
	Body       string
}

func (e *APIError) Error() string {
	if len(e.Errors) == 0 {
		if e.Body == "" {
			return fmt.Sprintf("status %d with empty body", e.StatusCode)
		}
		return fmt.Sprintf("status %d: unexpected body %q", e.StatusCode, e.Body)
	}
	parts := make([]string, 0, len(e.Errors))
	for _, item := range e.Errors {
		s := item.ErrorCode + ": " + item.Message
		if len(item.Fields) > 0 {
			s += " (fields: " + strings.Join(item.Fields, ", ") + ")"
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("status %d: %s", e.StatusCode, strings.Join(parts, "; "))
}

// HasCode reports whether any error item carries the given errorCode.
func (e *APIError) HasCode(code string) bool {
	for _, item := range e.Errors {
		if item.ErrorCode == code {
			return true
		}
	}
	return false
}

// RequestLimitError is 403 REQUEST_LIMIT_EXCEEDED: the org's rolling 24-hour
// API allocation is used up, or too many long-running requests are in flight.
type RequestLimitError struct{ *APIError }

func (e *RequestLimitError) Error() string { return "request limit exceeded: " + e.APIError.Error() }
func (e *RequestLimitError) Unwrap() error { return e.APIError }

// NotFoundError is a 404: the record, object or external id field does not exist.
type NotFoundError struct{ *APIError }

func (e *NotFoundError) Error() string { return "not found: " + e.APIError.Error() }
func (e *NotFoundError) Unwrap() error { return e.APIError }

// QueryError is MALFORMED_QUERY or INVALID_FIELD. Retrying cannot help: the
// SOQL or the field mapping must change. Message is the server's own text,
// which names the offending field or token.
type QueryError struct {
	*APIError
	Code    string
	Message string
}

func (e *QueryError) Error() string { return "invalid query: " + e.APIError.Error() }
func (e *QueryError) Unwrap() error { return e.APIError }

// UnauthorizedError means the credentials were refused: the token endpoint
// answered with an OAuth error (invalid_client, invalid_grant, ...), or an API
// call was still refused with 401 after one fresh grant. Code and Description
// come from the server; they never contain the secret or the token.
type UnauthorizedError struct {
	StatusCode  int
	Code        string
	Description string
}

func (e *UnauthorizedError) Error() string {
	if e.Description == "" {
		return fmt.Sprintf("unauthorized (status %d): %s", e.StatusCode, e.Code)
	}
	return fmt.Sprintf("unauthorized (status %d): %s: %s", e.StatusCode, e.Code, e.Description)
}

// TransientError is a failure that may pass on its own: 5xx, UNABLE_TO_LOCK_ROW,
// network errors, timeouts, dropped connections and truncated bodies.
// StatusCode is 0 when no response arrived.
type TransientError struct {
	StatusCode int
	Err        error
}

func (e *TransientError) Error() string {
	if e.StatusCode == 0 {
		return "transient: " + e.Err.Error()
	}
	return fmt.Sprintf("transient (status %d): %s", e.StatusCode, e.Err.Error())
}

func (e *TransientError) Unwrap() error { return e.Err }

// IsRetryable reports whether repeating the same call later may succeed.
// Request-limit errors count as retryable because the allocation is a rolling
// window; callers should back off for minutes, not seconds.
func IsRetryable(err error) bool {
	var te *TransientError
	var le *RequestLimitError
	return errors.As(err, &te) || errors.As(err, &le)
}
