package salesforce

import (
	"context"
	"net/http"
	"strconv"
	"sync"
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

// OnPacingWait hears of each call the budget held back, with how long.
func TestClientTellsItsPacingWaits(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	cfg := org.config()
	cfg.RequestsPerMinute = 1200 // 20/s, burst 20, then one every 50ms
	var mu sync.Mutex
	var told []time.Duration
	cfg.OnPacingWait = func(d time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		told = append(told, d)
	}
	c, err := NewClient(cfg)
	require.NoError(t, err)

	_, err = c.Limits(context.Background())
	require.NoError(t, err)
	assert.Empty(t, told, "a call within the burst waits for nothing")
	// Spend the rest of the burst without calling, so the calls' own
	// time cannot refill it.
	for range 19 {
		c.pacer.Reserve(time.Now())
	}
	for range 3 {
		_, err := c.Limits(context.Background())
		require.NoError(t, err)
	}
	require.Len(t, told, 3, "three calls past the burst each waited")
	for _, d := range told {
		// Less than a token's 50ms when the calls before took time.
		assert.Positive(t, d)
		assert.LessOrEqual(t, d, 50*time.Millisecond)
	}
}
