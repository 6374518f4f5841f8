package zendesk

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseRate(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 45, 0, time.UTC)
	tests := []struct {
		name   string
		header http.Header
		want   Rate
		ok     bool
		reset  time.Time
	}{
		{"x-rate-limit", http.Header{"X-Rate-Limit": {"700"}, "X-Rate-Limit-Remaining": {"699"}}, Rate{700, 699, now}, true, now.Add(15 * time.Second)},
		{"ratelimit-*", http.Header{"Ratelimit-Limit": {"400"}, "Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"9"}}, Rate{400, 0, now}, true, now.Add(9 * time.Second)},
		{"remaining only", http.Header{"X-Rate-Limit-Remaining": {"3"}}, Rate{0, 3, now}, true, now.Add(15 * time.Second)},
		{"limit only", http.Header{"X-Rate-Limit": {"700"}}, Rate{}, false, time.Time{}},
		{"garbage", http.Header{"X-Rate-Limit": {"lots"}, "X-Rate-Limit-Remaining": {"some"}}, Rate{}, false, time.Time{}},
		{"none", http.Header{}, Rate{}, false, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := parseRate(tt.header, now)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, r)
			if ok {
				assert.Equal(t, tt.reset, accountReset(tt.header, r))
			}
		})
	}
}

func TestParseIncrementalRate(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 45, 0, time.UTC)
	tests := []struct {
		name  string
		value string
		want  Rate
		reset time.Time
		ok    bool
	}{
		{"documented", "total=10; remaining=9; resets=2", Rate{10, 9, now}, now.Add(2 * time.Second), true},
		{"no spaces, other order", "remaining=0;resets=30;total=30", Rate{30, 0, now}, now.Add(30 * time.Second), true},
		{"no resets", "total=10; remaining=0", Rate{10, 0, now}, now.Add(15 * time.Second), true},
		{"garbage values", "total=ten; remaining=nine", Rate{}, time.Time{}, false},
		{"missing remaining", "total=10; total=10; resets=2", Rate{}, time.Time{}, false},
		{"remaining only", "remaining=4", Rate{0, 4, now}, now.Add(15 * time.Second), true},
		{"absent", "", Rate{}, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.value != "" {
				h.Set("zendesk-ratelimit-incremental-exports", tt.value)
			}
			r, reset, ok := parseIncrementalRate(h, now)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, r)
			assert.Equal(t, tt.reset, reset)
		})
	}
}
