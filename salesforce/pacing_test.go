package salesforce

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestPacerReserve(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newPacer(600, clock.now) // 10/s, burst 10

	for i := range 10 {
		assert.Zero(t, p.reserve(), "call %d is within the burst", i)
	}
	assert.Equal(t, 100*time.Millisecond, p.reserve())
	assert.Equal(t, 200*time.Millisecond, p.reserve(), "callers queue behind each other")

	clock.advance(time.Second)
	// 10 tokens earned, 2 owed: 8 free calls before waiting again.
	for range 8 {
		assert.Zero(t, p.reserve())
	}
	assert.Equal(t, 100*time.Millisecond, p.reserve())

	clock.advance(time.Hour)
	assert.Zero(t, p.reserve())
	assert.InDelta(t, 9, p.tokens, 1e-9, "idle time does not bank more than the burst")
}

func TestPacerSlowRateHasBurstOfOne(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newPacer(6, clock.now) // one call per 10s
	assert.Zero(t, p.reserve())
	assert.Equal(t, 10*time.Second, p.reserve())
}

func TestPacerWaitHonoursContext(t *testing.T) {
	p := newPacer(1, time.Now) // one call a minute
	require.NoError(t, p.wait(context.Background()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, p.wait(ctx), context.DeadlineExceeded)
	assert.InDelta(t, 0, p.tokens, 0.01, "a cancelled wait gives its token back")
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
