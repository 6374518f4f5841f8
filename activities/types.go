package activities

import (
	"time"

	"github.com/crmsync/crmsync/reconcile"
	"github.com/crmsync/crmsync/record"
)

// Modes of a sync.
const (
	ModeFull        = "full"
	ModeIncremental = "incremental"
)

// Phases of a pair, in the order they run. Zendesk's changes are staged
// before any Salesforce page is resolved, so a record changed on both
// sides meets as one conflict, never as two writes overwriting each other.
const (
	// PhaseIndex records which records hold which email before any is
	// written (pairs with UniqueEmail).
	PhaseIndex = "index"
	// PhaseZendesk stages the Zendesk export's changes of linked records.
	PhaseZendesk = "zendesk"
	// PhaseSalesforce reads, resolves and writes Salesforce's changes,
	// with the staged Zendesk changes of the same records.
	PhaseSalesforce = "salesforce"
	// PhaseRest resolves and writes the staged Zendesk changes whose
	// Salesforce record did not change.
	PhaseRest = "rest"
	// PhaseDeletes carries the deletions every read staged, once all of
	// them are read, unless the circuit breaker trips.
	PhaseDeletes = "deletes"
)

// Cursor is a keyset position in a Salesforce scan ordered by
// (SystemModstamp, Id). Unlike nextRecordsUrl it never expires, so a page
// retried after a crash or an hour-long rate-limit pause reads the same rows.
type Cursor struct {
	Modstamp time.Time `json:"modstamp"`
	ID       string    `json:"id"`
}

// BeginInput asks how a pair's run goes.
type BeginInput struct {
	Run  string `json:"run"`
	Pair string `json:"pair"`
	Mode string `json:"mode"`
	// Named says the sync named the pair, which runs it even when the
	// mapping leaves it disabled.
	Named bool `json:"named,omitempty"`
	// Beside names the pair that runs meanwhile: the pair begins now
	// only to read its email index beside that pair's steps.
	Beside string `json:"beside,omitempty"`
}

// BeginResult says which phases a pair runs and where its Salesforce scan
// starts: Since is nil for a full scan, else the last checkpoint minus the
// lookback window.
type BeginResult struct {
	// Later answers a begin beside another pair: this pair has no index
	// to read meanwhile, or the other pair reads its claims. Nothing was
	// done; the pair begins in its turn.
	Later    bool       `json:"later,omitempty"`
	Skip     bool       `json:"skip,omitempty"`
	Phases   []string   `json:"phases"`
	Since    *time.Time `json:"since,omitempty"`
	Filtered int        `json:"filtered"`
	// Total is how many Salesforce records the scan will read, for
	// progress.
	Total int `json:"total"`
}

// StepInput is one step of a phase: fetch a page, resolve it or upsert it.
type StepInput struct {
	Run   string     `json:"run"`
	Pair  string     `json:"pair"`
	Phase string     `json:"phase"`
	Since *time.Time `json:"since,omitempty"`
	// Token is the phase's position, opaque to the workflow.
	Token string `json:"token,omitempty"`
	// Page names the staged page a resolve or upsert works on.
	Page   string `json:"page,omitempty"`
	DryRun bool   `json:"dry_run,omitempty"`
	// Jobs are the Zendesk bulk jobs an upsert submitted before a pause:
	// they are polled, not submitted again.
	Jobs []Job `json:"jobs,omitempty"`
	// Resolve lets a fetch resolve its page in the same step when the
	// page is already staged; workflows that predate it never get a
	// resolved page they would resolve again.
	Resolve bool `json:"resolve,omitempty"`
}

// FetchResult is one page read and staged. Page is empty when the page
// holds nothing to resolve.
type FetchResult struct {
	Page   string `json:"page,omitempty"`
	Next   string `json:"next,omitempty"`
	Done   bool   `json:"done"`
	Counts Counts `json:"counts"`
	Pause  *Pause `json:"pause,omitempty"`
	// Held says the phase held back what it would have done, and why.
	Held *Held `json:"held,omitempty"`
	// Resolved is the page's resolve, done by the fetch (see
	// StepInput.Resolve): the page goes straight to its upsert.
	Resolved *ResolveResult `json:"resolved,omitempty"`
}

// Held is work a safeguard held back: how much, a sample of the records,
// the reason.
type Held struct {
	Reason string   `json:"reason"`
	Count  int      `json:"count"`
	Sample []string `json:"sample,omitempty"`
}

// ResolveResult is what a page's plan holds: counts, the conflicts the
// policies settled (the first MaxConflictsListed; all are in the store's
// conflict log) and the records that cannot be written.
type ResolveResult struct {
	Counts    Counts      `json:"counts"`
	Conflicts []Conflict  `json:"conflicts,omitempty"`
	Rejected  []Rejection `json:"rejected,omitempty"`
}

// UpsertResult is what a page's writes did. A Pause means the writes did
// not finish: the workflow sleeps until then on a durable timer and runs
// the upsert again with Jobs, so a long throttle never spends the retry
// budget of real failures and shows in the progress query.
type UpsertResult struct {
	Counts   Counts      `json:"counts"`
	Rejected []Rejection `json:"rejected,omitempty"`
	Pause    *Pause      `json:"pause,omitempty"`
	Jobs     []Job       `json:"jobs,omitempty"`
	// Changes, on a dry run, are samples of the writes a real run would
	// make, at most MaxChangesListed a page.
	Changes []Change `json:"changes,omitempty"`
	// Adoptions, on a dry run, are samples of the Zendesk creates a real
	// run would turn into links to existing records, at most
	// MaxChangesListed a page.
	Adoptions []Adoption `json:"adoptions,omitempty"`
}

// Adoption is a create that would link an existing Zendesk record, a user
// with the contact's email or an organization with the account's name,
// instead of making one: ids only, as it may be shown anywhere.
type Adoption struct {
	Pair         string `json:"pair"`
	SalesforceID string `json:"salesforce_id"`
	ZendeskID    int64  `json:"zendesk_id"`
}

// MaxChangesListed caps the sampled writes one dry-run page reports.
const MaxChangesListed = 5

// Change is a write a dry run would make: one record on one side, each
// field's value before (the last one synced; none for a create) and
// after.
type Change struct {
	Pair         string                 `json:"pair"`
	Side         record.Side            `json:"side"`
	SalesforceID string                 `json:"salesforce_id,omitempty"`
	ZendeskID    int64                  `json:"zendesk_id,omitempty"`
	Create       bool                   `json:"create,omitempty"`
	Fields       map[string]FieldChange `json:"fields"`
}

// FieldChange is one field of a Change.
type FieldChange struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

// MaxConflictsListed caps the conflicts one resolve step reports in
// history; Counts.Conflicts counts them all.
const MaxConflictsListed = 20

// Pause is a wait a service asked for.
type Pause struct {
	Service string    `json:"service"`
	Until   time.Time `json:"until"`
	Reason  string    `json:"reason"`
}

// Counts are per-pair tallies.
type Counts struct {
	// Fetched counts Salesforce records read; Exported the Zendesk
	// records the export gave.
	Fetched   int `json:"fetched"`
	Exported  int `json:"exported,omitempty"`
	Unchanged int `json:"unchanged"`
	Filtered  int `json:"filtered"`
	// Unlinked counts Zendesk changes of records no link ties to a
	// Salesforce record.
	Unlinked  int `json:"unlinked,omitempty"`
	Conflicts int `json:"conflicts,omitempty"`
	// HandedOver counts links passed to another pair's record (a
	// converted lead's user to its contact).
	HandedOver int    `json:"handed_over,omitempty"`
	Rejected   int    `json:"rejected"`
	Zendesk    Writes `json:"zendesk"`
	Salesforce Writes `json:"salesforce"`
}

// Writes counts the records written on one side.
type Writes struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
	// Adopted counts records that were to be created but linked an
	// existing record instead (Zendesk only: a user with the email, an
	// organization with the name); Created does not count them.
	Adopted int `json:"adopted,omitempty"`
	// Deleted counts records deleted or tagged because the other side
	// deleted theirs.
	Deleted int `json:"deleted,omitempty"`
}

// Add sums o into c.
func (c *Counts) Add(o Counts) {
	c.Fetched += o.Fetched
	c.Exported += o.Exported
	c.Unchanged += o.Unchanged
	c.Filtered += o.Filtered
	c.Unlinked += o.Unlinked
	c.Conflicts += o.Conflicts
	c.HandedOver += o.HandedOver
	c.Rejected += o.Rejected
	c.Zendesk.Created += o.Zendesk.Created
	c.Zendesk.Updated += o.Zendesk.Updated
	c.Salesforce.Created += o.Salesforce.Created
	c.Salesforce.Updated += o.Salesforce.Updated
	c.Zendesk.Adopted += o.Zendesk.Adopted
	c.Zendesk.Deleted += o.Zendesk.Deleted
	c.Salesforce.Deleted += o.Salesforce.Deleted
}

// Rejection is a record, or one field of it, that was not written to a
// side, with the reason.
type Rejection struct {
	Pair         string      `json:"pair"`
	Side         record.Side `json:"side"`
	SalesforceID string      `json:"salesforce_id,omitempty"`
	ZendeskID    int64       `json:"zendesk_id,omitempty"`
	Field        string      `json:"field,omitempty"`
	Reason       string      `json:"reason"`
}

// Conflict is one field changed on both sides, as the policy settled it.
type Conflict struct {
	SalesforceID string `json:"salesforce_id"`
	ZendeskID    int64  `json:"zendesk_id"`
	reconcile.Conflict
}

// CheckpointInput moves a pair's checkpoints once it finished: the
// Salesforce one to At (the run's start), each phase's to its last token.
type CheckpointInput struct {
	Run       string     `json:"run"`
	Pair      string     `json:"pair"`
	At        time.Time  `json:"at"`
	Positions []Position `json:"positions,omitempty"`
}

// Position is where a phase ended.
type Position struct {
	Phase string `json:"phase"`
	Token string `json:"token"`
}
