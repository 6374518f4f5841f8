package pacing

import (
	"context"
	"sync"
	"time"
)

// Bucket paces calls to a per-minute budget. It hands out reservations
// rather than blocking, so callers can sleep outside any lock; tokens may go
// negative, which queues concurrent callers in arrival order. It is safe for
// concurrent use.
type Bucket struct {
	mu       sync.Mutex
	interval float64 // nanoseconds to earn one token
	capacity float64
	tokens   float64
	last     time.Time
}

// NewBucket starts full at burst tokens (at least one) and earns perMinute
// tokens a minute; perMinute must be positive.
func NewBucket(perMinute int, burst float64, now time.Time) *Bucket {
	capacity := max(1, burst)
	return &Bucket{
		interval: float64(time.Minute) / float64(perMinute),
		capacity: capacity,
		tokens:   capacity,
		last:     now,
	}
}

// Reserve takes one token and returns how long to wait before using it.
// A now earlier than a previous call's earns nothing, so clocks read before
// taking the lock cannot refill the bucket twice.
func (b *Bucket) Reserve(now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if now.After(b.last) {
		b.tokens = min(b.capacity, b.tokens+float64(now.Sub(b.last))/b.interval)
		b.last = now
	}
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens * b.interval)
}

// Cancel returns a reserved token whose call never happened.
func (b *Bucket) Cancel() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tokens = min(b.capacity, b.tokens+1)
}

// Wait reserves a token at now, sleeps until it may be used and returns
// how long it slept, for callers that count their waits. A wait cut short
// by ctx gives the token back, so an abandoned call does not delay the
// ones behind it.
func (b *Bucket) Wait(ctx context.Context, now time.Time) (time.Duration, error) {
	d := b.Reserve(now)
	if d <= 0 {
		return 0, nil
	}
	if err := Sleep(ctx, d); err != nil {
		b.Cancel()
		return 0, err
	}
	return d, nil
}
