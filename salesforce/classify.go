package salesforce

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// bodySnippetLen bounds how much of an unparseable body goes into an error:
// enough to recognise an HTML maintenance page, not enough to flood logs.
const bodySnippetLen = 200

// errorFromResponse turns a non-success API response into a typed error.
func errorFromResponse(status int, body []byte) error {
	apiErr := &APIError{StatusCode: status}
	var items []ErrorItem
	if err := json.Unmarshal(body, &items); err == nil && len(items) > 0 {
		apiErr.Errors = items
	} else {
		apiErr.Body = snippet(body)
	}

	// A 401 comes first: whatever codes its body carries, the session was
	// refused, and retrying with the same credentials cannot help.
	switch {
	case status == http.StatusUnauthorized:
		ue := &UnauthorizedError{StatusCode: status, Code: "INVALID_SESSION_ID"}
		if len(apiErr.Errors) > 0 {
			ue.Code, ue.Description = apiErr.Errors[0].ErrorCode, apiErr.Errors[0].Message
		}
		return ue
	case status >= 500:
		return &TransientError{StatusCode: status, Err: apiErr}
	case apiErr.HasCode("UNABLE_TO_LOCK_ROW"):
		return &TransientError{StatusCode: status, Err: apiErr}
	case apiErr.HasCode("REQUEST_LIMIT_EXCEEDED") || status == http.StatusTooManyRequests:
		return &RequestLimitError{APIError: apiErr}
	case status == http.StatusNotFound:
		return &NotFoundError{APIError: apiErr}
	}
	for _, code := range []string{"MALFORMED_QUERY", "INVALID_FIELD"} {
		for _, item := range apiErr.Errors {
			if item.ErrorCode == code {
				return &QueryError{APIError: apiErr, Code: code, Message: item.Message}
			}
		}
	}
	return apiErr
}

// decodeJSON decodes a success body. A body that is empty or cut short is
// treated as transient (the server accepted the request but the answer was
// lost on the way); a body of the wrong shape is a plain error because
// retrying will not change it.
func decodeJSON(status int, body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return &TransientError{StatusCode: status, Err: errors.New("empty response body")}
	}
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &TransientError{StatusCode: status, Err: &decodeError{err: err, body: snippet(body)}}
	}
	return &decodeError{err: err, body: snippet(body)}
}

type decodeError struct {
	err  error
	body string
}

func (e *decodeError) Error() string {
	return "decode response: " + e.err.Error() + " (body starts " + quoteSnippet(e.body) + ")"
}

func (e *decodeError) Unwrap() error { return e.err }

// snippet is always valid UTF-8, with a character cut in half or any
// invalid byte shown as U+FFFD: it ends up in error texts, and Temporal
// carries those in protobuf strings, which refuse anything else.
func snippet(body []byte) string {
	b := bytes.TrimSpace(body)
	if len(b) > bodySnippetLen {
		b = b[:bodySnippetLen]
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func quoteSnippet(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
