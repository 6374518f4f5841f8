package codec

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"google.golang.org/protobuf/proto"
)

func jsonPayload(s string) *commonpb.Payload {
	return &commonpb.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(s)}
}

func TestRoundTrip(t *testing.T) {
	big := bytes.Repeat([]byte("ada.lovelace@example.com "), 40_000)
	cases := []struct {
		name     string
		payloads []*commonpb.Payload
	}{
		{"none", []*commonpb.Payload{}},
		{"json", []*commonpb.Payload{jsonPayload(`{"email":"ada.lovelace@example.com","name":"Ada Lovelace"}`)}},
		{"nil value", []*commonpb.Payload{{Metadata: map[string][]byte{"encoding": []byte("binary/null")}}}},
		{"empty", []*commonpb.Payload{{}}},
		{"several", []*commonpb.Payload{jsonPayload(`"a"`), jsonPayload(`"b"`), jsonPayload(`"c"`)}},
		{"1 MB", []*commonpb.Payload{{Metadata: map[string][]byte{"encoding": []byte("binary/plain")}, Data: big}}},
	}
	c := testCodec(t, testKey(t, "k1", 1))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			enc, err := c.Encode(tc.payloads)
			require.NoError(t, err)
			require.Len(t, enc, len(tc.payloads))
			for i, p := range enc {
				assert.Equal(t, EncodingEncrypted, string(p.Metadata[MetadataEncoding]))
				assert.Equal(t, "k1", string(p.Metadata[MetadataEncryptionKey]))
				assert.Len(t, p.Metadata, 2, "no original metadata in clear")
				if len(tc.payloads[i].Data) > 0 {
					assert.False(t, bytes.Contains(p.Data, tc.payloads[i].Data[:min(16, len(tc.payloads[i].Data))]), "plaintext in ciphertext")
				}
			}
			dec, err := c.Decode(enc)
			require.NoError(t, err)
			require.Len(t, dec, len(tc.payloads))
			for i := range dec {
				assert.True(t, proto.Equal(tc.payloads[i], dec[i]), "payload %d: got %v", i, dec[i])
			}
		})
	}
}

func TestEncodeUsesFreshNonces(t *testing.T) {
	c := testCodec(t, testKey(t, "k1", 1))
	p := []*commonpb.Payload{jsonPayload(`"same"`)}
	a, err := c.Encode(p)
	require.NoError(t, err)
	b, err := c.Encode(p)
	require.NoError(t, err)
	assert.NotEqual(t, a[0].Data, b[0].Data, "same plaintext must not give the same ciphertext")
}

func TestEncodeLeavesInputAlone(t *testing.T) {
	c := testCodec(t, testKey(t, "k1", 1))
	p := jsonPayload(`"x"`)
	before := proto.Clone(p)
	_, err := c.Encode([]*commonpb.Payload{p})
	require.NoError(t, err)
	assert.True(t, proto.Equal(before, p))
}

func TestDecodePassesUnencryptedThrough(t *testing.T) {
	c := testCodec(t, testKey(t, "k1", 1))
	enc, err := c.Encode([]*commonpb.Payload{jsonPayload(`"secret"`)})
	require.NoError(t, err)
	plain := jsonPayload(`"written before encryption was on"`)
	dec, err := c.Decode([]*commonpb.Payload{plain, enc[0]})
	require.NoError(t, err)
	assert.Same(t, plain, dec[0])
	assert.Equal(t, `"secret"`, string(dec[1].Data))
}

func TestDecodeDetectsTampering(t *testing.T) {
	c := testCodec(t, testKey(t, "k1", 1), testKey(t, "k2", 2))
	cases := []struct {
		name   string
		tamper func(p *commonpb.Payload)
	}{
		{"nonce bit", func(p *commonpb.Payload) { p.Data[0] ^= 1 }},
		{"ciphertext bit", func(p *commonpb.Payload) { p.Data[14] ^= 0x80 }},
		{"tag bit", func(p *commonpb.Payload) { p.Data[len(p.Data)-1] ^= 1 }},
		{"truncated", func(p *commonpb.Payload) { p.Data = p.Data[:len(p.Data)-1] }},
		{"shorter than nonce and tag", func(p *commonpb.Payload) { p.Data = p.Data[:20] }},
		{"empty", func(p *commonpb.Payload) { p.Data = nil }},
		{"extended", func(p *commonpb.Payload) { p.Data = append(p.Data, 0) }},
		{"key id swapped to another known key", func(p *commonpb.Payload) { p.Metadata[MetadataEncryptionKey] = []byte("k2") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			enc, err := c.Encode([]*commonpb.Payload{jsonPayload(`{"email":"grace@example.com"}`)})
			require.NoError(t, err)
			tc.tamper(enc[0])
			_, err = c.Decode(enc)
			require.ErrorIs(t, err, ErrTampered)
			assert.Contains(t, err.Error(), "decrypt payload with key")
		})
	}
}

func TestDecodeUnknownKey(t *testing.T) {
	old := testCodec(t, testKey(t, "2024-01", 1))
	enc, err := old.Encode([]*commonpb.Payload{jsonPayload(`"x"`)})
	require.NoError(t, err)
	_, err = testCodec(t, testKey(t, "2025-01", 2)).Decode(enc)
	require.ErrorIs(t, err, ErrUnknownKey)
	assert.Contains(t, err.Error(), `"2024-01"`, "the error names the missing key id")
}

func TestRotation(t *testing.T) {
	oldKey, newKey := testKey(t, "2024-01", 1), testKey(t, "2025-01", 2)
	before := testCodec(t, oldKey)
	after := testCodec(t, newKey, oldKey)

	fromOld, err := before.Encode([]*commonpb.Payload{jsonPayload(`"old"`)})
	require.NoError(t, err)
	fromNew, err := after.Encode([]*commonpb.Payload{jsonPayload(`"new"`)})
	require.NoError(t, err)
	assert.Equal(t, "2025-01", string(fromNew[0].Metadata[MetadataEncryptionKey]), "the first key encrypts")

	dec, err := after.Decode([]*commonpb.Payload{fromOld[0], fromNew[0]})
	require.NoError(t, err)
	assert.Equal(t, `"old"`, string(dec[0].Data))
	assert.Equal(t, `"new"`, string(dec[1].Data))

	_, err = before.Decode(fromNew)
	assert.ErrorIs(t, err, ErrUnknownKey, "a worker not yet given the new key cannot read its payloads")
}

func TestNew(t *testing.T) {
	cases := []struct {
		name     string
		keys     []Key
		wantKeys int
		wantErr  string
	}{
		{"no key", nil, 0, "no key"},
		{"zero key", []Key{{ID: "k"}}, 0, "not made by NewKey"},
		{"same id, other secret", []Key{testKey(t, "k", 1), testKey(t, "k", 2)}, 0, `key id "k" names two different keys`},
		{"same key twice", []Key{testKey(t, "k", 1), testKey(t, "k", 1)}, 1, ""},
		{"two keys", []Key{testKey(t, "a", 1), testKey(t, "b", 2)}, 2, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(tc.keys...)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Len(t, c.aeads, tc.wantKeys)
			assert.Equal(t, tc.keys[0].ID, c.activeID)
		})
	}
}
