package workflows

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
)

// The workflows call the activities through a nil pointer; so do the mocks.
var a *activities.Activities

const (
	accounts = "accounts"
	contacts = "contacts"
)

// page scripts one page of a phase for the fake.
type page struct {
	// records makes Fetch hand out a Page, which is then resolved and
	// upserted; without it the page is only fetched.
	records bool
	// ahead makes a fetch that may resolve (StepInput.Resolve) hand the
	// page out resolved, as one the index read ahead.
	ahead   bool
	fetch   activities.Counts
	resolve activities.ResolveResult
	upsert  activities.UpsertResult
	// pausedFetch and pausedUpsert, when set, answer the page's first fetch
	// or first upsert; the attempts after it get the scripted answer.
	pausedFetch  *activities.FetchResult
	pausedUpsert *activities.UpsertResult
}

// call is one activity call as the fake saw it.
type call struct {
	Activity string // begin, fetch, resolve, upsert, checkpoint
	Run      string
	Pair     string
	Mode     string
	Named    bool
	// Beside is the pair a begin runs beside.
	Beside string
	Phase  string
	Since  *time.Time
	Token  string
	Page   string
	DryRun bool
	Jobs   []activities.Job
	// At is the workflow clock when the activity ran.
	At time.Time
	// Checkpoint is SaveCheckpoint's input.
	Checkpoint activities.CheckpointInput
}

// String is the call as the logs show it: "begin accounts",
// "fetch accounts/salesforce at start", "fetch accounts/salesforce at
// accounts.salesforce.1", "resolve accounts.salesforce#0",
// "upsert accounts.salesforce#0", "checkpoint accounts".
func (c call) String() string {
	switch c.Activity {
	case "begin", "checkpoint":
		if c.Beside != "" {
			return c.Activity + " " + c.Pair + " beside " + c.Beside
		}
		return c.Activity + " " + c.Pair
	case "fetch":
		at := c.Token
		if at == "" {
			at = "start"
		}
		return fmt.Sprintf("fetch %s/%s at %s", c.Pair, c.Phase, at)
	default:
		return c.Activity + " " + c.Page
	}
}

func (c call) step() bool {
	return c.Activity == "fetch" || c.Activity == "resolve" || c.Activity == "upsert"
}

// token is the position after page i of a phase; page names page i.
func token(pair, phase string, i int) string { return fmt.Sprintf("%s.%s.%d", pair, phase, i) }
func pageName(pair, phase string, i int) string {
	return fmt.Sprintf("%s.%s#%d", pair, phase, i)
}

// fake answers the five activities from a script and logs every call. A
// call the script does not expect (an unknown token or page, a page of
// another pair or phase) fails the test and the workflow.
type fake struct {
	t   *testing.T
	env *testsuite.TestWorkflowEnvironment
	// begin answers BeginPair per pair; a pair missing runs the salesforce
	// phase only.
	begin map[string]activities.BeginResult
	// pages scripts the phases, by "pair/phase"; a phase missing has one
	// page without records.
	pages map[string][]page
	// fail, when set, may answer a call with an error instead; n counts the
	// attempts of that same call (same String), from 1.
	fail func(c call, n int) error
	// delay is how long every activity takes on the workflow clock.
	delay time.Duration

	// alone answers CheckAlone; it is counted, not logged with the steps.
	alone error
	// seq: see sequential.
	seq bool

	mu       sync.Mutex
	checked  int
	calls    []call
	attempts map[string]int
}

func newFake(t *testing.T) *fake {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(Sync)
	env.RegisterActivity(a)
	return &fake{t: t, env: env, begin: map[string]activities.BeginResult{},
		pages: map[string][]page{}, attempts: map[string]int{}}
}

// resume is a fake with f's script and attempts in a fresh environment,
// for the run a continue-as-new starts: a step paused in f is not paused
// again.
func (f *fake) resume() *fake {
	g := newFake(f.t)
	g.begin, g.pages, g.fail, g.delay = f.begin, f.pages, f.fail, f.delay
	if f.seq {
		g.sequential()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for k, n := range f.attempts {
		g.attempts[k] = n
	}
	return g
}

// sequential runs the workflow as histories recorded before fetch-ahead
// replay: one step at a time, the next page fetched after the upsert.
func (f *fake) sequential() {
	f.seq = true
	f.env.OnGetVersion("fetch-ahead", workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
	f.oneAtATime()
}

// oneAtATime runs pairs as histories recorded before lanes replay: the
// next pair's index in its turn, not beside the pair before.
func (f *fake) oneAtATime() {
	f.env.OnGetVersion("index-beside", workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
}

// run executes the workflow to its end and returns its result or error.
// in is a SyncInput, or raw JSON as the CLI and the Web UI send it.
func (f *fake) run(in any) (*SyncResult, error) {
	f.t.Helper()
	for _, c := range []*testsuite.MockCallWrapper{
		f.env.OnActivity(a.BeginPair, mock.Anything, mock.Anything).Return(f.BeginPair),
		f.env.OnActivity(a.Fetch, mock.Anything, mock.Anything).Return(f.Fetch),
		f.env.OnActivity(a.Resolve, mock.Anything, mock.Anything).Return(f.Resolve),
		f.env.OnActivity(a.Upsert, mock.Anything, mock.Anything).Return(f.Upsert),
		f.env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(f.SaveCheckpoint),
	} {
		if f.delay > 0 {
			c.After(f.delay)
		}
	}
	// The check takes no time, so the scripted clock stays the steps'.
	f.env.OnActivity(a.CheckAlone, mock.Anything, mock.Anything).Return(f.CheckAlone)
	var wf any = Sync
	if _, raw := in.(json.RawMessage); raw {
		// By type name, the test environment passes the payload on
		// unchecked, as the server does.
		wf = "Sync"
	}
	f.env.ExecuteWorkflow(wf, in)
	require.True(f.t, f.env.IsWorkflowCompleted())
	if err := f.env.GetWorkflowError(); err != nil {
		return nil, err
	}
	var res SyncResult
	require.NoError(f.t, f.env.GetWorkflowResult(&res))
	return &res, nil
}

// record logs c and answers the failure the test asked for, if any; n is
// the attempt of c.
func (f *fake) record(c call) (int, error) {
	c.At = f.env.Now()
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.attempts[c.String()]++
	n := f.attempts[c.String()]
	f.mu.Unlock()
	if f.fail != nil {
		if err := f.fail(c, n); err != nil {
			return n, err
		}
	}
	return n, nil
}

// unexpected fails the test and, non-retryably, the workflow.
func (f *fake) unexpected(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	f.t.Errorf("fake: %s", msg)
	return temporal.NewNonRetryableApplicationError(msg, "UnexpectedCall", nil)
}

func (f *fake) beginOf(pair string) activities.BeginResult {
	if b, ok := f.begin[pair]; ok {
		return b
	}
	return activities.BeginResult{Phases: []string{activities.PhaseSalesforce}}
}

func (f *fake) script(pair, phase string) []page {
	if p, ok := f.pages[pair+"/"+phase]; ok {
		return p
	}
	return []page{{}}
}

// BeginPair answers a begin beside another pair Later, as the activity
// does, for a pair whose first phase is no index; that answer does
// nothing and is not logged.
func (f *fake) BeginPair(_ context.Context, in activities.BeginInput) (*activities.BeginResult, error) {
	b := f.beginOf(in.Pair)
	if in.Beside != "" && (len(b.Phases) == 0 || b.Phases[0] != activities.PhaseIndex) {
		return &activities.BeginResult{Later: true}, nil
	}
	if _, err := f.record(call{Activity: "begin", Run: in.Run, Pair: in.Pair, Mode: in.Mode, Named: in.Named, Beside: in.Beside}); err != nil {
		return nil, err
	}
	return &b, nil
}

func stepCall(activity string, in activities.StepInput) call {
	return call{Activity: activity, Run: in.Run, Pair: in.Pair, Phase: in.Phase, Since: in.Since,
		Token: in.Token, Page: in.Page, DryRun: in.DryRun, Jobs: in.Jobs}
}

func (f *fake) Fetch(_ context.Context, in activities.StepInput) (*activities.FetchResult, error) {
	f.awaitPrevious(in)
	n, err := f.record(stepCall("fetch", in))
	if err != nil {
		return nil, err
	}
	pages := f.script(in.Pair, in.Phase)
	i := 0
	if in.Token != "" {
		rest, ok := strings.CutPrefix(in.Token, fmt.Sprintf("%s.%s.", in.Pair, in.Phase))
		i, err = strconv.Atoi(rest)
		if !ok || err != nil || i <= 0 {
			return nil, f.unexpected("fetch %s/%s with token %q", in.Pair, in.Phase, in.Token)
		}
	}
	if in.Page != "" || i >= len(pages) {
		return nil, f.unexpected("fetch %s/%s page %d of %d (page %q)", in.Pair, in.Phase, i, len(pages), in.Page)
	}
	p := pages[i]
	if p.pausedFetch != nil && n == 1 {
		r := *p.pausedFetch
		return &r, nil
	}
	r := &activities.FetchResult{Next: token(in.Pair, in.Phase, i+1), Done: i == len(pages)-1, Counts: p.fetch}
	if p.records {
		r.Page = pageName(in.Pair, in.Phase, i)
		if p.ahead && in.Resolve {
			resolved := p.resolve
			r.Resolved = &resolved
		}
	}
	return r, nil
}

// awaitPrevious holds a Salesforce fetch ahead until the upsert it runs
// beside has been logged, so that the log reads in page order whichever
// of the two the test environment starts first.
func (f *fake) awaitPrevious(in activities.StepInput) {
	rest, ok := strings.CutPrefix(in.Token, fmt.Sprintf("%s.%s.", in.Pair, in.Phase))
	i, err := strconv.Atoi(rest)
	pages := f.script(in.Pair, in.Phase)
	if !ok || err != nil || in.Phase != activities.PhaseSalesforce || i < 1 || i > len(pages) || !pages[i-1].records {
		return
	}
	upsert := "upsert " + pageName(in.Pair, in.Phase, i-1)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		f.mu.Lock()
		n := f.attempts[upsert]
		f.mu.Unlock()
		if n > 0 {
			return
		}
	}
}

// pageOf finds the scripted page a resolve or upsert names.
func (f *fake) pageOf(activity string, in activities.StepInput) (page, error) {
	pages := f.script(in.Pair, in.Phase)
	rest, ok := strings.CutPrefix(in.Page, fmt.Sprintf("%s.%s#", in.Pair, in.Phase))
	i, err := strconv.Atoi(rest)
	if !ok || err != nil || i < 0 || i >= len(pages) || !pages[i].records {
		return page{}, f.unexpected("%s %s/%s of page %q", activity, in.Pair, in.Phase, in.Page)
	}
	return pages[i], nil
}

func (f *fake) Resolve(_ context.Context, in activities.StepInput) (*activities.ResolveResult, error) {
	if _, err := f.record(stepCall("resolve", in)); err != nil {
		return nil, err
	}
	p, err := f.pageOf("resolve", in)
	if err != nil {
		return nil, err
	}
	r := p.resolve
	return &r, nil
}

func (f *fake) Upsert(_ context.Context, in activities.StepInput) (*activities.UpsertResult, error) {
	n, err := f.record(stepCall("upsert", in))
	if err != nil {
		return nil, err
	}
	p, err := f.pageOf("upsert", in)
	if err != nil {
		return nil, err
	}
	if p.pausedUpsert != nil && n == 1 {
		r := *p.pausedUpsert
		return &r, nil
	}
	r := p.upsert
	return &r, nil
}

func (f *fake) SaveCheckpoint(_ context.Context, in activities.CheckpointInput) error {
	_, err := f.record(call{Activity: "checkpoint", Run: in.Run, Pair: in.Pair, Checkpoint: in})
	return err
}

func (f *fake) CheckAlone(context.Context, activities.AloneInput) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checked++
	return f.alone
}

// log is every call so far, as strings.
func (f *fake) log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, len(f.calls))
	for i, c := range f.calls {
		out[i] = c.String()
	}
	return out
}

// of returns the calls of one activity.
func (f *fake) of(activity string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Activity == activity {
			out = append(out, c)
		}
	}
	return out
}

// steps returns every fetch, resolve and upsert call.
func (f *fake) steps() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.step() {
			out = append(out, c)
		}
	}
	return out
}

// want is the log a run of the script makes over pairs: per pair begin,
// then unless skipped every phase's pages in order (fetch, and for a page
// with records resolve and upsert; a paused step twice), then the
// checkpoint unless dry.
func (f *fake) want(dry bool, pairs ...string) []string {
	var out []string
	for _, pair := range pairs {
		out = append(out, "begin "+pair)
		b := f.beginOf(pair)
		if b.Skip {
			continue
		}
		for _, phase := range b.Phases {
			for i, p := range f.script(pair, phase) {
				fetch := call{Activity: "fetch", Pair: pair, Phase: phase}
				if i > 0 {
					fetch.Token = token(pair, phase, i)
				}
				out = append(out, fetch.String())
				if p.pausedFetch != nil {
					out = append(out, fetch.String())
				}
				if !p.records {
					continue
				}
				name := pageName(pair, phase, i)
				out = append(out, "resolve "+name, "upsert "+name)
				if p.pausedUpsert != nil {
					out = append(out, "upsert "+name)
				}
			}
		}
		if !dry {
			out = append(out, "checkpoint "+pair)
		}
	}
	return out
}

// progressAt answers the progress query at a moment of the workflow's
// clock; read it after the workflow ran.
func progressAt(t *testing.T, env *testsuite.TestWorkflowEnvironment, at time.Duration) *SyncResult {
	t.Helper()
	p := &SyncResult{}
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(ProgressQuery)
		if err == nil {
			err = v.Get(p)
		}
		if err != nil {
			t.Errorf("progress query at %s: %v", at, err)
		}
	}, at)
	return p
}

// applicationError finds the ApplicationError of type typ anywhere in
// err's chain.
func applicationError(err error, typ string) *temporal.ApplicationError {
	for err != nil {
		var appErr *temporal.ApplicationError
		if !errors.As(err, &appErr) {
			return nil
		}
		if appErr.Type() == typ {
			return appErr
		}
		err = appErr.Unwrap()
	}
	return nil
}
