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
	// Objects limits the sync; default every object. Order does not matter:
	// accounts always run before contacts.
	Objects []string `json:"objects,omitempty"`
	// DryRun maps and matches but writes nothing and moves no checkpoint.
	DryRun bool `json:"dry_run,omitempty"`
	// Continuation carries progress across continue-as-new; users leave it
	// empty.
	Continuation *Continuation `json:"continuation,omitempty"`
}

// Continuation is a sync's progress, carried into the next run of the
// workflow when history grows large.
type Continuation struct {
	StartedAt     time.Time              `json:"started_at"`
	Objects       []ObjectResult         `json:"objects"`
	Index         int                    `json:"index"`
	Phase         string                 `json:"phase"`
	Began         bool                   `json:"began"`
	Since         *time.Time             `json:"since,omitempty"`
	Cursor        *activities.Cursor     `json:"cursor,omitempty"`
	Rejected      []activities.Rejection `json:"rejected,omitempty"`
	RejectedTotal int                    `json:"rejected_total"`
	Runs          int                    `json:"runs"`
	// Pause is the wait in progress; Jobs are the bulk jobs the paused
	// page had submitted.
	Pause *activities.Pause `json:"pause,omitempty"`
	Jobs  []activities.Job  `json:"jobs,omitempty"`
}

// ObjectResult is one object's tallies.
type ObjectResult struct {
	Object string            `json:"object"`
	Total  int               `json:"total"`
	Counts activities.Counts `json:"counts"`
	Done   bool              `json:"done"`
}

// SyncResult is what a finished sync reports, and what the progress query
// answers while it runs.
type SyncResult struct {
	Mode      string         `json:"mode"`
	DryRun    bool           `json:"dry_run,omitempty"`
	StartedAt time.Time      `json:"started_at"`
	Objects   []ObjectResult `json:"objects"`
	// Current names the object and phase running now (progress only).
	Current string `json:"current,omitempty"`
	// Paused says which service asked to wait, and until when (progress
	// only).
	Paused *activities.Pause `json:"paused,omitempty"`
	// Rejected lists rejected records, at most MaxRejectedListed of them;
	// RejectedTotal counts them all.
	Rejected      []activities.Rejection `json:"rejected,omitempty"`
	RejectedTotal int                    `json:"rejected_total"`
	// ContinuedAsNew counts how many times the sync rolled its history over.
	ContinuedAsNew int `json:"continued_as_new,omitempty"`
}

// MaxRejectedListed caps the rejected records kept in the result; the
// history of each page holds them all.
const MaxRejectedListed = 200

// ProgressQuery is the query type answering a SyncResult while it runs.
const ProgressQuery = "progress"
