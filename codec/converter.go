package codec

import (
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
)

// DataConverter is Temporal's default data converter with every payload
// encrypted by New(keys...). Set it, with FailureConverter, on the
// client.Options of every worker and client of the namespace.
func DataConverter(keys ...Key) (converter.DataConverter, error) {
	c, err := New(keys...)
	if err != nil {
		return nil, err
	}
	return converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), c), nil
}

// FailureConverter moves failure messages and stack traces into an encoded
// payload, encrypted by dc; without it an activity error quoting a record
// would be stored in clear.
func FailureConverter(dc converter.DataConverter) converter.FailureConverter {
	return temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{
		DataConverter:          dc,
		EncodeCommonAttributes: true,
	})
}

var _ converter.PayloadCodec = (*Codec)(nil)
