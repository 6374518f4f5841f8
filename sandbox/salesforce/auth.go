package salesforce

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crmsync/crmsync/sandbox/admin"
)

const (
	grantClientCredentials = "client_credentials"
	grantJWTBearer         = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	// orgID is the sandbox org's Id, the prefix of every access token.
	orgID = "00D5g000004SbxEEAS"
)

// tokens remembers issued access tokens until they expire or are revoked.
type tokens struct {
	mu     sync.Mutex
	expiry map[string]time.Time
}

func (t *tokens) issue(now time.Time, ttl time.Duration) (string, error) {
	raw := make([]byte, 48)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("generate access token: %w", err)
	}
	tok := orgID[:15] + "!" + base64.RawURLEncoding.EncodeToString(raw)
	t.mu.Lock()
	defer t.mu.Unlock()
	for k, exp := range t.expiry {
		if !now.Before(exp) {
			delete(t.expiry, k)
		}
	}
	t.expiry[tok] = now.Add(ttl)
	return tok, nil
}

func (t *tokens) valid(tok string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	exp, ok := t.expiry[tok]
	return ok && now.Before(exp)
}

func (t *tokens) revokeAll() {
	t.mu.Lock()
	t.expiry = map[string]time.Time{}
	t.mu.Unlock()
}

// bearer extracts the access token from Authorization: Bearer (or the
// older OAuth scheme the API also accepts).
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	for _, scheme := range []string{"Bearer ", "OAuth "} {
		if len(h) > len(scheme) && strings.EqualFold(h[:len(scheme)], scheme) {
			return strings.TrimSpace(h[len(scheme):])
		}
	}
	return ""
}

type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		methodNotAllowed(w, r.Method, "POST")
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, oauthError{"invalid_request", "malformed form body"})
		return
	}
	switch r.PostForm.Get("grant_type") {
	case grantClientCredentials:
		id, secret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		if basicID, basicSecret, ok := r.BasicAuth(); ok && id == "" {
			id, secret = basicID, basicSecret
		}
		if !hmac.Equal([]byte(id), []byte(s.cfg.ClientID)) || !hmac.Equal([]byte(secret), []byte(s.cfg.ClientSecret)) {
			writeJSON(w, http.StatusBadRequest, oauthError{"invalid_client", "invalid client credentials"})
			return
		}
	case grantJWTBearer:
		if e := s.checkAssertion(r.PostForm.Get("assertion"), s.instanceURL(r)); e != nil {
			writeJSON(w, http.StatusBadRequest, e)
			return
		}
	default:
		writeJSON(w, http.StatusBadRequest, oauthError{"unsupported_grant_type", "grant type not supported"})
		return
	}
	now := s.now()
	tok, err := s.tokens.issue(now, s.cfg.TokenTTL)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, oauthError{"server_error", "could not issue a token"})
		return
	}
	instance := s.instanceURL(r)
	s.store.mu.RLock()
	userID := s.store.ownerID
	s.store.mu.RUnlock()
	identity := instance + "/id/" + orgID + "/" + userID
	issuedAt := strconv.FormatInt(now.UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(s.cfg.ClientSecret))
	mac.Write([]byte(identity + issuedAt))
	writeJSON(w, http.StatusOK, map[string]string{
		"access_token": tok,
		"instance_url": instance,
		"id":           identity,
		"token_type":   "Bearer",
		"issued_at":    issuedAt,
		"signature":    base64.StdEncoding.EncodeToString(mac.Sum(nil)),
		"scope":        "api",
	})
}

// jwtClaims are the claims the JWT bearer flow reads.
type jwtClaims struct {
	Iss string          `json:"iss"`
	Sub string          `json:"sub"`
	Aud json.RawMessage `json:"aud"`
	Exp json.Number     `json:"exp"`
}

// checkAssertion verifies an RS256 JWT bearer assertion and its claims.
func (s *Server) checkAssertion(assertion, instance string) *oauthError {
	bad := func(desc string) *oauthError { return &oauthError{"invalid_grant", desc} }
	if s.cfg.JWTPublicKey == nil {
		return bad("invalid assertion")
	}
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return bad("invalid assertion")
	}
	var header struct {
		Alg string `json:"alg"`
	}
	if err := decodeSegment(parts[0], &header); err != nil || header.Alg != "RS256" {
		return bad("invalid assertion")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return bad("invalid assertion")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if rsa.VerifyPKCS1v15(s.cfg.JWTPublicKey, crypto.SHA256, digest[:], sig) != nil {
		return bad("invalid assertion")
	}
	var c jwtClaims
	if err := decodeSegment(parts[1], &c); err != nil {
		return bad("invalid assertion")
	}
	if c.Iss != s.cfg.ClientID {
		return &oauthError{"invalid_client", "client identifier invalid"}
	}
	if !audienceOK(c.Aud, instance) {
		return bad("audience is invalid")
	}
	exp, err := c.Exp.Float64()
	if err != nil || !s.now().Before(time.Unix(int64(exp), 0)) {
		return bad("expired assertion")
	}
	if c.Sub != s.cfg.Username {
		return bad("user hasn't approved this consumer")
	}
	return nil
}

func decodeSegment(seg string, into any) error {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return fmt.Errorf("decode jwt segment: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("parse jwt segment: %w", err)
	}
	return nil
}

// audienceOK accepts the real login hosts and the sandbox's own URL, the
// sandbox being its own login server.
func audienceOK(raw json.RawMessage, instance string) bool {
	var auds []string
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		auds = []string{one}
	} else if err := json.Unmarshal(raw, &auds); err != nil {
		return false
	}
	for _, a := range auds {
		switch strings.TrimRight(a, "/") {
		case "https://login.salesforce.com", "https://test.salesforce.com", strings.TrimRight(instance, "/"):
			return true
		}
	}
	return false
}

var errNoSession = errors.New("no valid session")

// authorize checks the access token of an API request.
func (s *Server) authorize(r *http.Request) error {
	tok := bearer(r)
	if tok == "" || !s.tokens.valid(tok, s.now()) {
		return errNoSession
	}
	return nil
}

func (s *Server) instanceURL(r *http.Request) string { return admin.BaseURL(s.cfg.BaseURL, r) }
