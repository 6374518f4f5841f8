package codec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadKeys(t *testing.T) {
	k1, k2, k3 := keyString("k1", 1), keyString("k2", 2), keyString("k3", 3)
	cases := []struct {
		name    string
		active  string
		older   string
		wantIDs []string
		wantErr string
	}{
		{"off", "", "", nil, ""},
		{"active only", k1, "", []string{"k1"}, ""},
		{"rotation", k3, k2 + "," + k1, []string{"k3", "k2", "k1"}, ""},
		{"spaces around keys", k3, " " + k2 + " , " + k1 + " ", []string{"k3", "k2", "k1"}, ""},
		{"active repeated in older", k2, k2 + "," + k1, []string{"k2", "k2", "k1"}, ""},
		{"older without active", "", k1, nil, "CRMSYNC_DECRYPTION_KEYS is set without CRMSYNC_ENCRYPTION_KEY"},
		{"bad active", "k1", "", nil, "CRMSYNC_ENCRYPTION_KEY: want <key-id>:<base64 of 32 bytes>"},
		{"bad older", k1, k2 + ",k3:short", nil, "CRMSYNC_DECRYPTION_KEYS: key 2:"},
		{"empty older entry", k1, k2 + ",", nil, "CRMSYNC_DECRYPTION_KEYS: key 2 is empty"},
		{"id clash", k1, keyString("k1", 9), nil, `CRMSYNC_ENCRYPTION_KEY, CRMSYNC_DECRYPTION_KEYS: key id "k1" names two different keys`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			keys, err := LoadKeys(tc.active, tc.older)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			var ids []string
			for _, k := range keys {
				ids = append(ids, k.ID)
			}
			assert.Equal(t, tc.wantIDs, ids)
		})
	}
}

func TestKeysFromEnv(t *testing.T) {
	t.Setenv(EnvEncryptionKey, keyString("new", 2))
	t.Setenv(EnvDecryptionKeys, keyString("old", 1))
	keys, err := KeysFromEnv()
	require.NoError(t, err)
	require.Len(t, keys, 2)
	assert.Equal(t, "new", keys[0].ID)
	assert.Equal(t, "old", keys[1].ID)
}
