// Package workflows holds crmsync's Temporal workflows.
package workflows

import (
	"time"

	"github.com/crmsync/crmsync/activities"
)

// TaskQueue is the default task queue of the worker.
const TaskQueue = "crmsync"

// SyncInput starts a sync. Every field is optional:
// {"mode":"full"|"incremental","objects":["accounts","contacts"],"dry_run":false}.
type SyncInput struct {
	// Mode is "incremental" (the default: full on the first run, then from
	// the last checkpoint) or "full".
	Mode string `json:"mode,omitempty"`
	// Objects names the pairs to sync; default every enabled pair. Order
	// does not matter: a pair always runs after the pairs it needs.
	Objects []string `json:"objects,omitempty"`
	// DryRun maps and matches but writes nothing and moves no checkpoint.
	DryRun bool `json:"dry_run,omitempty"`
	// Continuation carries progress across continue-as-new; users leave it
	// empty.
	Continuation *Continuation `json:"continuation,omitempty"`

	// invalid is what strict decoding found wrong; Sync fails with it
	// before it does anything else.
	invalid string
}

// Continuation is a sync's progress, carried into the next run of the
// workflow when history grows large. Positions and pages are opaque
// tokens the activities hand out; the workflow only carries them.
type Continuation struct {
	StartedAt time.Time `json:"started_at"`
	// Run keys the records the steps stage in the store.
	Run string `json:"run"`
	// Named says the input chose its pairs, which runs them even when
	// the mapping leaves them disabled.
	Named   bool         `json:"named,omitempty"`
	Objects []PairResult `json:"objects"`
	Index   int          `json:"index"`
	Began   bool         `json:"began"`
	Phases  []string     `json:"phases,omitempty"`
	Phase   int          `json:"phase"`
	Since   *time.Time   `json:"since,omitempty"`
	Token   string       `json:"token,omitempty"`
	// Step is the step of the current page: fetch, resolve or upsert of
	// Page, whose fetch ended at Next.
	Step     string `json:"step,omitempty"`
	Page     string `json:"page,omitempty"`
	Next     string `json:"next,omitempty"`
	PageDone bool   `json:"page_done,omitempty"`
	// PageNo counts the phase's pages done; the page's read, rejected
	// and conflicted records feed the summaries the UI shows.
	// Ahead is the next page's fetch, done while this one was upserted.
	Ahead         *activities.FetchResult `json:"ahead,omitempty"`
	PageNo        int                     `json:"page_no,omitempty"`
	PageRead      int                     `json:"page_read,omitempty"`
	PageRejected  int                     `json:"page_rejected,omitempty"`
	PageConflicts int                     `json:"page_conflicts,omitempty"`
	Positions     []activities.Position   `json:"positions,omitempty"`
	Rejected      []activities.Rejection  `json:"rejected,omitempty"`
	RejectedTotal int                     `json:"rejected_total"`
	Conflicts     []activities.Conflict   `json:"conflicts,omitempty"`
	Changes       []activities.Change     `json:"changes,omitempty"`
	Adoptions     []activities.Adoption   `json:"adoptions,omitempty"`
	Runs          int                     `json:"runs"`
	// Pause is the wait in progress; Jobs are the bulk jobs the paused
	// upsert had submitted.
	Pause *activities.Pause `json:"pause,omitempty"`
	Jobs  []activities.Job  `json:"jobs,omitempty"`
	// Lane is the next pair's index, read beside this pair's steps.
	Lane *Lane `json:"lane,omitempty"`
}

// PairResult is one pair's tallies.
type PairResult struct {
	Object  string            `json:"object"`
	Total   int               `json:"total"`
	Counts  activities.Counts `json:"counts"`
	Skipped bool              `json:"skipped,omitempty"`
	// Held is what a safeguard held back, e.g. deletions over the
	// circuit breaker's limit.
	Held *activities.Held `json:"held,omitempty"`
	Done bool             `json:"done"`
	// StartedAt and FinishedAt bound the pair's run; the progress query
	// adds the rate so far and, while it runs, the time left at that rate.
	StartedAt  *time.Time `json:"started_at,omitempty"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	Rate       float64    `json:"records_per_second,omitempty"`
	ETASeconds int        `json:"eta_seconds,omitempty"`
}

// SyncResult is what a finished sync reports, and what the progress query
// answers while it runs.
type SyncResult struct {
	// Summary is the first line the UI shows of the result: what the sync
	// read, wrote, settled and refused.
	Summary   string       `json:"summary"`
	Mode      string       `json:"mode"`
	DryRun    bool         `json:"dry_run,omitempty"`
	StartedAt time.Time    `json:"started_at"`
	Objects   []PairResult `json:"objects"`
	// Current names the pair and phase running now (progress only).
	Current string `json:"current,omitempty"`
	// Paused says which service asked to wait, and until when (progress
	// only).
	Paused *activities.Pause `json:"paused,omitempty"`
	// Rejected lists rejected records, at most MaxRejectedListed of them;
	// RejectedTotal counts them all.
	Rejected      []activities.Rejection `json:"rejected,omitempty"`
	RejectedTotal int                    `json:"rejected_total"`
	// Conflicts lists the first MaxConflictsListed conflicts the policies
	// settled; each pair's counts have them all, the store's log holds them.
	Conflicts []activities.Conflict `json:"conflicts,omitempty"`
	// Changes, on a dry run, are the first MaxChangesListed writes of each
	// pair a real run would make, field by field.
	Changes []activities.Change `json:"changes,omitempty"`
	// Adoptions, on a dry run, are the first MaxChangesListed creates of
	// each pair that would link an existing Zendesk record instead; each
	// pair's Counts.Zendesk.Adopted counts them all.
	Adoptions []activities.Adoption `json:"adoptions,omitempty"`
	// ContinuedAsNew counts how many times the sync rolled its history over.
	ContinuedAsNew int `json:"continued_as_new,omitempty"`
}

// MaxRejectedListed caps the rejected records kept in the result; the
// history of each step holds them all.
const MaxRejectedListed = 200

// MaxChangesListed caps the sampled writes, and the sampled adoptions, a
// dry run keeps per pair.
const MaxChangesListed = 10

// MaxConflictsListed caps the conflicts kept in the result.
const MaxConflictsListed = 200

// ProgressQuery is the query type answering a SyncResult while it runs.
const ProgressQuery = "progress"
