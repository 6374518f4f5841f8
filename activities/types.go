package activities

import "time"

// Objects the sync knows, in the order they must run: contacts need their
// accounts' organizations to exist to resolve membership.
const (
	Accounts = "accounts"
	Contacts = "contacts"
)

// Order lists every object in sync order.
var Order = []string{Accounts, Contacts}

// Modes of a sync.
const (
	ModeFull        = "full"
	ModeIncremental = "incremental"
)

// Cursor is a keyset position in a Salesforce scan ordered by
// (SystemModstamp, Id). Unlike nextRecordsUrl it never expires, so a page
// retried after a crash or an hour-long rate-limit pause reads the same rows.
type Cursor struct {
	Modstamp time.Time `json:"modstamp"`
	ID       string    `json:"id"`
}

// BeginInput asks where an object's scan starts.
type BeginInput struct {
	Object string `json:"object"`
	Mode   string `json:"mode"`
}

// BeginResult tells where an object's scan starts: Since is nil for a full
// scan, else the last checkpoint minus the lookback window.
type BeginResult struct {
	Since    *time.Time `json:"since,omitempty"`
	Filtered int        `json:"filtered"`
	// Total is how many records the scan will read, for progress.
	Total int `json:"total"`
}

// PageInput is one page of one object: fetch, map, match and upsert.
type PageInput struct {
	RunID  string     `json:"run_id"`
	Object string     `json:"object"`
	Since  *time.Time `json:"since,omitempty"`
	After  *Cursor    `json:"after,omitempty"`
	DryRun bool       `json:"dry_run,omitempty"`
	// Jobs are the Zendesk bulk jobs this page submitted before a pause:
	// they are polled, not submitted again.
	Jobs []Job `json:"jobs,omitempty"`
}

// PageResult is what one page did. Rejected names every record of the page
// that was not written and why, so the failing record is visible in the
// workflow history next to the page that carried it.
type PageResult struct {
	Next     *Cursor     `json:"next,omitempty"`
	Done     bool        `json:"done"`
	Counts   Counts      `json:"counts"`
	Rejected []Rejection `json:"rejected,omitempty"`
	// Pause, when set, means the page did not finish: a service asked to
	// wait. The workflow sleeps until then on a durable timer and runs the
	// page again with Jobs, so a long throttle never spends the retry
	// budget of real failures and shows in the progress query.
	Pause *Pause `json:"pause,omitempty"`
	Jobs  []Job  `json:"jobs,omitempty"`
}

// Pause is a wait a service asked for.
type Pause struct {
	Service string    `json:"service"`
	Until   time.Time `json:"until"`
	Reason  string    `json:"reason"`
}

// Counts are per-object tallies.
type Counts struct {
	Fetched   int `json:"fetched"`
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Filtered  int `json:"filtered"`
	Rejected  int `json:"rejected"`
}

// Add sums o into c.
func (c *Counts) Add(o Counts) {
	c.Fetched += o.Fetched
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Filtered += o.Filtered
	c.Rejected += o.Rejected
}

// Rejection is a record that was not written, with the reason.
type Rejection struct {
	Object       string `json:"object"`
	SalesforceID string `json:"salesforce_id"`
	Reason       string `json:"reason"`
}

// IndexInput is one page of the contact email index that finds duplicate
// emails before any contact is written.
type IndexInput struct {
	Since *time.Time `json:"since,omitempty"`
	After *Cursor    `json:"after,omitempty"`
}

// IndexResult is what one index page did.
type IndexResult struct {
	Next    *Cursor `json:"next,omitempty"`
	Done    bool    `json:"done"`
	Indexed int     `json:"indexed"`
	// Pause, when set, means the page was not read: Salesforce asked to
	// wait.
	Pause *Pause `json:"pause,omitempty"`
}

// CheckpointInput moves an object's checkpoint.
type CheckpointInput struct {
	Object string    `json:"object"`
	At     time.Time `json:"at"`
}
