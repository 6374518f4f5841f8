package zendesk

import (
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthentication(t *testing.T) {
	f := newFixture(t, Config{})
	cases := []struct {
		name string
		auth string
		want int
	}{
		{"api token", basicAuth("admin@example.com", "sandbox-token"), http.StatusOK},
		{"api token, email in another case", basicAuth("Admin@Example.com", "sandbox-token"), http.StatusOK},
		{"oauth bearer", "Bearer sandbox-oauth-token", http.StatusOK},
		{"missing", "", http.StatusUnauthorized},
		{"wrong token", basicAuth("admin@example.com", "nope"), http.StatusUnauthorized},
		{"wrong email", basicAuth("other@example.com", "sandbox-token"), http.StatusUnauthorized},
		{"password instead of token", "Basic " + base64.StdEncoding.EncodeToString([]byte("admin@example.com:sandbox-token")), http.StatusUnauthorized},
		{"wrong bearer", "Bearer sandbox-token", http.StatusUnauthorized},
		{"garbage basic", "Basic !!!", http.StatusUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.doAuth(t, http.MethodGet, "/api/v2/users/10.json", nil, tc.auth)
			assert.Equal(t, tc.want, r.status, r.raw)
			assert.Equal(t, "application/json; charset=utf-8", r.header.Get("Content-Type"))
			if tc.want == http.StatusUnauthorized {
				assert.Equal(t, map[string]any{"error": "Couldn't authenticate you"}, r.body)
			}
		})
	}
}

func TestAuthenticationCustomCredentials(t *testing.T) {
	f := newFixture(t, Config{Email: "ops@acme.test", APIToken: "t0k", OAuthToken: "oa"})
	assert.Equal(t, http.StatusOK, f.doAuth(t, http.MethodGet, "/api/v2/users/10", nil, basicAuth("ops@acme.test", "t0k")).status)
	assert.Equal(t, http.StatusOK, f.doAuth(t, http.MethodGet, "/api/v2/users/10", nil, "Bearer oa").status)
	assert.Equal(t, http.StatusUnauthorized, f.do(t, http.MethodGet, "/api/v2/users/10", nil).status)
}

func TestRevokeTokensUntilReset(t *testing.T) {
	f := newFixture(t, Config{})
	require.Equal(t, http.StatusOK, f.do(t, http.MethodGet, "/api/v2/users/10", nil).status)

	require.Equal(t, http.StatusNoContent, f.doAuth(t, http.MethodPost, "/_sandbox/revoke", nil, "").status)
	assert.Equal(t, http.StatusUnauthorized, f.do(t, http.MethodGet, "/api/v2/users/10", nil).status)
	assert.Equal(t, http.StatusUnauthorized, f.doAuth(t, http.MethodGet, "/api/v2/users/10", nil, "Bearer sandbox-oauth-token").status)

	require.Equal(t, http.StatusNoContent, f.doAuth(t, http.MethodPost, "/_sandbox/reset", nil, "").status)
	assert.Equal(t, http.StatusOK, f.do(t, http.MethodGet, "/api/v2/users/10", nil).status)
}

func TestForbiddenBodyShape(t *testing.T) {
	f := newFixture(t, Config{BulkImportDisabled: true})
	r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update_many", map[string]any{"users": []any{}})
	require.Equal(t, http.StatusForbidden, r.status, r.raw)
	assert.Equal(t, "Forbidden", obj(r.body, "error")["title"])
	assert.NotEmpty(t, obj(r.body, "error")["message"])
}

func TestUnknownEndpoint(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodGet, "/api/v2/nothing_here.json", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, "InvalidEndpoint", r.body["error"])
}

func TestErrorsNeverEchoSecrets(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.doAuth(t, http.MethodGet, "/api/v2/users/10", nil, basicAuth("admin@example.com", "wrong-secret-value"))
	assert.NotContains(t, r.raw, "wrong-secret-value")
	assert.NotContains(t, r.raw, "sandbox-token")
}
