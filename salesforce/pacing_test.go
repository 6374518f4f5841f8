package salesforce

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPacerBurstIsOneSecond(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		perMinute int
		burst     int
		wait      time.Duration // for the first call past the burst
	}{
		{600, 10, 100 * time.Millisecond},    // 10/s, burst 10
		{90, 1, 333333333 * time.Nanosecond}, // burst 1.5: half a token is banked
		{6, 1, 10 * time.Second},             // slow rate: a burst of one
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.perMinute), func(t *testing.T) {
			p := newPacer(tt.perMinute, t0)
			for i := range tt.burst {
				require.Zero(t, p.Reserve(t0), "call %d is within the burst", i)
			}
			assert.InDelta(t, tt.wait, p.Reserve(t0), float64(time.Microsecond))
		})
	}
}

func TestClientIsPaced(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	cfg := org.config()
	cfg.RequestsPerMinute = 1200 // 20/s, burst 20, then one every 50ms
	c, err := NewClient(cfg)
	require.NoError(t, err)

	start := time.Now()
	for range 23 {
		_, err := c.Limits(context.Background())
		require.NoError(t, err)
	}
	assert.GreaterOrEqual(t, time.Since(start), 140*time.Millisecond, "three calls past the burst wait about 50ms each")
}
