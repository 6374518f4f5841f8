package zendesk

import (
	"sync"
	"time"
)

// bucket is a fixed one-minute window request counter, the windows aligned
// to the clock's minutes.
type bucket struct {
	mu     sync.Mutex
	limit  int // below zero: unlimited
	now    func() time.Time
	window time.Time
	used   int
}

// quota is a bucket's state after one request was counted or refused.
type quota struct {
	allowed   bool
	limit     int
	remaining int
	resetAt   time.Time
}

func newBucket(limit int, now func() time.Time) *bucket {
	return &bucket{limit: limit, now: now}
}

func (b *bucket) unlimited() bool { return b.limit < 0 }

// take counts one request if the window has room.
func (b *bucket) take() quota {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if w := now.Truncate(time.Minute); !w.Equal(b.window) {
		b.window, b.used = w, 0
	}
	q := quota{limit: b.limit, resetAt: b.window.Add(time.Minute)}
	if b.used >= b.limit {
		return q
	}
	b.used++
	q.allowed, q.remaining = true, b.limit-b.used
	return q
}

func (b *bucket) reset() {
	b.mu.Lock()
	b.window, b.used = time.Time{}, 0
	b.mu.Unlock()
}
