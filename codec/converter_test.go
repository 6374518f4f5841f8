package codec

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/proto"
)

type record struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

func TestDataConverter(t *testing.T) {
	dc, err := DataConverter(testKey(t, "k1", 1))
	require.NoError(t, err)
	in := record{Email: "ada.lovelace@example.com", Name: "Ada Lovelace"}
	p, err := dc.ToPayload(in)
	require.NoError(t, err)
	assert.Equal(t, EncodingEncrypted, string(p.Metadata[MetadataEncoding]))
	assert.NotContains(t, string(p.Data), "ada.lovelace")

	var out record
	require.NoError(t, dc.FromPayload(p, &out))
	assert.Equal(t, in, out)

	// Another namespace client without the key cannot read it.
	var plain record
	assert.Error(t, converter.GetDefaultDataConverter().FromPayload(p, &plain))
}

func TestDataConverterNeedsAKey(t *testing.T) {
	_, err := DataConverter()
	assert.Error(t, err)
}

func TestFailureConverterEncryptsMessageAndStack(t *testing.T) {
	dc, err := DataConverter(testKey(t, "k1", 1))
	require.NoError(t, err)
	fc := FailureConverter(dc)
	msg := `"ada@@example" is not a valid email address`
	cause := temporal.NewApplicationError(msg, "Rejected", record{Email: "ada@@example"})

	f := fc.ErrorToFailure(cause)
	require.NotNil(t, f)
	wire, err := proto.Marshal(f)
	require.NoError(t, err)
	assert.NotContains(t, string(wire), "ada@@example", "message, stack and details must all be encrypted")
	assert.NotEqual(t, msg, f.GetMessage())
	require.NotNil(t, f.GetEncodedAttributes())
	assert.Equal(t, EncodingEncrypted, string(f.GetEncodedAttributes().Metadata[MetadataEncoding]))

	back := fc.FailureToError(f)
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(back, &appErr))
	assert.Equal(t, msg, appErr.Message())
	assert.Equal(t, "Rejected", appErr.Type())
	var details record
	require.NoError(t, appErr.Details(&details))
	assert.Equal(t, "ada@@example", details.Email)

	// The default converter stores the message in clear: what this guards.
	plainWire, err := proto.Marshal(temporal.GetDefaultFailureConverter().ErrorToFailure(cause))
	require.NoError(t, err)
	assert.Contains(t, string(plainWire), "ada@@example")
}
