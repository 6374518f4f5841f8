package zendesk

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cannedTransport answers every request with the same response, in memory:
// a fuzzer then drives the client's whole decoding path (resty, status
// handling, envelope checks) at full speed and without sockets.
type cannedTransport struct {
	status int
	body   []byte
}

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    c.status,
		Status:        http.StatusText(c.status),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
		Request:       r,
	}, nil
}

// fuzzStatus maps any fuzzed number onto 200..599, keeping in-range values
// as they are so seed files stay readable.
func fuzzStatus(code uint16) int {
	if code >= 200 && code < 600 {
		return int(code)
	}
	return 200 + int(code)%400
}

// cannedClient is a fresh client per input, so a 429 blocking the pacer in
// one input cannot make the next one sleep.
func cannedClient(t *testing.T, status int, body []byte) *Client {
	t.Helper()
	c, err := NewClient(Config{BaseURL: "https://acme.zendesk.test", Email: testEmail, APIToken: testToken})
	require.NoError(t, err)
	c.http.SetTransport(cannedTransport{status: status, body: body})
	return c
}

// requireTypedError checks a failed call: the text names the call, is valid
// UTF-8 (Temporal carries it in a protobuf string, which rejects anything
// else) and never holds the credentials; a 2xx that did not decode is a
// DecodeError, any other status one of the typed API errors.
func requireTypedError(t *testing.T, err error, op string, status int) {
	t.Helper()
	require.Error(t, err)
	msg := err.Error()
	require.True(t, strings.HasPrefix(msg, "zendesk: "+op+": "), "error lacks context: %q", msg)
	require.True(t, utf8.ValidString(msg), "error text is not UTF-8: %q", msg)
	assert.NotContains(t, msg, testToken)

	var de *DecodeError
	if status >= 200 && status <= 299 {
		require.ErrorAs(t, err, &de)
		return
	}
	require.False(t, errors.As(err, &de), "status %d is an API error, not a decode error: %v", status, err)
	var (
		rl  *RateLimitError
		ua  *UnauthorizedError
		fb  *ForbiddenError
		nf  *NotFoundError
		ri  *RecordInvalidError
		tr  *TransientError
		er  *ErrorResponse
		got = errors.As(err, &rl) || errors.As(err, &ua) || errors.As(err, &fb) || errors.As(err, &nf) ||
			errors.As(err, &ri) || errors.As(err, &tr) || errors.As(err, &er)
	)
	require.True(t, got, "status %d gave an untyped error: %v", status, err)
	assert.Equal(t, status == http.StatusTooManyRequests || status >= 500 || status == http.StatusConflict, IsRetryable(err), "%v", err)
}
