package zendesk

import (
	"context"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ticketJSON = `{"ticket":{"id":42,"subject":"Printer on fire","status":"open"}}`

func TestAuthorizationHeaders(t *testing.T) {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(testEmail+"/token:"+testToken))
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"api token", Config{Email: testEmail, APIToken: testToken}, basic},
		{"oauth", Config{OAuthToken: "oauth-abc"}, "Bearer oauth-abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: []reply{ok(ticketJSON)}, t: t}
			srv := httptest.NewServer(s)
			defer srv.Close()
			tt.cfg.BaseURL = srv.URL
			tt.cfg.UserAgent = "crmsync-test/1"
			c, err := NewClient(tt.cfg)
			require.NoError(t, err)

			_, err = c.ShowTicket(context.Background(), 42)
			require.NoError(t, err)
			req := s.only()
			assert.Equal(t, tt.want, req.Header.Get("Authorization"))
			assert.Equal(t, "crmsync-test/1", req.Header.Get("User-Agent"))
			assert.Equal(t, "application/json", req.Header.Get("Accept"))
		})
	}
}

func TestDefaultUserAgent(t *testing.T) {
	c, s := newTestClient(t, ok(ticketJSON))
	_, err := c.ShowTicket(context.Background(), 42)
	require.NoError(t, err)
	assert.Equal(t, defaultUserAgent, s.only().Header.Get("User-Agent"))
}

func TestBaseURLPathPrefixIsKept(t *testing.T) {
	s := &script{replies: []reply{ok(ticketJSON)}, t: t}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, err := NewClient(Config{BaseURL: srv.URL + "/proxy/", OAuthToken: "x"})
	require.NoError(t, err)
	_, err = c.ShowTicket(context.Background(), 42)
	require.NoError(t, err)
	assert.Equal(t, "/proxy/api/v2/tickets/42", s.only().Path)
}

func TestRateRecordsLastHeaders(t *testing.T) {
	c, _ := newTestClient(t,
		reply{status: 200, body: ticketJSON, header: map[string]string{"X-Rate-Limit": "700", "X-Rate-Limit-Remaining": "699"}},
		reply{status: 200, body: ticketJSON},
		reply{status: 200, body: ticketJSON, header: map[string]string{"ratelimit-limit": "400", "ratelimit-remaining": "12"}},
	)
	assert.Zero(t, c.Rate())

	before := time.Now()
	_, err := c.ShowTicket(context.Background(), 42)
	require.NoError(t, err)
	r := c.Rate()
	assert.Equal(t, 700, r.Limit)
	assert.Equal(t, 699, r.Remaining)
	assert.False(t, r.Observed.Before(before))

	// A response without the headers keeps the last state.
	_, err = c.ShowTicket(context.Background(), 42)
	require.NoError(t, err)
	assert.Equal(t, 699, c.Rate().Remaining)

	_, err = c.ShowTicket(context.Background(), 42)
	require.NoError(t, err)
	assert.Equal(t, Rate{Limit: 400, Remaining: 12, Observed: c.Rate().Observed}, c.Rate())
}

func TestNetworkFailuresAreTransient(t *testing.T) {
	t.Run("connection refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := l.Addr().String()
		require.NoError(t, l.Close())

		c, err := NewClient(Config{BaseURL: "http://" + addr, Email: testEmail, APIToken: testToken})
		require.NoError(t, err)
		_, err = c.ShowTicket(context.Background(), 1)
		var te *TransientError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, 0, te.StatusCode)
		assert.True(t, IsRetryable(err))
		assert.Contains(t, err.Error(), "zendesk: GET /api/v2/tickets/1: transient:")
		assert.NotContains(t, err.Error(), testToken)
	})

	t.Run("connection dropped mid-body", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			w.WriteHeader(200)
			_, _ = w.Write([]byte(`{"ticket":{"id":`))
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}))
		defer srv.Close()
		c, err := NewClient(Config{BaseURL: srv.URL, OAuthToken: "x"})
		require.NoError(t, err)
		_, err = c.ShowTicket(context.Background(), 1)
		var te *TransientError
		require.ErrorAs(t, err, &te)
		assert.True(t, IsRetryable(err))
	})

	t.Run("per-request timeout", func(t *testing.T) {
		srv := hangingServer(t)
		c, err := NewClient(Config{BaseURL: srv.URL, OAuthToken: "x", Timeout: 50 * time.Millisecond})
		require.NoError(t, err)
		start := time.Now()
		_, err = c.ShowTicket(context.Background(), 1)
		var te *TransientError
		require.ErrorAs(t, err, &te)
		assert.Less(t, time.Since(start), 2*time.Second)
	})
}

func TestCallerCancellationIsNotTransient(t *testing.T) {
	srv := hangingServer(t)
	c, err := NewClient(Config{BaseURL: srv.URL, OAuthToken: "x"})
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.ShowTicket(ctx, 1)
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded))
	var te *TransientError
	assert.False(t, errors.As(err, &te))
	assert.False(t, IsRetryable(err))
}

// hangingServer never answers: each request waits until the client gives up
// or the test ends.
func hangingServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	// Cleanups run last-in first-out: release the handlers before Close
	// waits for them.
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	return srv
}
