package zendesk

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorTypesByStatus(t *testing.T) {
	tests := []struct {
		name      string
		reply     reply
		check     func(t *testing.T, err error)
		retryable bool
		message   string
	}{
		{
			name:  "401",
			reply: reply{status: 401, body: `{"error":"Couldn't authenticate you"}`},
			check: func(t *testing.T, err error) {
				var e *UnauthorizedError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "Couldn't authenticate you", e.Message)
			},
			message: "unauthorized (status 401): Couldn't authenticate you",
		},
		{
			name:  "401 html",
			reply: reply{status: 401, body: `<html>nope</html>`, header: map[string]string{"Content-Type": "text/html"}},
			check: func(t *testing.T, err error) {
				var e *UnauthorizedError
				require.ErrorAs(t, err, &e)
			},
			message: "unauthorized (status 401): credentials rejected",
		},
		{
			name:  "403",
			reply: reply{status: 403, body: `{"error":{"title":"Forbidden","message":"Bulk import is not enabled"}}`},
			check: func(t *testing.T, err error) {
				var e *ForbiddenError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "Forbidden", e.Title)
				assert.Equal(t, "Bulk import is not enabled", e.Message)
			},
			message: "forbidden: Forbidden: Bulk import is not enabled",
		},
		{
			name:  "404",
			reply: reply{status: 404, body: `{"error":"RecordNotFound","description":"Not found"}`},
			check: func(t *testing.T, err error) {
				var e *NotFoundError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "Not found", e.Description)
			},
			message: "not found: Not found",
		},
		{
			name: "422",
			reply: reply{status: 422, body: `{"error":"RecordInvalid","description":"Record validation errors","details":{` +
				`"name":[{"description":"Name: has already been taken","error":"DuplicateValue"}],` +
				`"email":[{"description":"Email: foo@ is not properly formatted","error":"InvalidValue"}]}}`},
			check: func(t *testing.T, err error) {
				var e *RecordInvalidError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "Record validation errors", e.Description)
				require.Len(t, e.Details["name"], 1)
				assert.Equal(t, "Name: has already been taken", e.Details["name"][0].Description)
				assert.Equal(t, "DuplicateValue", e.Details["name"][0].Code)
				assert.True(t, e.Field("email"))
				assert.False(t, e.Field("phone"))
			},
			message: "record invalid: Record validation errors: email: Email: foo@ is not properly formatted (InvalidValue); name: Name: has already been taken (DuplicateValue)",
		},
		{
			name:  "422 not json",
			reply: reply{status: 422, body: `bad things`},
			check: func(t *testing.T, err error) {
				var e *RecordInvalidError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "bad things", e.Description)
			},
			message: "record invalid: bad things",
		},
		{
			name:  "429 seconds",
			reply: reply{status: 429, header: map[string]string{"Retry-After": "7", "X-Rate-Limit": "700", "X-Rate-Limit-Remaining": "0"}},
			check: func(t *testing.T, err error) {
				var e *RateLimitError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 7*time.Second, e.RetryAfter)
				assert.Equal(t, 700, e.Limit)
				assert.Equal(t, 0, e.Remaining)
				d, ok := RetryAfter(err)
				assert.True(t, ok)
				assert.Equal(t, 7*time.Second, d)
			},
			retryable: true,
			message:   "rate limited (limit 700, remaining 0): retry after 7s",
		},
		{
			name:  "500",
			reply: reply{status: 500, body: `{"error":"InternalError"}`},
			check: func(t *testing.T, err error) {
				var e *TransientError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 500, e.StatusCode)
			},
			retryable: true,
			message:   `transient: status 500: {"error":"InternalError"}`,
		},
		{
			name:  "503 html page",
			reply: reply{status: 503, body: "<html><body>Maintenance</body></html>", header: map[string]string{"Content-Type": "text/html"}},
			check: func(t *testing.T, err error) {
				var e *TransientError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 503, e.StatusCode)
			},
			retryable: true,
			message:   "transient: status 503: <html><body>Maintenance</body></html>",
		},
		{
			name:  "502 empty",
			reply: reply{status: 502},
			check: func(t *testing.T, err error) {
				var e *TransientError
				require.ErrorAs(t, err, &e)
			},
			retryable: true,
			message:   "transient: status 502: Bad Gateway",
		},
		{
			name:  "400",
			reply: reply{status: 400, body: `{"errors":[{"code":"InvalidPaginationDepth"}]}`},
			check: func(t *testing.T, err error) {
				var e *ErrorResponse
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 400, e.StatusCode)
				assert.Contains(t, e.Body, "InvalidPaginationDepth")
			},
			message: `unexpected status 400 Bad Request: {"errors":[{"code":"InvalidPaginationDepth"}]}`,
		},
		{
			name:  "409",
			reply: reply{status: 409, body: `{"error":"Conflict"}`},
			check: func(t *testing.T, err error) {
				var e *ErrorResponse
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 409, e.StatusCode)
			},
			retryable: true,
			message:   `unexpected status 409 Conflict: {"error":"Conflict"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, tt.reply)
			_, err := c.ShowTicket(context.Background(), 42)
			require.Error(t, err)
			tt.check(t, err)
			assert.Equal(t, tt.retryable, IsRetryable(err))
			assert.Equal(t, "zendesk: GET /api/v2/tickets/42: "+tt.message, err.Error())
			assert.NotContains(t, err.Error(), testToken)
		})
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"seconds", http.Header{"Retry-After": {"30"}}, 30 * time.Second},
		{"zero seconds", http.Header{"Retry-After": {"0"}}, 0},
		{"http date", http.Header{"Retry-After": {now.Add(90 * time.Second).Format(http.TimeFormat)}}, 90 * time.Second},
		{"http date in the past", http.Header{"Retry-After": {now.Add(-time.Minute).Format(http.TimeFormat)}}, 0},
		{"garbage falls back to ratelimit-reset", http.Header{"Retry-After": {"soon"}, "Ratelimit-Reset": {"12"}}, 12 * time.Second},
		{"negative is ignored", http.Header{"Retry-After": {"-5"}}, defaultRetryAfter},
		{"missing", http.Header{}, defaultRetryAfter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, retryAfter(tt.header, now))
		})
	}
}

func TestIsRetryableOnPlainErrors(t *testing.T) {
	assert.False(t, IsRetryable(nil))
	assert.False(t, IsRetryable(errors.New("boom")))
	assert.False(t, IsRetryable(context.Canceled))
	assert.False(t, IsRetryable(&DecodeError{StatusCode: 200, Err: errors.New("x")}))
	assert.True(t, IsRetryable(&TransientError{Err: errors.New("reset")}))
	_, ok := RetryAfter(errors.New("boom"))
	assert.False(t, ok)
}

func TestErrorResponseClipsLongBodies(t *testing.T) {
	long := make([]byte, 5000)
	for i := range long {
		long[i] = 'x'
	}
	e := &ErrorResponse{StatusCode: 418, Body: string(long)}
	assert.Less(t, len(e.Error()), 400)
	assert.Len(t, e.Body, 5000)
}

func TestClip(t *testing.T) {
	long := strings.Repeat("x", clipLen)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"short is kept", "  oops \n", "oops"},
		{"exactly the limit is kept", long, long},
		{"long is cut", long + "yz", long + "…"},
		{"a character cut in half is replaced", long[1:] + "é", long[1:] + "\uFFFD…"},
		{"a character that fits is kept", long[2:] + "é!", long[2:] + "é…"},
		{"invalid bytes are replaced", "bad \xff\xfe body", "bad \uFFFD body"},
		{"an invalid byte at the cut is replaced", long[1:] + "\xffyz", long[1:] + "\uFFFD…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clip(tt.in)
			assert.Equal(t, tt.want, got)
			assert.True(t, utf8.ValidString(got))
		})
	}
}
