package salesforce

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNetworkFailuresAreTransient(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"dropped connection", func(w http.ResponseWriter, _ *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}},
		{"body cut short", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "500")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{"totalSize":1,"done":true,"records":[`))
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, tt.handler)
			cfg := org.config()
			cfg.Timeout = 100 * time.Millisecond
			c, err := NewClient(cfg)
			require.NoError(t, err)

			_, err = c.Query(context.Background(), "SELECT Id FROM Contact", nil)
			var te *TransientError
			require.ErrorAs(t, err, &te)
			assert.True(t, IsRetryable(err))
			assert.Contains(t, err.Error(), "salesforce: GET /services/data/v62.0/query: ")
			assert.NotContains(t, err.Error(), "tok-1")
		})
	}
}

func TestUnreachableLoginIsTransient(t *testing.T) {
	c, err := NewClient(Config{LoginURL: "http://127.0.0.1:1", ClientID: "id", ClientSecret: testSecret})
	require.NoError(t, err)
	err = c.Authenticate(context.Background())
	var te *TransientError
	require.ErrorAs(t, err, &te)
	assert.NotContains(t, err.Error(), testSecret)
}
