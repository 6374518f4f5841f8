package salesforce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	fuzzLoginURL    = "https://login.sf.test"
	fuzzAccessToken = "00Dfuzz!AccessTokenNeverShown"
	fuzzAPIPrefix   = "/services/data/v62.0"
)

// cannedOrg answers in memory: the token endpoint with tokenStatus and
// tokenBody, every API call with apiStatus and apiBody. A fuzzer then drives
// the client's whole decoding path (resty, grant, status handling, decoding)
// at full speed and without sockets.
type cannedOrg struct {
	tokenStatus int
	tokenBody   []byte
	apiStatus   int
	apiBody     []byte
}

func (o cannedOrg) RoundTrip(r *http.Request) (*http.Response, error) {
	status, body := o.apiStatus, o.apiBody
	if r.URL.Path == tokenPath {
		status, body = o.tokenStatus, o.tokenBody
	}
	return &http.Response{
		StatusCode:    status,
		Status:        http.StatusText(status),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json;charset=UTF-8"}, "Sforce-Limit-Info": {"api-usage=18/15000"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}, nil
}

// grantedOrg is an org whose token endpoint works, so the fuzzed bytes reach
// the API call.
func grantedOrg(apiStatus int, apiBody []byte) cannedOrg {
	tok := `{"access_token":"` + fuzzAccessToken + `","instance_url":"https://org.sf.test","id":"https://login.sf.test/id/00D/005",` +
		`"token_type":"Bearer","issued_at":"1700000000000","signature":"c2ln"}`
	return cannedOrg{tokenStatus: http.StatusOK, tokenBody: []byte(tok), apiStatus: apiStatus, apiBody: apiBody}
}

// cannedClient is a fresh client per input, so no token or state carries
// over from one input to the next.
func cannedClient(t *testing.T, org cannedOrg) *Client {
	t.Helper()
	c, err := NewClient(Config{LoginURL: fuzzLoginURL, ClientID: testClientID, ClientSecret: testSecret})
	require.NoError(t, err)
	c.http.SetTransport(org)
	return c
}

// fuzzStatus maps any fuzzed number onto 200..599, keeping in-range values
// as they are so seed files stay readable.
func fuzzStatus(code uint16) int {
	if code >= 200 && code < 600 {
		return int(code)
	}
	return 200 + int(code)%400
}

// requireCallError checks a failed call: the text names the call, is valid
// UTF-8 (Temporal carries it in a protobuf string, which rejects anything
// else) and holds neither the client secret nor the access token; an error
// status is one of the typed API errors.
func requireCallError(t *testing.T, err error, op string, status int) {
	t.Helper()
	require.Error(t, err)
	msg := err.Error()
	require.True(t, strings.HasPrefix(msg, "salesforce: "+op+": "), "error lacks context: %q", msg)
	require.True(t, utf8.ValidString(msg), "error text is not UTF-8: %q", msg)
	assert.NotContains(t, msg, testSecret)
	assert.NotContains(t, msg, fuzzAccessToken)
	if status < http.StatusBadRequest {
		return
	}
	var (
		api    *APIError
		unauth *UnauthorizedError
		trans  *TransientError
	)
	require.True(t, errors.As(err, &api) || errors.As(err, &unauth) || errors.As(err, &trans),
		"status %d gave an untyped error: %v", status, err)
	if status >= 500 {
		assert.True(t, IsRetryable(err), "a %d is worth retrying: %v", status, err)
	}
	if status == http.StatusUnauthorized {
		assert.ErrorAs(t, err, &unauth)
	}
}

// assertTokenNotQuoted checks that a failed grant's error does not depend on
// the access token in the answer: were the token quoted anywhere, another
// token would give another text.
func assertTokenNotQuoted(t *testing.T, err error, body []byte) {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if dec.Decode(&doc) != nil {
		return
	}
	tok, ok := doc["access_token"].(string)
	if !ok || tok == "" {
		return
	}
	grantWith := func(token string) string {
		doc["access_token"] = token
		b, merr := json.Marshal(doc)
		require.NoError(t, merr)
		c := cannedClient(t, cannedOrg{tokenStatus: http.StatusOK, tokenBody: b})
		if gerr := c.Authenticate(context.Background()); gerr != nil {
			return gerr.Error()
		}
		return ""
	}
	assert.Equal(t, grantWith(tok), grantWith("other-"+tok), "the error quotes the access token: %v", err)
}
