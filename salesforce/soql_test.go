package salesforce

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestQuoteString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `'plain'`},
		{"O'Brien", `'O\'Brien'`},
		{`back\slash`, `'back\\slash'`},
		{`say "hi"`, `'say \"hi\"'`},
		{"line\nbreak\ttab", `'line\nbreak\ttab'`},
		{`\'`, `'\\\''`},
		{"100%_off", `'100%_off'`},
		{"", `''`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, QuoteString(tt.in))
		})
	}
}

func TestFormatDateTime(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	assert.Equal(t, "2026-01-01T23:30:00Z", FormatDateTime(time.Date(2026, 1, 2, 0, 30, 0, 999, paris)))
	assert.Equal(t, "2026-06-30T12:00:00Z", FormatDateTime(time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)))
}
