package zendesk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTokenBucket(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	t.Run("burst then paced", func(t *testing.T) {
		b := newTokenBucket(600, t0) // 10/s, burst 60
		for i := range 60 {
			assert.Zero(t, b.reserve(t0), "request %d is within the burst", i)
		}
		assert.Equal(t, 100*time.Millisecond, b.reserve(t0))
		assert.Equal(t, 200*time.Millisecond, b.reserve(t0), "reservations queue up")
	})

	t.Run("refills at the budget rate", func(t *testing.T) {
		b := newTokenBucket(60, t0) // 1/s, burst 6
		for range 6 {
			b.reserve(t0)
		}
		assert.Equal(t, time.Second, b.reserve(t0))
		// Two seconds later one token paid back the debt and one is free.
		assert.Zero(t, b.reserve(t0.Add(2*time.Second)))
		assert.Equal(t, time.Second, b.reserve(t0.Add(2*time.Second)))
	})

	t.Run("refill is capped at the burst", func(t *testing.T) {
		b := newTokenBucket(60, t0)
		later := t0.Add(time.Hour)
		for range 6 {
			assert.Zero(t, b.reserve(later))
		}
		assert.Equal(t, time.Second, b.reserve(later))
	})

	t.Run("tiny budget has a burst of one", func(t *testing.T) {
		b := newTokenBucket(6, t0) // one per 10s
		assert.Zero(t, b.reserve(t0))
		assert.Equal(t, 10*time.Second, b.reserve(t0))
	})

	t.Run("a greedy caller gets at most the burst over the budget per minute", func(t *testing.T) {
		b := newTokenBucket(700, t0)
		sent := 0
		for now := t0; ; sent++ {
			now = now.Add(b.reserve(now)) // send as soon as allowed
			if !now.Before(t0.Add(time.Minute)) {
				break
			}
		}
		assert.InDelta(t, 700+70, sent, 1)
	})
}
