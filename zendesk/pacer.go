package zendesk

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/crmsync/crmsync/pacing"
)

// bucket names the server-side limit a request counts against. Incremental
// exports have their own small bucket on top of the account limit.
type bucket int

const (
	accountBucket bucket = iota
	incrementalBucket
	bucketCount
)

// pacer delays requests: by the optional in-process token bucket, and until
// any window the server said is exhausted (Remaining 0, or a 429) reopens.
type pacer struct {
	mu      sync.Mutex
	tokens  *pacing.Bucket // nil: no in-process budget
	blocked [bucketCount]time.Time
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	waited  func(time.Duration) // nil: nobody counts the waits
}

func newPacer(perMinute int, waited func(time.Duration)) *pacer {
	p := &pacer{now: time.Now, sleep: pacing.Sleep, waited: waited}
	if perMinute > 0 {
		p.tokens = newBudget(perMinute, p.now())
	}
	return p
}

// newBudget paces to perMinute with a burst of a tenth of it: a full-minute
// burst followed by a minute of refill would let twice the budget through in
// one window.
func newBudget(perMinute int, now time.Time) *pacing.Bucket {
	return pacing.NewBucket(perMinute, float64(perMinute/10), now)
}

// wait blocks until a request against b may be sent. A wait that would
// outlast ctx's deadline fails at once with a RateLimitError, so an activity
// gives its slot back instead of sleeping into a timeout.
func (p *pacer) wait(ctx context.Context, b bucket) error {
	p.mu.Lock()
	now := p.now()
	var d time.Duration
	for _, until := range []time.Time{p.blocked[accountBucket], p.blocked[b]} {
		d = max(d, until.Sub(now))
	}
	if p.tokens != nil {
		d = max(d, p.tokens.Reserve(now))
	}
	p.mu.Unlock()

	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && now.Add(d).After(deadline) {
		return fmt.Errorf("pacing wait of %s exceeds the context deadline: %w", d, &RateLimitError{RetryAfter: d})
	}
	if err := p.sleep(ctx, d); err != nil {
		return err
	}
	if p.waited != nil {
		p.waited(d)
	}
	return nil
}

// block holds back requests against b until the given time.
func (p *pacer) block(b bucket, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.blocked[b]) {
		p.blocked[b] = until
	}
}
