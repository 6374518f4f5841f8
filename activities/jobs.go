package activities

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/crmsync/crmsync/zendesk"
)

// Job is the Salesforce ids of one Zendesk bulk job, in request order:
// job results come back one per input in the same order.
type Job struct {
	Kind  string   `json:"kind"`
	IDs   []string `json:"ids"`
	JobID string   `json:"job_id,omitempty"`
	Tries int      `json:"tries,omitempty"`
}

// jobProgress is the heartbeat detail of a page: every job it submitted.
// A retried attempt, on any worker, polls these instead of submitting them
// again.
type jobProgress struct {
	Jobs []Job `json:"jobs"`
}

// maxJobTries bounds resubmissions of a chunk whose job failed as a whole
// or expired before it was read.
const maxJobTries = 3

// jobResults maps "kind/salesforce id" to the job result of that record.
type jobResults map[string]zendesk.JobResult

func resultKey(kind, id string) string { return kind + "/" + id }

// submitFunc sends one chunk as a bulk job.
type submitFunc func(ctx context.Context, c Job) (*zendesk.JobStatus, error)

// jobTracker remembers, in the attempt's heartbeat, every bulk job a page
// submitted. A retried attempt, on any worker, polls those jobs instead of
// submitting their records again.
type jobTracker struct {
	a        *Activities
	progress jobProgress
	prior    int
}

// newJobTracker starts from the jobs of the last attempt's heartbeat, or
// else from those a paused run of the page handed back.
func (a *Activities) newJobTracker(ctx context.Context, paused []Job) *jobTracker {
	t := &jobTracker{a: a, progress: jobProgress{Jobs: paused}}
	if activity.HasHeartbeatDetails(ctx) {
		if err := activity.GetHeartbeatDetails(ctx, &t.progress); err != nil {
			t.progress = jobProgress{}
		}
	}
	t.prior = len(t.progress.Jobs)
	return t
}

// covers tells whether a job of an earlier attempt holds the record.
func (t *jobTracker) covers(kind, id string) bool {
	for _, c := range t.progress.Jobs[:t.prior] {
		if c.Kind == kind && slices.Contains(c.IDs, id) {
			return true
		}
	}
	return false
}

// run writes the records with the given Salesforce ids through Zendesk
// bulk jobs of one kind, at most JobsInFlight at a time, polling them with
// show_many until each completes. Records a job of an earlier attempt
// holds are not submitted again: that job is polled instead.
func (t *jobTracker) run(ctx context.Context, kind string, ids []string, submit submitFunc) (jobResults, error) {
	o := t.a.opts()
	progress := &t.progress
	covered := map[string]bool{}
	var inflight []int
	for i, c := range progress.Jobs[:t.prior] {
		if c.Kind != kind {
			continue
		}
		for _, id := range c.IDs {
			covered[id] = true
		}
		inflight = append(inflight, i)
	}
	rest := make([]string, 0, len(ids))
	for _, id := range ids {
		if !covered[id] {
			rest = append(rest, id)
		}
	}
	queue := chunksOf(kind, rest, zendesk.MaxBulk)
	results := jobResults{}
	poll := o.JobPoll
	for len(queue) > 0 || len(inflight) > 0 {
		n := min(o.JobsInFlight-len(inflight), len(queue))
		submitted, err := t.submitAll(ctx, queue[:n], submit)
		if err != nil {
			return nil, err
		}
		inflight = append(inflight, submitted...)
		queue = queue[n:]
		// A job just queued is not done: wait about as long as jobs take
		// before asking, and longer each time nothing finished, so polls
		// stay few beside the submissions.
		if len(submitted) > 0 {
			poll = t.a.jobPace.first(o.JobPoll)
		}
		if err := sleep(ctx, poll); err != nil {
			return nil, err
		}
		still, retry, err := t.poll(ctx, inflight, results)
		if err != nil {
			return nil, err
		}
		if len(submitted) > 0 {
			t.a.jobPace.observe(poll, len(still) == 0)
		}
		if len(still) == len(inflight) {
			poll = min(2*poll, maxJobPoll)
		}
		inflight, queue = still, append(queue, retry...)
		activity.RecordHeartbeat(ctx, progress)
	}
	return results, nil
}

// submitAll sends chunks as bulk jobs at once and records every accepted
// job in the heartbeat before returning, so that a failure of one
// submission never loses the others: their records are covered on the
// next attempt. It returns the progress indexes of the accepted jobs; on
// error the caller gives up the attempt, so the queue is not consulted.
func (t *jobTracker) submitAll(ctx context.Context, chunks []Job, submit submitFunc) ([]int, error) {
	statuses := make([]*zendesk.JobStatus, len(chunks))
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	for i, c := range chunks {
		wg.Go(func() { statuses[i], errs[i] = submit(ctx, c) })
	}
	wg.Wait()
	var accepted []int
	var failed error
	for i, c := range chunks {
		if errs[i] != nil {
			failed = cmp.Or(failed, fmt.Errorf("submit %s job: %w", c.Kind, errs[i]))
			continue
		}
		c.JobID, c.Tries = statuses[i].ID, c.Tries+1
		t.progress.Jobs = append(t.progress.Jobs, c)
		accepted = append(accepted, len(t.progress.Jobs)-1)
	}
	activity.RecordHeartbeat(ctx, &t.progress)
	return accepted, failed
}

// maxJobPoll caps the growing wait between polls of slow jobs.
const maxJobPoll = 5 * time.Second

// poll asks for every in-flight job in one show_many call, stores the
// results of the completed ones and returns the jobs still running and the
// chunks to submit again (their job failed as a whole or expired).
func (t *jobTracker) poll(ctx context.Context, inflight []int, results jobResults) (still []int, retry []Job, err error) {
	ids := make([]string, len(inflight))
	for i, j := range inflight {
		ids[i] = t.progress.Jobs[j].JobID
	}
	statuses, err := t.a.Zendesk.ShowJobStatuses(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("poll jobs: %w", err)
	}
	byID := make(map[string]zendesk.JobStatus, len(statuses))
	for _, s := range statuses {
		byID[s.ID] = s
	}
	for _, j := range inflight {
		c := t.progress.Jobs[j]
		s, found := byID[c.JobID]
		switch {
		case found && s.Status == zendesk.JobCompleted:
			for _, r := range s.Results {
				if r.Index >= 0 && r.Index < len(c.IDs) {
					results[resultKey(c.Kind, c.IDs[r.Index])] = r
				}
			}
		case found && s.Status != zendesk.JobFailed && s.Status != zendesk.JobKilled:
			still = append(still, j)
		case c.Tries < maxJobTries:
			retry = append(retry, Job{Kind: c.Kind, IDs: c.IDs, Tries: c.Tries})
		default:
			reason := "job " + c.JobID + " expired before its results were read"
			if found {
				reason = fmt.Sprintf("job %s %s: %s", c.JobID, s.Status, s.Message)
			}
			for _, id := range c.IDs {
				results[resultKey(c.Kind, id)] = zendesk.JobResult{Status: "Failed", Error: reason}
			}
		}
	}
	return still, retry, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return errors.Join(errors.New("wait for jobs"), ctx.Err())
	case <-t.C:
		return nil
	}
}

// chunksOf splits ids into bulk-job chunks of at most size.
func chunksOf(kind string, ids []string, size int) []Job {
	var out []Job
	for len(ids) > 0 {
		n := min(size, len(ids))
		out = append(out, Job{Kind: kind, IDs: ids[:n:n]})
		ids = ids[n:]
	}
	return out
}
