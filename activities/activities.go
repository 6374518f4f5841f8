// Package activities holds crmsync's Temporal activities, the steps of the
// engine that runs every object pair: fetch a page of changes from one
// side, resolve it against the baselines and the other side's changes,
// upsert what the plan says on both sides. Records pass between the steps
// staged in the store; each step returns only counts, positions, conflict
// decisions and rejections, so history stays small.
package activities

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/zendesk"
)

// Activities holds the clients every activity uses. Register a pointer to
// it with the worker; workflows call its methods through a nil pointer.
type Activities struct {
	Salesforce *salesforce.Client
	Zendesk    *zendesk.Client
	Store      *store.Store
	Mapping    *mapping.Config
	Options    Options
	// Temporal lets CheckAlone see the other syncs of the task queue; nil
	// skips that check.
	Temporal client.Client
	// Now is the clock for pause deadlines; nil means time.Now.
	Now func() time.Time

	agents  perRun[runAgents]
	orgs    perRun[runListing[orgRef]]
	jobPace jobPace
	plans   planHandoff
	shared  perRun[sharedEmails]
	// planUsers and planOrgs are what a dry run has listed to find the
	// records its creates would adopt.
	planUsers perRun[runListing[zendesk.User]]
	planOrgs  perRun[runListing[zendesk.Organization]]
}

// Options tune the activities.
type Options struct {
	// Lookback re-reads this much before the checkpoint: Salesforce reads
	// are eventually consistent.
	Lookback time.Duration
	// PageSize is the Salesforce rows per page (≤ 2000).
	PageSize int
	// JobsInFlight bounds the Zendesk bulk jobs one page keeps queued.
	JobsInFlight int
	// JobPoll is the first wait before polling a page's jobs, until the
	// worker has learned how long its jobs take.
	JobPoll time.Duration
	// DailyLimitWait is how long to pause when Salesforce's daily request
	// allocation is spent; the window is rolling, so the wait is a guess.
	DailyLimitWait time.Duration
}

// DefaultOptions are the values the worker starts with.
func DefaultOptions() Options {
	return Options{
		Lookback:       10 * time.Minute,
		PageSize:       2000,
		JobsInFlight:   20,
		JobPoll:        200 * time.Millisecond,
		DailyLimitWait: 15 * time.Minute,
	}
}

func (a *Activities) opts() Options {
	o, d := a.Options, DefaultOptions()
	if o.Lookback <= 0 {
		o.Lookback = d.Lookback
	}
	if o.PageSize <= 0 || o.PageSize > 2000 {
		o.PageSize = d.PageSize
	}
	if o.JobsInFlight <= 0 {
		o.JobsInFlight = d.JobsInFlight
	}
	if o.JobPoll <= 0 {
		o.JobPoll = d.JobPoll
	}
	if o.DailyLimitWait <= 0 {
		o.DailyLimitWait = d.DailyLimitWait
	}
	return o
}

// pair returns a pair's declaration and mapping; an unknown name is a
// non-retryable configuration error.
func (a *Activities) pair(name string) (pairs.Pair, *mapping.Pair, error) {
	d, ok := pairs.Get(name)
	m := a.Mapping.Pair(name)
	if !ok || m == nil {
		return pairs.Pair{}, nil, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("unknown pair %q: want one of %v", name, pairs.Names()), ErrTypeConfig, nil)
	}
	return d, m, nil
}
