package codec

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/require"
)

// testKey derives a distinct key from a byte, so tests state which key
// they mean without carrying 32-byte literals.
func testKey(t testing.TB, id string, b byte) Key {
	t.Helper()
	k, err := NewKey(id, bytes.Repeat([]byte{b}, KeySize))
	require.NoError(t, err)
	return k
}

func keyString(id string, b byte) string {
	return id + ":" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, KeySize))
}

func testCodec(t testing.TB, keys ...Key) *Codec {
	t.Helper()
	c, err := New(keys...)
	require.NoError(t, err)
	return c
}
