package zendesk

import "time"

// tokenBucket paces requests to a per-minute budget. It hands out
// reservations rather than blocking, so the caller can sleep outside any
// lock and concurrent callers queue up in order.
//
// The burst is a tenth of the budget: a full-minute burst followed by a
// minute of refill would let twice the budget through in one window.
type tokenBucket struct {
	capacity float64
	perSec   float64
	tokens   float64
	last     time.Time
}

func newTokenBucket(perMinute int, now time.Time) *tokenBucket {
	burst := float64(max(1, perMinute/10))
	return &tokenBucket{capacity: burst, perSec: float64(perMinute) / 60, tokens: burst, last: now}
}

// reserve takes one token and returns how long to wait before using it.
// Tokens may go negative: each reservation queues behind the previous ones.
func (b *tokenBucket) reserve(now time.Time) time.Duration {
	if now.After(b.last) {
		b.tokens = min(b.capacity, b.tokens+now.Sub(b.last).Seconds()*b.perSec)
		b.last = now
	}
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.perSec * float64(time.Second))
}
