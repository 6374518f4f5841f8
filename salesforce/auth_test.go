package salesforce

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	testKeyOnce sync.Once
	testKey     *rsa.PrivateKey
)

func rsaKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	testKeyOnce.Do(func() {
		var err error
		testKey, err = rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
	})
	return testKey
}

func pkcs8PEM(t *testing.T, key *rsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// verifyJWT checks an RS256 assertion the way Salesforce does and returns its claims.
func verifyJWT(pub *rsa.PublicKey, assertion string) (map[string]any, error) {
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return nil, errors.New("not three parts")
	}
	enc := base64.RawURLEncoding
	headerJSON, err := enc.DecodeString(parts[0])
	if err != nil {
		return nil, err
	}
	var header map[string]string
	if err := json.Unmarshal(headerJSON, &header); err != nil {
		return nil, err
	}
	if header["alg"] != "RS256" {
		return nil, errors.New("alg is not RS256")
	}
	sig, err := enc.DecodeString(parts[2])
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
		return nil, err
	}
	payload, err := enc.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var claims map[string]any
	return claims, json.Unmarshal(payload, &claims)
}

func TestClientCredentialsGrant(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"DailyApiRequests":{"Max":15000,"Remaining":14982}}`))
	c := org.client(t)
	require.Zero(t, org.grantCount(), "NewClient must not call the network")

	require.NoError(t, c.Authenticate(context.Background()))
	assert.Equal(t, 1, org.grantCount())

	_, err := c.Limits(context.Background())
	require.NoError(t, err)
	_, err = c.Limits(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, org.grantCount(), "token must be cached between calls")
}

func TestJWTBearerGrant(t *testing.T) {
	key := rsaKey(t)
	var srvURL string
	var gotClaims map[string]any
	var verifyErr error
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == tokenPath {
			require.NoError(t, r.ParseForm())
			if r.PostForm.Get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
				writeJSON(w, http.StatusBadRequest, `{"error":"unsupported_grant_type","error_description":"grant type not supported"}`)
				return
			}
			gotClaims, verifyErr = verifyJWT(&key.PublicKey, r.PostForm.Get("assertion"))
			if verifyErr != nil {
				writeJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"invalid assertion"}`)
				return
			}
			writeJSON(w, http.StatusOK, `{"access_token":"jwt-token","instance_url":"`+srvURL+`","token_type":"Bearer"}`)
			return
		}
		if r.Header.Get("Authorization") != "Bearer jwt-token" {
			writeJSON(w, http.StatusUnauthorized, `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`)
			return
		}
		writeJSON(w, http.StatusOK, `{"DailyApiRequests":{"Max":100,"Remaining":99}}`)
	}))
	defer srv.Close()
	srvURL = srv.URL

	c, err := NewClient(Config{LoginURL: srv.URL + "/", ClientID: "consumer-key", Username: "integration@example.com", PrivateKeyPEM: pkcs8PEM(t, key)})
	require.NoError(t, err)
	fixed := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return fixed }

	lim, err := c.Limits(context.Background())
	require.NoError(t, err)
	require.NoError(t, verifyErr)
	assert.Equal(t, 99, lim.DailyAPIRequests.Remaining)
	assert.Equal(t, "consumer-key", gotClaims["iss"])
	assert.Equal(t, "integration@example.com", gotClaims["sub"])
	assert.Equal(t, srv.URL, gotClaims["aud"], "aud is the login URL without trailing slash")
	assert.InDelta(t, float64(fixed.Add(3*time.Minute).Unix()), gotClaims["exp"], 0)
}

func TestJWTSignedWithOtherKeyIsRefused(t *testing.T) {
	other, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	key := rsaKey(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		if _, err := verifyJWT(&key.PublicKey, r.PostForm.Get("assertion")); err != nil {
			writeJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"invalid assertion"}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"access_token":"t","instance_url":"http://x"}`)
	}))
	defer srv.Close()

	der := x509.MarshalPKCS1PrivateKey(other)
	c, err := NewClient(Config{LoginURL: srv.URL, ClientID: "k", Username: "u@example.com",
		PrivateKeyPEM: pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der})})
	require.NoError(t, err)
	err = c.Authenticate(context.Background())
	var ue *UnauthorizedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "invalid_grant", ue.Code)
	assert.Equal(t, "invalid assertion", ue.Description)
	assert.False(t, IsRetryable(err))
}

func TestWrongSecretIsUnauthorizedWithoutLeakingIt(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	cfg := org.config()
	cfg.ClientSecret = "wrong-" + testSecret
	c, err := NewClient(cfg)
	require.NoError(t, err)

	err = c.Authenticate(context.Background())
	var ue *UnauthorizedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "invalid_client", ue.Code)
	assert.Equal(t, "invalid client credentials", ue.Description)
	assert.Contains(t, err.Error(), "POST /services/oauth2/token")
	assert.NotContains(t, err.Error(), testSecret)
	assert.False(t, IsRetryable(err))
}

func TestExpiredSessionIsRegrantedOnce(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"DailyApiRequests":{"Max":1,"Remaining":1}}`))
	c := org.client(t)
	ctx := context.Background()
	require.NoError(t, c.Authenticate(ctx))
	org.expire()

	_, err := c.Limits(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, org.grantCount(), "one re-grant after INVALID_SESSION_ID")
	assert.Equal(t, 2, org.apiCalls(), "the refused call is repeated once")
	req, _ := org.lastRequest(t)
	assert.Equal(t, "Bearer tok-2", req.Header.Get("Authorization"))
}

func TestRefusedFreshTokenDoesNotLoop(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	org.refuseAll = true
	c := org.client(t)

	_, err := c.Limits(context.Background())
	var ue *UnauthorizedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "INVALID_SESSION_ID", ue.Code)
	assert.Equal(t, 2, org.grantCount())
	assert.Equal(t, 2, org.apiCalls())
	assert.NotContains(t, err.Error(), "tok-")
	assert.Contains(t, err.Error(), "salesforce: GET /services/data/v62.0/limits/")
}

func TestConcurrentCallsShareOneGrant(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	c := org.client(t)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Limits(context.Background())
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, 1, org.grantCount())
}

func TestConcurrentExpiryRegrantsOnce(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	c := org.client(t)
	ctx := context.Background()
	require.NoError(t, c.Authenticate(ctx))
	org.expire()

	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Limits(ctx)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	// Every goroutine saw tok-1 refused; invalidation by pointer means only
	// the first of them triggers a grant, the rest reuse tok-2.
	assert.Equal(t, 2, org.grantCount())
}

func TestTokenEndpointFailures(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		retryable bool
		wantType  any
		wantText  string
	}{
		{"server error", 503, `<html>Service Unavailable</html>`, true, &TransientError{}, "503"},
		{"html 400", 400, `<html>bad</html>`, false, &APIError{}, "status 400"},
		{"request limit at login", 403, `[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]`, true, &RequestLimitError{}, "REQUEST_LIMIT_EXCEEDED"},
		{"401 without oauth json", 401, `<html>Unauthorized</html>`, false, &UnauthorizedError{}, "unauthorized (status 401)"},
		{"truncated token json", 200, `{"access_token":"leak-me-123","instance_url":"http://x`, true, &TransientError{}, "not valid JSON"},
		{"wrong type", 200, `{"access_token":12345,"instance_url":"http://x"}`, false, nil, "wrong type"},
		{"missing access token", 200, `{"instance_url":"http://x"}`, false, nil, "no access_token"},
		{"missing instance url", 200, `{"access_token":"leak-me-123"}`, false, nil, "instance_url"},
		{"not bearer", 200, `{"access_token":"leak-me-123","instance_url":"http://x","token_type":"MAC"}`, false, nil, "token_type"},
		{"empty body", 200, ``, true, &TransientError{}, "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(respond(tt.status, tt.body))
			defer srv.Close()
			c, err := NewClient(Config{LoginURL: srv.URL, ClientID: "id", ClientSecret: testSecret})
			require.NoError(t, err)

			err = c.Authenticate(context.Background())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantText)
			assert.Contains(t, err.Error(), "salesforce: POST /services/oauth2/token")
			assert.NotContains(t, err.Error(), "leak-me-123")
			assert.NotContains(t, err.Error(), testSecret)
			assert.Equal(t, tt.retryable, IsRetryable(err))
			switch want := tt.wantType.(type) {
			case *TransientError:
				assert.ErrorAs(t, err, &want)
			case *APIError:
				assert.ErrorAs(t, err, &want)
			case *UnauthorizedError:
				assert.ErrorAs(t, err, &want)
			}
		})
	}
}

func TestWaitingForTokenHonoursContext(t *testing.T) {
	release := make(chan struct{})
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		writeJSON(w, http.StatusOK, `{"access_token":"t","instance_url":"`+srvURL+`"}`)
	}))
	srvURL = srv.URL
	defer srv.Close()
	defer close(release)
	c, err := NewClient(Config{LoginURL: srv.URL, ClientID: "id", ClientSecret: "s"})
	require.NoError(t, err)

	go func() { _ = c.Authenticate(context.Background()) }()
	require.Eventually(t, func() bool { return len(c.grantLock) == 1 }, time.Second, time.Millisecond)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = c.Limits(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, IsRetryable(err))
}
