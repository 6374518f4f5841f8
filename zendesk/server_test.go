package zendesk

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	testEmail = "admin@example.com"
	testToken = "s3cret-token-value"
)

// reply is one scripted server answer.
type reply struct {
	status int
	body   string
	header map[string]string
}

func ok(body string) reply { return reply{status: http.StatusOK, body: body} }

// seen is one request the fake server received.
type seen struct {
	Method string
	Path   string
	Raw    string // escaped path as sent
	Query  url.Values
	Body   string
	Header http.Header
}

// script serves replies in order and records every request; a request past
// the end of the script fails the test.
type script struct {
	mu      sync.Mutex
	replies []reply
	reqs    []seen
	t       *testing.T
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.reqs = append(s.reqs, seen{Method: r.Method, Path: r.URL.Path, Raw: r.URL.EscapedPath(), Query: r.URL.Query(), Body: string(body), Header: r.Header.Clone()})
	n := len(s.reqs)
	var rp reply
	if n <= len(s.replies) {
		rp = s.replies[n-1]
	}
	s.mu.Unlock()
	if n > len(s.replies) {
		s.t.Errorf("unexpected request %d: %s %s", n, r.Method, r.URL)
		http.Error(w, "unexpected", http.StatusTeapot)
		return
	}
	if _, set := rp.header["Content-Type"]; !set {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	for k, v := range rp.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(rp.status)
	_, _ = io.WriteString(w, rp.body)
}

func (s *script) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

// only returns the single request the test expected.
func (s *script) only() seen {
	s.t.Helper()
	reqs := s.requests()
	require.Len(s.t, reqs, 1)
	return reqs[0]
}

// newTestClient starts a scripted server and a client with API-token auth.
func newTestClient(t *testing.T, replies ...reply) (*Client, *script) {
	t.Helper()
	s := &script{replies: replies, t: t}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, err := NewClient(Config{BaseURL: srv.URL, Email: testEmail, APIToken: testToken, Timeout: 5 * time.Second})
	require.NoError(t, err)
	return c, s
}
