package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
)

// Lane is the next pair's email index, read beside the current pair's
// steps. The index only reads Salesforce and writes the next pair's own
// claims and staging, which the current pair does not read (BeginPair
// answers Later where it would), and the two wait on different things:
// the current pair mostly on Zendesk's jobs, the index on Salesforce and
// the store.
type Lane struct {
	// Pair is the index in Objects of the pair the lane reads for.
	Pair int `json:"pair"`
	// Begin is that pair's begin, made early; nil until it answers.
	Begin     *activities.BeginResult `json:"begin,omitempty"`
	StartedAt time.Time               `json:"started_at"`
	// Token is where the index has read to, Steps how many steps it
	// took, Done whether it read to the end.
	Token string `json:"token,omitempty"`
	Steps int    `json:"steps,omitempty"`
	Done  bool   `json:"done,omitempty"`
	// Stopped ends the lane: nothing to read beside, or a step paused or
	// failed. The pair's own turn goes on from Token, meeting the same
	// limit or error again where there is one.
	Stopped bool `json:"stopped,omitempty"`
}

// lane runs the Continuation's Lane in a coroutine of its own, one step
// in flight at a time, beside the current pair's steps.
type lane struct {
	running, stopping bool
}

// start runs the lane beside the current pair until stop, while it has
// something to read. Histories recorded before lanes replay without them.
// steps counts the lane's page steps with the run's.
func (l *lane) start(ctx workflow.Context, in SyncInput, st *Continuation, steps *int) {
	next := st.Index + 1
	if l.running || next >= len(st.Objects) {
		return
	}
	if st.Lane == nil || st.Lane.Pair != next {
		if workflow.GetVersion(ctx, "index-beside", workflow.DefaultVersion, 1) == workflow.DefaultVersion {
			st.Lane = &Lane{Pair: next, Stopped: true}
			return
		}
		st.Lane = &Lane{Pair: next, StartedAt: workflow.Now(ctx)}
	}
	if st.Lane.Stopped || st.Lane.Done {
		return
	}
	l.running, l.stopping = true, false
	workflow.Go(ctx, func(ctx workflow.Context) {
		defer func() { l.running = false }()
		for !l.stopping && l.step(ctx, in, st, steps) {
		}
	})
}

// stop waits for the step in flight and ends the lane's coroutine; the
// Lane keeps where it is for the pair's turn, or the next run.
func (l *lane) stop(ctx workflow.Context) {
	l.stopping = true
	_ = workflow.Await(ctx, func() bool { return !l.running })
}

// step runs the lane's next step, a begin or an index page, and tells
// whether there is more to do.
func (l *lane) step(ctx workflow.Context, in SyncInput, st *Continuation, steps *int) bool {
	var a *activities.Activities
	ln := st.Lane
	pair := st.Objects[ln.Pair].Object
	if ln.Begin == nil {
		var b activities.BeginResult
		err := workflow.ExecuteActivity(shortOptions(ctx), a.BeginPair, activities.BeginInput{
			Run: st.Run, Pair: pair, Mode: in.Mode, Named: st.Named, Beside: st.Objects[st.Index].Object,
		}).Get(ctx, &b)
		if err != nil || b.Later {
			ln.Stopped = true
			return false
		}
		ln.Begin = &b
		ln.Stopped = b.Skip || len(b.Phases) == 0 || b.Phases[0] != activities.PhaseIndex
		return !ln.Stopped
	}
	*steps++
	si := activities.StepInput{Run: st.Run, Pair: pair, Phase: activities.PhaseIndex, Since: ln.Begin.Since,
		Token: ln.Token, DryRun: in.DryRun, Resolve: true}
	title := fmt.Sprintf("%s: read beside %s", pageTitle(&st.Objects[ln.Pair], activities.PhaseIndex, ln.Steps), st.Objects[st.Index].Object)
	var r activities.FetchResult
	if err := workflow.ExecuteActivity(pageOptions(ctx, title), a.Fetch, si).Get(ctx, &r); err != nil || r.Pause != nil {
		ln.Stopped = true
		return false
	}
	st.Objects[ln.Pair].Counts.Add(r.Counts)
	ln.Token, ln.Done = r.Next, r.Done
	ln.Steps++
	return !ln.Done
}

// adopt begins the current pair from its lane, if it has one that began:
// the begin made early, and the index read so far. It tells whether it
// did; the pair then does not begin again, which would forget the index.
func adopt(st *Continuation) (*activities.BeginResult, time.Time, bool) {
	ln := st.Lane
	if ln == nil || ln.Pair != st.Index || ln.Begin == nil {
		return nil, time.Time{}, false
	}
	return ln.Begin, ln.StartedAt, true
}

// resumeIndex puts the pair where its lane's index left off.
func resumeIndex(st *Continuation, ln *Lane) {
	if len(st.Phases) == 0 || st.Phases[0] != activities.PhaseIndex || ln.Steps == 0 {
		return
	}
	st.Token, st.PageNo = ln.Token, ln.Steps
	if ln.Done {
		st.Positions = append(st.Positions, activities.Position{Phase: activities.PhaseIndex, Token: ln.Token})
		st.Phase, st.Token, st.PageNo = 1, "", 0
	}
}
