package zendesk

import (
	"crypto/rand"
	"encoding/hex"
	"runtime"
	"sync"
	"time"
)

// job is one asynchronous bulk request. run applies it to the store under
// the write lock and returns one result per input, in request order.
type job struct {
	id      string
	url     string
	jobType string
	object  string // stats name: users, organizations, tickets
	total   int
	created time.Time
	gen     uint64
	run     func(st *store, now time.Time) []jobResult

	// guarded by jobQueue.mu
	status  string
	message string
	results []jobResult
}

// jobResult is one record's entry in a job's results.
type jobResult struct {
	Index      int     `json:"index"`
	ID         int64   `json:"id,omitempty"`
	Action     string  `json:"action,omitempty"`
	Status     string  `json:"status"`
	Success    *bool   `json:"success,omitempty"`
	ExternalID *string `json:"external_id,omitempty"`
	Email      *string `json:"email,omitempty"`
	Error      string  `json:"error,omitempty"`
	Details    string  `json:"details,omitempty"`
}

type jobJSON struct {
	ID       string      `json:"id"`
	URL      string      `json:"url"`
	JobType  string      `json:"job_type"`
	Total    int         `json:"total"`
	Progress *int        `json:"progress"`
	Status   string      `json:"status"`
	Message  *string     `json:"message"`
	Results  []jobResult `json:"results"`
}

// jobQueue keeps job statuses for their TTL and runs queued jobs first in,
// first out on a pool of goroutines that exist only while there is work.
type jobQueue struct {
	mu      sync.Mutex
	byID    map[string]*job
	order   []*job // by creation, for expiry
	pending []*job
	workers int
	active  int // queued plus working
	maxPool int
}

func newJobQueue() *jobQueue {
	return &jobQueue{byID: map[string]*job{}, maxPool: max(runtime.GOMAXPROCS(0), 2)}
}

func newJobID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// expire drops jobs older than ttl. Jobs share one TTL, so the oldest are
// always at the front of order.
func (q *jobQueue) expire(now time.Time, ttl time.Duration) {
	n := 0
	for n < len(q.order) && now.Sub(q.order[n].created) >= ttl && q.order[n].status == "completed" {
		delete(q.byID, q.order[n].id)
		n++
	}
	if n > 0 {
		q.order = append(q.order[:0:0], q.order[n:]...)
	}
}

func (q *jobQueue) get(id string, now time.Time, ttl time.Duration) (jobJSON, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.expire(now, ttl)
	j, ok := q.byID[id]
	if !ok {
		return jobJSON{}, false
	}
	return j.render(), true
}

func (q *jobQueue) reset() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.active -= len(q.pending)
	q.pending = nil
	q.byID = map[string]*job{}
	q.order = nil
}

// render copies the job's state; call with jobQueue.mu held.
func (j *job) render() jobJSON {
	out := jobJSON{ID: j.id, URL: j.url, JobType: j.jobType, Total: j.total, Status: j.status}
	switch j.status {
	case "working":
		zero := 0
		out.Progress = &zero
	case "completed", "killed":
		done := j.total
		out.Progress = &done
		msg := j.message
		out.Message = &msg
		out.Results = j.results
	}
	return out
}

// submitJob queues j, or refuses it when the account's job queue is full.
func (s *Server) submitJob(j *job) (jobJSON, bool) {
	q := s.jobs
	now := s.cfg.Now()
	j.gen = s.gen.Load()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.expire(now, s.cfg.JobTTL)
	if s.cfg.MaxActiveJobs >= 0 && q.active >= s.cfg.MaxActiveJobs {
		return jobJSON{}, false
	}
	j.id, j.status, j.created = newJobID(), "queued", now
	j.url += "/api/v2/job_statuses/" + j.id + ".json"
	q.byID[j.id] = j
	q.order = append(q.order, j)
	q.pending = append(q.pending, j)
	q.active++
	if q.workers < q.maxPool {
		q.workers++
		go s.work()
	}
	return j.render(), true
}

// work runs queued jobs until there are none left.
func (s *Server) work() {
	q := s.jobs
	for {
		q.mu.Lock()
		if len(q.pending) == 0 {
			q.workers--
			q.mu.Unlock()
			return
		}
		j := q.pending[0]
		q.pending = q.pending[1:]
		j.status = "working"
		q.mu.Unlock()

		s.mu.Lock()
		stale := j.gen != s.gen.Load()
		var results []jobResult
		if !stale {
			results = j.run(s.st, s.cfg.Now())
		}
		s.mu.Unlock()

		written := 0
		for _, r := range results {
			if r.Status != "Failed" {
				written++
			}
		}
		if written > 0 {
			s.stats.Write(j.object, written)
		}

		q.mu.Lock()
		j.results = results
		if stale {
			j.status, j.message = "killed", "Killed by a sandbox reset"
		} else {
			j.status = "completed"
			j.message = "Completed at " + s.cfg.Now().UTC().Format("2006-01-02 15:04:05 -0700")
		}
		q.active--
		q.mu.Unlock()
	}
}
