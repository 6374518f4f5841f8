// Package codec encrypts Temporal payloads with AES-256-GCM, so that the
// records crmsync moves (names, emails, rejection reasons) are not stored
// in clear in the Temporal server's history.
package codec

import (
	"bytes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"

	commonpb "go.temporal.io/api/common/v1"
	"google.golang.org/protobuf/proto"
)

// Metadata of an encrypted payload. The values follow Temporal's samples,
// so their codec servers and ours read each other's payloads.
const (
	MetadataEncoding      = "encoding"
	MetadataEncryptionKey = "encryption-key-id"
	EncodingEncrypted     = "binary/encrypted"
)

var (
	// ErrUnknownKey is returned by Decode for a payload encrypted with a key
	// the codec was not given.
	ErrUnknownKey = errors.New("unknown encryption key id")
	// ErrTampered is returned by Decode when a payload fails
	// authentication: it was altered, truncated, or its key id was changed.
	ErrTampered = errors.New("payload failed authentication (tampered or wrong key)")
)

// Codec is a converter.PayloadCodec. It encrypts with its first key and
// decrypts with any of its keys, chosen by the payload's key id.
type Codec struct {
	activeID string
	aeads    map[string]cipher.AEAD
}

// New makes a codec; keys[0] encrypts, every key decrypts. A key id may
// appear twice only with the same secret.
func New(keys ...Key) (*Codec, error) {
	if len(keys) == 0 {
		return nil, errNoKey
	}
	c := &Codec{activeID: keys[0].ID, aeads: make(map[string]cipher.AEAD, len(keys))}
	secrets := make(map[string][]byte, len(keys))
	for _, k := range keys {
		if len(k.secret) != KeySize {
			return nil, fmt.Errorf("key %q: not made by NewKey or ParseKey", k.ID)
		}
		if prev, ok := secrets[k.ID]; ok {
			if !bytes.Equal(prev, k.secret) {
				return nil, fmt.Errorf("key id %q names two different keys", k.ID)
			}
			continue
		}
		aead, err := k.aead()
		if err != nil {
			return nil, err
		}
		secrets[k.ID] = k.secret
		c.aeads[k.ID] = aead
	}
	return c, nil
}

// Encode replaces each payload by one whose data is nonce || ciphertext of
// the marshalled original.
func (c *Codec) Encode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	aead := c.aeads[c.activeID]
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		plain, err := proto.Marshal(p)
		if err != nil {
			return nil, fmt.Errorf("encrypt payload: marshal: %w", err)
		}
		// A random 96-bit nonce is safe for about 2^32 payloads per key;
		// rotate keys well before that.
		nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
		if _, err := rand.Read(nonce); err != nil {
			return nil, fmt.Errorf("encrypt payload: nonce: %w", err)
		}
		out[i] = &commonpb.Payload{
			Metadata: map[string][]byte{
				MetadataEncoding:      []byte(EncodingEncrypted),
				MetadataEncryptionKey: []byte(c.activeID),
			},
			Data: aead.Seal(nonce, nonce, plain, nil),
		}
	}
	return out, nil
}

// Decode decrypts the payloads Encode made and passes any other through,
// so that histories written before encryption was turned on stay readable.
func (c *Codec) Decode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		if string(p.GetMetadata()[MetadataEncoding]) != EncodingEncrypted {
			out[i] = p
			continue
		}
		id := string(p.GetMetadata()[MetadataEncryptionKey])
		aead, ok := c.aeads[id]
		if !ok {
			return nil, fmt.Errorf("decrypt payload: %w %q", ErrUnknownKey, id)
		}
		data := p.GetData()
		if len(data) < aead.NonceSize()+aead.Overhead() {
			return nil, fmt.Errorf("decrypt payload with key %q: %w", id, ErrTampered)
		}
		n := aead.NonceSize()
		plain, err := aead.Open(nil, data[:n], data[n:], nil)
		if err != nil {
			return nil, fmt.Errorf("decrypt payload with key %q: %w", id, ErrTampered)
		}
		var orig commonpb.Payload
		if err := proto.Unmarshal(plain, &orig); err != nil {
			return nil, fmt.Errorf("decrypt payload with key %q: unmarshal: %w", id, err)
		}
		out[i] = &orig
	}
	return out, nil
}
