package workflows

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 21590: "21,590", 1234567: "1,234,567", -2000: "-2,000"} {
		assert.Equal(t, want, count(n), "%d", n)
	}
}
