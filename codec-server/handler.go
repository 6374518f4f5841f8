package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"slices"

	"go.temporal.io/sdk/converter"
)

// maxBody bounds a request: Temporal caps a payload at 2 MB, and the UI
// sends a few of them base64-encoded in JSON.
const maxBody = 16 << 20

// newHandler serves the SDK's /encode and /decode endpoints behind CORS
// for the allowed origins and, when token is set, an Authorization check.
func newHandler(codec converter.PayloadCodec, origins []string, token string) http.Handler {
	codecs := converter.NewPayloadCodecHTTPHandler(codec)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		allowed := origin != "" && slices.Contains(origins, origin)
		if allowed {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Add("Vary", "Origin")
		}
		// Browsers send preflights without credentials: answer them before
		// the token check.
		if r.Method == http.MethodOptions {
			if !allowed {
				http.Error(w, "origin not allowed", http.StatusForbidden)
				return
			}
			h := w.Header()
			h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Namespace")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if token != "" && !authorized(r.Header.Get("Authorization"), token) {
			w.Header().Set("WWW-Authenticate", "Bearer")
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		codecs.ServeHTTP(w, r)
	})
}

// authorized accepts the token alone (the CLI's --codec-auth sends the
// header verbatim) or as a bearer token. Hashing first makes the compare
// constant-time in the token's length too.
func authorized(header, token string) bool {
	got := sha256.Sum256([]byte(header))
	plain := sha256.Sum256([]byte(token))
	bearer := sha256.Sum256([]byte("Bearer " + token))
	return subtle.ConstantTimeCompare(got[:], plain[:])|subtle.ConstantTimeCompare(got[:], bearer[:]) == 1
}
