package salesforce

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorTypes(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		check     func(t *testing.T, err error)
		retryable bool
	}{
		{"request limit", 403, `[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]`,
			func(t *testing.T, err error) {
				var e *RequestLimitError
				require.ErrorAs(t, err, &e)
				assert.True(t, e.HasCode("REQUEST_LIMIT_EXCEEDED"))
			}, true},
		{"not found", 404, `[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]`,
			func(t *testing.T, err error) {
				var e *NotFoundError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 404, e.StatusCode)
			}, false},
		{"not found html", 404, `<html>gone</html>`,
			func(t *testing.T, err error) {
				var e *NotFoundError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "<html>gone</html>", e.Body)
			}, false},
		{"malformed query", 400, `[{"errorCode":"MALFORMED_QUERY","message":"unexpected token: FORM"}]`,
			func(t *testing.T, err error) {
				var e *QueryError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "MALFORMED_QUERY", e.Code)
				assert.Equal(t, "unexpected token: FORM", e.Message)
			}, false},
		{"invalid field", 400, `[{"errorCode":"INVALID_FIELD","message":"No such column 'Emial' on entity 'Contact'."}]`,
			func(t *testing.T, err error) {
				var e *QueryError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "INVALID_FIELD", e.Code)
				assert.Contains(t, err.Error(), "Emial")
			}, false},
		{"validation error", 400, `[{"errorCode":"REQUIRED_FIELD_MISSING","message":"Required fields are missing: [LastName]","fields":["LastName"]}]`,
			func(t *testing.T, err error) {
				var e *APIError
				require.ErrorAs(t, err, &e)
				assert.True(t, e.HasCode("REQUIRED_FIELD_MISSING"))
				assert.False(t, e.HasCode("INVALID_FIELD"))
				assert.Equal(t, []string{"LastName"}, e.Errors[0].Fields)
				var qe *QueryError
				assert.False(t, errors.As(err, &qe))
			}, false},
		{"401 wins over codes in its body", 401, `[{"errorCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record"}]`,
			func(t *testing.T, err error) {
				var e *UnauthorizedError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "UNABLE_TO_LOCK_ROW", e.Code)
			}, false},
		{"lock row", 400, `[{"errorCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record"}]`,
			func(t *testing.T, err error) {
				var te *TransientError
				require.ErrorAs(t, err, &te)
				var e *APIError
				require.ErrorAs(t, err, &e, "the API error stays reachable under the transient wrapper")
				assert.True(t, e.HasCode("UNABLE_TO_LOCK_ROW"))
			}, true},
		{"server error", 500, `[{"errorCode":"UNKNOWN_EXCEPTION","message":"An unexpected error occurred."}]`,
			func(t *testing.T, err error) {
				var te *TransientError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, 500, te.StatusCode)
			}, true},
		{"maintenance page", 503, `<!DOCTYPE html><html><body>Down for maintenance</body></html>`,
			func(t *testing.T, err error) {
				var te *TransientError
				require.ErrorAs(t, err, &te)
				assert.Contains(t, err.Error(), "Down for maintenance")
			}, true},
		{"empty 400", 400, ``,
			func(t *testing.T, err error) {
				var e *APIError
				require.ErrorAs(t, err, &e)
				assert.Empty(t, e.Errors)
				assert.Contains(t, err.Error(), "empty body")
			}, false},
		{"wrong error shape", 400, `{"message":"not an array"}`,
			func(t *testing.T, err error) {
				var e *APIError
				require.ErrorAs(t, err, &e)
				assert.Empty(t, e.Errors)
				assert.Contains(t, e.Body, "not an array")
			}, false},
		{"429", 429, ``,
			func(t *testing.T, err error) {
				var e *RequestLimitError
				require.ErrorAs(t, err, &e)
			}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, respond(tt.status, tt.body))
			c := org.client(t)
			_, err := c.Query(context.Background(), "SELECT Id FROM Contact", nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "salesforce: GET /services/data/v62.0/query: ")
			tt.check(t, err)
			assert.Equal(t, tt.retryable, IsRetryable(err))
		})
	}
}

func TestIsRetryableOnPlainErrors(t *testing.T) {
	assert.False(t, IsRetryable(nil))
	assert.False(t, IsRetryable(errors.New("x")))
	assert.False(t, IsRetryable(context.Canceled))
	assert.True(t, IsRetryable(&TransientError{Err: errors.New("reset")}))
}

func TestCallerCancellationIsNotTransient(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	c := org.client(t)
	require.NoError(t, c.Authenticate(context.Background()))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Limits(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.False(t, IsRetryable(err))
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("x", bodySnippetLen)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"short is kept, trimmed", "  <html>down</html>\n", "<html>down</html>"},
		{"long is cut", long + "yz", long},
		{"a character cut in half is replaced", long[1:] + "é", long[1:] + "\uFFFD"},
		{"invalid bytes are replaced", "\xffbad\xfe", "\uFFFDbad\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, snippet([]byte(tt.in)))
		})
	}
}
