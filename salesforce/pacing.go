package salesforce

import (
	"context"
	"sync"
	"time"
)

// pacer is a token bucket that spreads API calls over the minute so one
// worker cannot burn the org's shared daily allocation in a burst. Its
// capacity is one second's worth of calls (at least one).
type pacer struct {
	mu       sync.Mutex
	now      func() time.Time
	interval time.Duration // time to earn one token
	capacity float64
	tokens   float64
	last     time.Time
}

func newPacer(perMinute int, now func() time.Time) *pacer {
	capacity := float64(perMinute) / 60
	if capacity < 1 {
		capacity = 1
	}
	return &pacer{
		now:      now,
		interval: time.Minute / time.Duration(perMinute),
		capacity: capacity,
		tokens:   capacity,
		last:     now(),
	}
}

// reserve takes a token and returns how long the caller must wait before
// using it. Tokens may go negative: that queues callers in arrival order.
func (p *pacer) reserve() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if elapsed := now.Sub(p.last); elapsed > 0 {
		p.tokens += float64(elapsed) / float64(p.interval)
		if p.tokens > p.capacity {
			p.tokens = p.capacity
		}
		p.last = now
	}
	p.tokens--
	if p.tokens >= 0 {
		return 0
	}
	return time.Duration(-p.tokens * float64(p.interval))
}

// cancel returns a reserved token whose call never happened.
func (p *pacer) cancel() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tokens++
	if p.tokens > p.capacity {
		p.tokens = p.capacity
	}
}

func (p *pacer) wait(ctx context.Context) error {
	d := p.reserve()
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		p.cancel()
		return ctx.Err()
	}
}
