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

// pacer delays requests: by the optional in-process token bucket, until
// any window the server said is exhausted (Remaining 0, or a 429) reopens,
// and once the requests in flight would spend what the server last said
// remains of its window.
type pacer struct {
	mu      sync.Mutex
	tokens  *pacing.Bucket // nil: no in-process budget
	blocked [bucketCount]time.Time
	windows [bucketCount]window
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	waited  func(time.Duration) // nil: nobody counts the waits
}

// window is what the server last said of a bucket's current window, and
// how many requests are out against it: concurrent requests that each
// trusted the last Remaining would together overrun it into 429s.
type window struct {
	limit, remaining int
	reset            time.Time // zero: nothing heard yet
	inFlight         int
}

// wait is how long a request must wait for room in the window. A window
// past its reset starts again full, a minute long, until an answer says
// otherwise.
func (w *window) wait(now time.Time) time.Duration {
	if w.reset.IsZero() {
		return 0
	}
	if !now.Before(w.reset) {
		if w.limit <= 0 {
			w.reset = time.Time{}
			return 0
		}
		for !now.Before(w.reset) {
			w.reset = w.reset.Add(time.Minute)
		}
		w.remaining = w.limit
	}
	if w.remaining-w.inFlight > 0 {
		return 0
	}
	return w.reset.Sub(now)
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
// gives its slot back instead of sleeping into a timeout. A request let
// through counts as in flight until done is called.
func (p *pacer) wait(ctx context.Context, b bucket) error {
	var slept time.Duration
	reserve := p.tokens != nil
	for {
		p.mu.Lock()
		now := p.now()
		var d time.Duration
		for _, until := range []time.Time{p.blocked[accountBucket], p.blocked[b]} {
			d = max(d, until.Sub(now))
		}
		for _, w := range p.windowsOf(b) {
			d = max(d, w.wait(now))
		}
		if reserve {
			// One token per request, however often it wakes.
			d, reserve = max(d, p.tokens.Reserve(now)), false
		}
		if d <= 0 {
			p.sending(b)
			p.mu.Unlock()
			break
		}
		p.mu.Unlock()
		if deadline, ok := ctx.Deadline(); ok && now.Add(d).After(deadline) {
			return fmt.Errorf("pacing wait of %s exceeds the context deadline: %w", d, &RateLimitError{RetryAfter: d})
		}
		// Woken, the request looks again: the requests it waited with
		// may have filled the next window too.
		if err := p.sleep(ctx, d); err != nil {
			return err
		}
		slept += d
	}
	if slept > 0 && p.waited != nil {
		p.waited(slept)
	}
	return nil
}

// windowsOf is the windows a request against b counts in: the account's,
// and its own bucket's; call with mu held.
func (p *pacer) windowsOf(b bucket) []*window {
	if b == accountBucket {
		return []*window{&p.windows[accountBucket]}
	}
	return []*window{&p.windows[accountBucket], &p.windows[b]}
}

// sending counts a request as in flight; call with mu held.
func (p *pacer) sending(b bucket) {
	for _, w := range p.windowsOf(b) {
		w.inFlight++
	}
}

// done marks a request wait let through as answered, or failed.
func (p *pacer) done(b bucket) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, w := range p.windowsOf(b) {
		w.inFlight = max(0, w.inFlight-1)
	}
}

// heard records what an answer said of b's window: its limit, what
// remains of it, and when it resets. Concurrent answers arrive in any
// order, and within a window what remains only shrinks: an answer saying
// more is older news. A reset given in whole seconds wobbles by one.
func (p *pacer) heard(b bucket, limit, remaining int, reset time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := &p.windows[b]
	w.limit = limit
	switch same := (reset.Sub(w.reset)).Abs() < 2*time.Second; {
	case same:
		w.remaining = min(w.remaining, remaining)
	case reset.Before(w.reset):
		// From a window already over.
	default:
		w.remaining, w.reset = remaining, reset
	}
}

// block holds back requests against b until the given time.
func (p *pacer) block(b bucket, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.blocked[b]) {
		p.blocked[b] = until
	}
}
