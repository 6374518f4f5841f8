package codec

import (
	"bytes"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
)

// BenchmarkRoundTrip measures a page-result-sized payload (64 KB) through
// Encode and Decode.
func BenchmarkRoundTrip(b *testing.B) {
	c := testCodec(b, testKey(b, "k1", 1))
	p := []*commonpb.Payload{jsonPayload(string(bytes.Repeat([]byte("x"), 64<<10)))}
	b.SetBytes(64 << 10)
	for b.Loop() {
		enc, err := c.Encode(p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Decode(enc); err != nil {
			b.Fatal(err)
		}
	}
}
