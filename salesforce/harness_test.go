package salesforce

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	testClientID = "test-client-id"
	testSecret   = "s3cr3t-never-shown"
)

// fakeOrg is a minimal Salesforce: a client-credentials token endpoint that
// issues tok-1, tok-2, ... and an API that accepts only the latest token
// before delegating to the test's handler.
type fakeOrg struct {
	srv *httptest.Server
	api http.HandlerFunc

	mu        sync.Mutex
	grants    int
	current   string
	refuseAll bool // every API call gets 401, even with a fresh token
	requests  []*http.Request
	bodies    []string
}

func newFakeOrg(t *testing.T, api http.HandlerFunc) *fakeOrg {
	t.Helper()
	o := &fakeOrg{api: api}
	o.srv = httptest.NewServer(http.HandlerFunc(o.serve))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *fakeOrg) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == tokenPath {
		o.serveToken(w, r)
		return
	}
	body := readBody(r)
	o.mu.Lock()
	o.requests = append(o.requests, r)
	o.bodies = append(o.bodies, body)
	ok := !o.refuseAll && r.Header.Get("Authorization") == "Bearer "+o.current
	o.mu.Unlock()
	w.Header().Set("Sforce-Limit-Info", "api-usage=18/15000")
	if !ok {
		writeJSON(w, http.StatusUnauthorized, `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`)
		return
	}
	o.api(w, r)
}

func (o *fakeOrg) serveToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" ||
		r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testSecret {
		writeJSON(w, http.StatusBadRequest, `{"error":"invalid_client","error_description":"invalid client credentials"}`)
		return
	}
	o.mu.Lock()
	o.grants++
	o.current = fmt.Sprintf("tok-%d", o.grants)
	tok := o.current
	o.mu.Unlock()
	resp, _ := json.Marshal(map[string]string{
		"access_token": tok, "instance_url": o.srv.URL, "token_type": "Bearer",
		"id": o.srv.URL + "/id/00D/005", "issued_at": "1700000000000", "signature": "x",
	})
	writeJSON(w, http.StatusOK, string(resp))
}

// expire makes the current token invalid, as a session timeout would.
func (o *fakeOrg) expire() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.current = "expired"
}

func (o *fakeOrg) grantCount() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.grants
}

func (o *fakeOrg) apiCalls() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.requests)
}

func (o *fakeOrg) lastRequest(t *testing.T) (*http.Request, string) {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	require.NotEmpty(t, o.requests, "no API request reached the server")
	return o.requests[len(o.requests)-1], o.bodies[len(o.bodies)-1]
}

func (o *fakeOrg) config() Config {
	return Config{LoginURL: o.srv.URL, ClientID: testClientID, ClientSecret: testSecret}
}

func (o *fakeOrg) client(t *testing.T) *Client {
	t.Helper()
	c, err := NewClient(o.config())
	require.NoError(t, err)
	return c
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func readBody(r *http.Request) string {
	if r.Body == nil {
		return ""
	}
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

// respond returns a handler that answers every API call the same way.
func respond(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, status, body) }
}
