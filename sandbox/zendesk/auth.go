package zendesk

import (
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
)

// authenticated checks the Authorization header against the account's API
// token (Basic "{email}/token:{token}") and OAuth token (Bearer).
func (s *Server) authenticated(r *http.Request) bool {
	if s.revoked.Load() {
		return false
	}
	h := r.Header.Get("Authorization")
	scheme, cred, ok := strings.Cut(h, " ")
	if !ok {
		return false
	}
	cred = strings.TrimSpace(cred)
	switch strings.ToLower(scheme) {
	case "bearer":
		return equal(cred, s.cfg.OAuthToken)
	case "basic":
		raw, err := base64.StdEncoding.DecodeString(cred)
		if err != nil {
			return false
		}
		user, secret, ok := strings.Cut(string(raw), ":")
		if !ok {
			return false
		}
		email, isToken := strings.CutSuffix(user, "/token")
		return isToken && strings.EqualFold(email, s.cfg.Email) && equal(secret, s.cfg.APIToken)
	}
	return false
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
