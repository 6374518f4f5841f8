package pacing

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBucket(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	t.Run("burst then paced", func(t *testing.T) {
		b := NewBucket(600, 60, t0) // 10/s, burst 60
		for i := range 60 {
			assert.Zero(t, b.Reserve(t0), "request %d is within the burst", i)
		}
		assert.Equal(t, 100*time.Millisecond, b.Reserve(t0))
		assert.Equal(t, 200*time.Millisecond, b.Reserve(t0), "reservations queue up")
	})

	t.Run("refills at the budget rate", func(t *testing.T) {
		b := NewBucket(60, 6, t0) // 1/s, burst 6
		for range 6 {
			b.Reserve(t0)
		}
		assert.Equal(t, time.Second, b.Reserve(t0))
		// Two seconds later one token paid back the debt and one is free.
		assert.Zero(t, b.Reserve(t0.Add(2*time.Second)))
		assert.Equal(t, time.Second, b.Reserve(t0.Add(2*time.Second)))
	})

	t.Run("refill is capped at the burst", func(t *testing.T) {
		b := NewBucket(60, 6, t0)
		later := t0.Add(time.Hour)
		for range 6 {
			assert.Zero(t, b.Reserve(later))
		}
		assert.Equal(t, time.Second, b.Reserve(later))
	})

	t.Run("a clock read out of order earns nothing", func(t *testing.T) {
		b := NewBucket(60, 1, t0.Add(time.Second))
		assert.Zero(t, b.Reserve(t0.Add(time.Second)))
		assert.Equal(t, time.Second, b.Reserve(t0), "an earlier now neither refills nor moves the clock back")
		assert.Equal(t, time.Second, b.Reserve(t0.Add(2*time.Second)))
	})

	t.Run("a greedy caller gets at most the burst over the budget per minute", func(t *testing.T) {
		b := NewBucket(700, 70, t0)
		sent := 0
		for now := t0; ; sent++ {
			now = now.Add(b.Reserve(now)) // send as soon as allowed
			if !now.Before(t0.Add(time.Minute)) {
				break
			}
		}
		assert.InDelta(t, 700+70, sent, 1)
	})
}

func TestBucketQueuesAndRefills(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := NewBucket(600, 10, t0) // 10/s, burst 10

	for i := range 10 {
		assert.Zero(t, b.Reserve(t0), "call %d is within the burst", i)
	}
	assert.Equal(t, 100*time.Millisecond, b.Reserve(t0))
	assert.Equal(t, 200*time.Millisecond, b.Reserve(t0), "callers queue behind each other")

	t1 := t0.Add(time.Second)
	// 10 tokens earned, 2 owed: 8 free calls before waiting again.
	for range 8 {
		assert.Zero(t, b.Reserve(t1))
	}
	assert.Equal(t, 100*time.Millisecond, b.Reserve(t1))

	assert.Zero(t, b.Reserve(t1.Add(time.Hour)))
	assert.InDelta(t, 9, b.tokens, 1e-9, "idle time does not bank more than the burst")
}

func TestBucketBurstIsAtLeastOne(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		perMinute int
		burst     float64
		wait      time.Duration
	}{
		{"zero burst", 6, 0, 10 * time.Second},         // one call per 10s
		{"fractional burst", 6, 0.1, 10 * time.Second}, // a tenth of a slow budget
		{"negative burst", 60, -3, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBucket(tt.perMinute, tt.burst, t0)
			assert.Zero(t, b.Reserve(t0))
			assert.Equal(t, tt.wait, b.Reserve(t0))
		})
	}
}

func TestBucketCancelIsCappedAtTheBurst(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := NewBucket(60, 2, t0)
	b.Cancel()
	assert.InDelta(t, 2, b.tokens, 1e-9)
	b.Reserve(t0)
	b.Reserve(t0)
	b.Cancel()
	assert.Zero(t, b.Reserve(t0), "the cancelled reservation is free again")
}

func TestBucketWaitHonoursContext(t *testing.T) {
	b := NewBucket(1, 1, time.Now()) // one call a minute
	_, err := b.Wait(context.Background(), time.Now())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err = b.Wait(ctx, time.Now())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.InDelta(t, 0, b.tokens, 0.01, "a cancelled wait gives its token back")
}

func TestBucketWaitSleepsForItsTurn(t *testing.T) {
	b := NewBucket(1200, 1, time.Now()) // one every 50ms
	_, err := b.Wait(context.Background(), time.Now())
	require.NoError(t, err)
	start := time.Now()
	slept, err := b.Wait(context.Background(), start)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond)
	assert.InDelta(t, 50*time.Millisecond, slept, float64(5*time.Millisecond), "it says how long it slept")
}
