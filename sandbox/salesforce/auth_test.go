package salesforce_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
)

func TestClientCredentialsToken(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, body := o.form("/services/oauth2/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"sandbox-client"}, "client_secret": {"sandbox-secret"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var tok map[string]string
	require.NoError(t, json.Unmarshal(body, &tok))
	for _, k := range []string{"access_token", "instance_url", "id", "token_type", "issued_at", "signature", "scope"} {
		assert.NotEmpty(t, tok[k], k)
	}
	assert.Len(t, tok, 7, "exactly the documented fields")
	assert.Equal(t, "Bearer", tok["token_type"])
	assert.Equal(t, o.http.URL, tok["instance_url"])
	assert.True(t, strings.HasSuffix(tok["id"], "/"+ownerID), tok["id"])
	assert.Equal(t, strconvMillis(o.clock.Now()), tok["issued_at"])
}

func strconvMillis(t time.Time) string { return itoa(int(t.UnixMilli())) }

func TestTokenErrors(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	cases := []struct {
		name string
		form url.Values
		want string
	}{
		{"wrong secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {"sandbox-client"}, "client_secret": {"nope"}}, "invalid_client"},
		{"unknown client", url.Values{"grant_type": {"client_credentials"}, "client_id": {"other"}, "client_secret": {"sandbox-secret"}}, "invalid_client"},
		{"no grant", url.Values{"client_id": {"sandbox-client"}}, "unsupported_grant_type"},
		{"password grant", url.Values{"grant_type": {"password"}}, "unsupported_grant_type"},
		{"jwt without a key configured", url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {"a.b.c"}}, "invalid_grant"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := o.form("/services/oauth2/token", tc.form)
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
			var e map[string]string
			require.NoError(t, json.Unmarshal(body, &e))
			assert.Equal(t, tc.want, e["error"])
			assert.NotEmpty(t, e["error_description"])
			assert.NotContains(t, string(body), "sandbox-secret")
		})
	}
}

func signJWT(t *testing.T, key *rsa.PrivateKey, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		raw, err := json.Marshal(v)
		require.NoError(t, err)
		return base64.RawURLEncoding.EncodeToString(raw)
	}
	unsigned := enc(map[string]string{"alg": "RS256"}) + "." + enc(claims)
	digest := sha256.Sum256([]byte(unsigned))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	require.NoError(t, err)
	return unsigned + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestJWTBearer(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	o := newOrg(t, salesforce.Config{JWTPublicKey: &key.PublicKey}, smallOrg())
	exp := o.clock.Now().Add(3 * time.Minute).Unix()
	good := map[string]any{"iss": "sandbox-client", "sub": "integration@example.com", "aud": "https://login.salesforce.com", "exp": exp}
	with := func(k string, v any) map[string]any {
		c := map[string]any{}
		for kk, vv := range good {
			c[kk] = vv
		}
		c[k] = v
		return c
	}
	cases := []struct {
		name      string
		assertion string
		status    int
		errCode   string
	}{
		{"valid", signJWT(t, key, good), http.StatusOK, ""},
		{"aud is the sandbox itself", signJWT(t, key, with("aud", o.http.URL)), http.StatusOK, ""},
		{"signed by another key", signJWT(t, other, good), http.StatusBadRequest, "invalid_grant"},
		{"tampered claims", tamper(signJWT(t, key, good)), http.StatusBadRequest, "invalid_grant"},
		{"wrong issuer", signJWT(t, key, with("iss", "someone")), http.StatusBadRequest, "invalid_client"},
		{"wrong subject", signJWT(t, key, with("sub", "eve@example.com")), http.StatusBadRequest, "invalid_grant"},
		{"wrong audience", signJWT(t, key, with("aud", "https://evil.example.com")), http.StatusBadRequest, "invalid_grant"},
		{"expired", signJWT(t, key, with("exp", o.clock.Now().Add(-time.Second).Unix())), http.StatusBadRequest, "invalid_grant"},
		{"not a jwt", "garbage", http.StatusBadRequest, "invalid_grant"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := o.form("/services/oauth2/token", url.Values{
				"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {tc.assertion}})
			require.Equal(t, tc.status, resp.StatusCode, string(body))
			var out map[string]string
			require.NoError(t, json.Unmarshal(body, &out))
			if tc.errCode != "" {
				assert.Equal(t, tc.errCode, out["error"])
				return
			}
			o.token = out["access_token"]
			r, _ := o.do(http.MethodGet, v+"/limits", nil)
			assert.Equal(t, http.StatusOK, r.StatusCode)
		})
	}
}

// tamper swaps the claims for others while keeping the signature.
func tamper(jwt string) string {
	parts := strings.Split(jwt, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"sandbox-client","sub":"integration@example.com","aud":"https://login.salesforce.com","exp":9999999999}`))
	return strings.Join(parts, ".")
}

func assertInvalidSession(t *testing.T, resp *http.Response, body []byte) {
	t.Helper()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.JSONEq(t, `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`, string(body))
}

func TestSessionExpiresAndRevokes(t *testing.T) {
	o := newOrg(t, salesforce.Config{TokenTTL: time.Hour}, smallOrg())
	resp, _ := o.do(http.MethodGet, v+"/limits", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)

	o.clock.Advance(time.Hour)
	resp, body := o.do(http.MethodGet, v+"/limits", nil)
	assertInvalidSession(t, resp, body)

	// A new grant works again; then an admin revocation kills it.
	o.token = o.login()
	resp, _ = o.do(http.MethodGet, v+"/limits", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	r, err := http.Post(o.http.URL+"/_sandbox/revoke", "", nil)
	require.NoError(t, err)
	r.Body.Close()
	resp, body = o.do(http.MethodGet, v+"/limits", nil)
	assertInvalidSession(t, resp, body)
	o.token = o.login()
	resp, _ = o.do(http.MethodGet, v+"/limits", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	o.token = ""
	resp, body = o.do(http.MethodGet, v+"/sobjects/Contact/"+annaID, nil)
	assertInvalidSession(t, resp, body)
}
