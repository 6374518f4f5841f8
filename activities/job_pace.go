package activities

import (
	"sync"
	"time"
)

// minJobPoll is the shortest wait before asking for a job's status.
const minJobPoll = 10 * time.Millisecond

// jobPace learns, per worker, how long after submission its bulk jobs are
// done, so a page polls about once, soon after they finish: Zendesk's jobs
// take seconds, the sandbox's milliseconds, and a fixed interval is either
// slow or wasteful of calls. The wait shrinks a little while the first
// poll finds every job done and grows when it does not, so it settles just
// above the jobs' time with an extra poll every few pages.
type jobPace struct {
	mu   sync.Mutex
	wait time.Duration // 0: nothing learned yet
}

// first is the wait before the first poll after submitting; start is the
// configured interval, used until the pace has learned.
func (p *jobPace) first(start time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.wait == 0 {
		return start
	}
	return p.wait
}

// observe learns from a first poll that waited d whether every job was
// done by then.
func (p *jobPace) observe(d time.Duration, allDone bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if allDone {
		p.wait = max(minJobPoll, d*7/8)
	} else {
		p.wait = min(maxJobPoll, d*3/2)
	}
}
