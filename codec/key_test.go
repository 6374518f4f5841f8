package codec

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseKey(t *testing.T) {
	secret := bytes.Repeat([]byte{0xfb}, KeySize) // 0xfb gives '+' and '/' in std base64
	std := base64.StdEncoding.EncodeToString(secret)
	cases := []struct {
		name    string
		in      string
		wantID  string
		wantErr string
	}{
		{"std", "k1:" + std, "k1", ""},
		{"std unpadded", "k1:" + base64.RawStdEncoding.EncodeToString(secret), "k1", ""},
		{"url-safe", "k1:" + base64.URLEncoding.EncodeToString(secret), "k1", ""},
		{"url-safe unpadded", "k1:" + base64.RawURLEncoding.EncodeToString(secret), "k1", ""},
		{"surrounding space", "  2025-01.prod_a:" + std + "\n", "2025-01.prod_a", ""},
		{"no id", std, "", "found no ':'"},
		{"empty id", ":" + std, "", "key id must be"},
		{"id with space", "my key:" + std, "", "key id must be"},
		{"id too long", strings.Repeat("k", 65) + ":" + std, "", "key id must be"},
		{"not base64", "k1:" + std[:10] + "!!" + std[12:], "", "not base64"},
		{"16 bytes", "k1:" + base64.StdEncoding.EncodeToString(secret[:16]), "", "16 bytes, want 32"},
		{"33 bytes", "k1:" + base64.StdEncoding.EncodeToString(append(secret, 1)), "", "33 bytes, want 32"},
		{"empty", "", "", "found no ':'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k, err := ParseKey(tc.in)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				assert.NotContains(t, err.Error(), std[:12], "the error must not quote the secret")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantID, k.ID)
			assert.Equal(t, secret, k.secret)
		})
	}
}

func TestKeyNeverPrintsItsSecret(t *testing.T) {
	k, err := ParseKey(keyString("k1", 0x41)) // secret is "AAAA…", base64 "QUFB…"
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%q", "%d"} {
		out := fmt.Sprintf(verb, k) + fmt.Sprintf(verb, []Key{k}) + fmt.Sprintf(verb, struct{ K Key }{k})
		assert.NotContains(t, out, "AAAA", verb)
		assert.NotContains(t, out, "QUFB", verb)
		assert.NotContains(t, out, "4141", verb)
		assert.NotContains(t, out, "65 65", verb)
		assert.Contains(t, out, "k1", verb)
	}
}
