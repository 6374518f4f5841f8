package salesforce

import (
	"sync"
	"time"
)

// usage counts API requests over a rolling window, as the daily
// allocation is counted over a rolling 24 hours.
type usage struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	// stamps holds the time of every counted request still in the window,
	// oldest first.
	stamps []time.Time
}

func (u *usage) prune(now time.Time) {
	cut := 0
	for cut < len(u.stamps) && !u.stamps[cut].After(now.Add(-u.window)) {
		cut++
	}
	// Reslicing is enough: append moves the live tail to a new array once
	// the old one fills, so the dropped head is freed then.
	u.stamps = u.stamps[cut:]
}

// take counts one request if the allocation allows it, and returns the
// usage after it.
func (u *usage) take(now time.Time) (used int, ok bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.prune(now)
	if len(u.stamps) >= u.max {
		return len(u.stamps), false
	}
	u.stamps = append(u.stamps, now)
	return len(u.stamps), true
}

func (u *usage) used(now time.Time) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.prune(now)
	return len(u.stamps)
}

func (u *usage) reset() {
	u.mu.Lock()
	u.stamps = nil
	u.mu.Unlock()
}
