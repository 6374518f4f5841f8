package activities

import (
	"sync"
	"time"
)

// perRun keeps, per worker, one value per sync run: what a run learns
// once (the agents, the organizations by name) instead of on every page.
// A value lives an hour past its run's last use, so the worker does not
// grow with the runs it served.
type perRun[T any] struct {
	mu   sync.Mutex
	runs map[string]*runValue[T]
}

type runValue[T any] struct {
	v    T
	used time.Time
}

// runKeep bounds how long a value outlives its run's last use.
const runKeep = time.Hour

// with calls fn with run's value, made by fresh on first use, holding the
// cache's lock: the pages of one run use it one at a time.
func (p *perRun[T]) with(run string, now time.Time, fresh func() T, fn func(*T) error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.runs == nil {
		p.runs = map[string]*runValue[T]{}
	}
	r, ok := p.runs[run]
	if !ok {
		for k, old := range p.runs {
			if now.Sub(old.used) > runKeep {
				delete(p.runs, k)
			}
		}
		r = &runValue[T]{v: fresh()}
		p.runs[run] = r
	}
	r.used = now
	return fn(&r.v)
}
