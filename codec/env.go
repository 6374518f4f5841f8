package codec

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// The variables that turn encryption on. EnvEncryptionKey encrypts and
// decrypts; EnvDecryptionKeys are retired keys, still accepted on decode so
// that histories written before a rotation stay readable.
const (
	EnvEncryptionKey  = "CRMSYNC_ENCRYPTION_KEY"
	EnvDecryptionKeys = "CRMSYNC_DECRYPTION_KEYS"
)

// KeysFromEnv reads EnvEncryptionKey and EnvDecryptionKeys; see LoadKeys.
func KeysFromEnv() ([]Key, error) {
	return LoadKeys(os.Getenv(EnvEncryptionKey), os.Getenv(EnvDecryptionKeys))
}

// LoadKeys parses the active key and a comma-separated list of older keys,
// all "<key-id>:<base64 of 32 bytes>". The active key comes first. No
// active key means encryption is off: nil, nil. Errors name the variable,
// never its value.
func LoadKeys(active, older string) ([]Key, error) {
	if strings.TrimSpace(active) == "" {
		if strings.TrimSpace(older) != "" {
			return nil, fmt.Errorf("%s is set without %s: set the active key too", EnvDecryptionKeys, EnvEncryptionKey)
		}
		return nil, nil
	}
	k, err := ParseKey(active)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", EnvEncryptionKey, err)
	}
	keys := []Key{k}
	if strings.TrimSpace(older) == "" {
		return keys, nil
	}
	for i, s := range strings.Split(older, ",") {
		if strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("%s: key %d is empty", EnvDecryptionKeys, i+1)
		}
		k, err := ParseKey(s)
		if err != nil {
			return nil, fmt.Errorf("%s: key %d: %w", EnvDecryptionKeys, i+1, err)
		}
		keys = append(keys, k)
	}
	if _, err := New(keys...); err != nil {
		return nil, fmt.Errorf("%s, %s: %w", EnvEncryptionKey, EnvDecryptionKeys, err)
	}
	return keys, nil
}

var errNoKey = errors.New("no key: the first key encrypts, so at least one is needed")
