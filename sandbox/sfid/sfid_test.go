package sfid

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExtendKnownId(t *testing.T) {
	// A documented example of the 15 → 18 conversion.
	assert.Equal(t, "001A0000006Vm9rIAC", Extend("001A0000006Vm9r"))
}

func TestNewIsValidAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for n := uint64(0); n < 5000; n++ {
		id := New(PrefixContact, n)
		assert.Len(t, id, 18)
		assert.True(t, Valid(id), id)
		assert.False(t, seen[id], "duplicate %s", id)
		seen[id] = true
	}
	p, err := Prefix(New(PrefixCase, 7))
	assert.NoError(t, err)
	assert.Equal(t, "500", p)
	_, err = Prefix("003notanid")
	assert.Error(t, err)
}
