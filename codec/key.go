package codec

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// KeySize is the AES-256 key length in bytes.
const KeySize = 32

// keyID is what may name a key: it travels in clear in every payload's
// metadata, so it is kept short and free of separators.
var keyID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Key is one named AES-256 key. Its secret never leaves the value: every
// fmt verb prints the id only.
type Key struct {
	ID     string
	secret []byte
}

// NewKey checks id and secret and returns the key.
func NewKey(id string, secret []byte) (Key, error) {
	if !keyID.MatchString(id) {
		return Key{}, errors.New("key id must be 1-64 characters of A-Z a-z 0-9 . _ -")
	}
	if len(secret) != KeySize {
		return Key{}, fmt.Errorf("key %q: secret is %d bytes, want %d", id, len(secret), KeySize)
	}
	return Key{ID: id, secret: append([]byte(nil), secret...)}, nil
}

// ParseKey reads the "<key-id>:<base64 of 32 bytes>" form. Its errors never
// quote s: a malformed value may be the secret itself.
func ParseKey(s string) (Key, error) {
	id, b64, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return Key{}, errors.New("want <key-id>:<base64 of 32 bytes>, found no ':'")
	}
	secret, ok := decodeBase64(b64)
	if !ok {
		return Key{}, errors.New("want <key-id>:<base64 of 32 bytes>, the part after ':' is not base64")
	}
	if !keyID.MatchString(id) {
		return Key{}, errors.New("want <key-id>:<base64 of 32 bytes>, the key id must be 1-64 characters of A-Z a-z 0-9 . _ -")
	}
	return NewKey(id, secret)
}

// decodeBase64 takes the standard and URL-safe alphabets, padded or not:
// key generators differ and all are unambiguous.
func decodeBase64(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}

// Format prints the key id only, whatever the verb, so that a key logged by
// mistake does not leak.
func (k Key) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "Key(%s)", k.ID)
}

func (k Key) aead() (cipher.AEAD, error) {
	block, err := aes.NewCipher(k.secret)
	if err != nil {
		return nil, fmt.Errorf("key %q: %w", k.ID, err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("key %q: %w", k.ID, err)
	}
	return gcm, nil
}
