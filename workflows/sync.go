package workflows

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/store"
)

// Steps of a page.
const (
	stepFetch   = "fetch"
	stepResolve = "resolve"
	stepUpsert  = "upsert"
)

// ErrTypeBadInput marks a SyncInput the workflow cannot run.
const ErrTypeBadInput = "BadInput"

// Sync is the workflow type "Sync": per pair, per phase, a loop of pages,
// each fetched, resolved and upserted by retryable activities, with
// progress in workflow state, rolled over by continue-as-new before
// history grows large. It knows no object and no API: the pair's
// activities say which phases it has and hand out opaque positions.
func Sync(ctx workflow.Context, in SyncInput) (*SyncResult, error) {
	return syncOf(ctx, in, store.DefaultInstance)
}

// syncOf is Sync on a worker of instance.
func syncOf(ctx workflow.Context, in SyncInput, instance string) (*SyncResult, error) {
	in, named, err := normalize(in)
	if err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeBadInput, nil)
	}
	tagged, err := tag(ctx, in, instance)
	if err != nil {
		return nil, err
	}
	res, err := runPairs(ctx, in, named)
	if tagged {
		if terr := tagOutcome(ctx, res, err); terr != nil && err == nil {
			return nil, terr
		}
	}
	return res, err
}

// runPairs runs the pairs of a normalized input.
func runPairs(ctx workflow.Context, in SyncInput, named bool) (*SyncResult, error) {
	st := in.Continuation
	if st == nil {
		if err := checkAlone(ctx); err != nil {
			return nil, err
		}
		info := workflow.GetInfo(ctx)
		st = &Continuation{StartedAt: workflow.Now(ctx), Named: named}
		st.Run = fmt.Sprintf("%s/%s", info.WorkflowExecution.ID, info.WorkflowExecution.RunID)
		// The pair list is kept in history: a worker that declares more
		// pairs replays a running sync unchanged.
		var objects []string
		if err := workflow.SideEffect(ctx, func(workflow.Context) any { return in.Objects }).Get(&objects); err != nil {
			return nil, fmt.Errorf("record the pairs to sync: %w", err)
		}
		for _, o := range objects {
			st.Objects = append(st.Objects, PairResult{Object: o})
		}
	}
	if err := workflow.SetQueryHandler(ctx, ProgressQuery, func() (*SyncResult, error) {
		r := result(in, st)
		rates(r.Objects, workflow.Now(ctx))
		return r, nil
	}); err != nil {
		return nil, fmt.Errorf("register progress query: %w", err)
	}

	var a *activities.Activities
	var beside lane
	steps := 0
	for st.Index < len(st.Objects) {
		obj := &st.Objects[st.Index]
		if !st.Began {
			b, began, early := adopt(st)
			if !early {
				b = &activities.BeginResult{}
				if err := workflow.ExecuteActivity(shortOptions(ctx), a.BeginPair, activities.BeginInput{
					Run: st.Run, Pair: obj.Object, Mode: in.Mode, Named: st.Named,
				}).Get(ctx, b); err != nil {
					return nil, fmt.Errorf("begin %s: %w", obj.Object, err)
				}
				began = workflow.Now(ctx)
			}
			st.Began, st.Since, st.Phases, st.Phase = true, b.Since, b.Phases, 0
			obj.StartedAt = &began
			st.Token, st.Step, st.Positions = "", stepFetch, nil
			obj.Counts.Filtered += b.Filtered
			obj.Total += b.Total
			obj.Skipped = b.Skip
			if b.Skip {
				st.Phases = nil
			}
			if early {
				resumeIndex(st, st.Lane)
			}
			st.Lane = nil
		}
		for st.Phase < len(st.Phases) {
			if steps >= stepsPerRun || workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
				beside.stop(ctx)
				st.Runs++
				next := in
				next.Continuation = st
				return nil, workflow.NewContinueAsNewError(ctx, Sync, next)
			}
			steps++
			beside.start(ctx, in, st, &steps)
			if err := step(ctx, in, st, obj); err != nil {
				return nil, err
			}
		}
		beside.stop(ctx)
		// The checkpoint moves to the run's start, never to "now": whatever
		// changed while this run read is read again next time.
		if !in.DryRun && !obj.Skipped {
			if err := workflow.ExecuteActivity(shortOptions(ctx), a.SaveCheckpoint, activities.CheckpointInput{
				Run: st.Run, Pair: obj.Object, At: st.StartedAt, Positions: st.Positions,
			}).Get(ctx, nil); err != nil {
				return nil, fmt.Errorf("save %s checkpoint: %w", obj.Object, err)
			}
		}
		obj.Done = true
		finished := workflow.Now(ctx)
		obj.FinishedAt = &finished
		st.Index++
		st.Began, st.Since, st.Token, st.Phases = false, nil, "", nil
	}
	return result(in, st), nil
}

// checkAlone stops a sync's first run when another sync runs on its task
// queue; the runs it continues as are the same sync and skip it. Histories
// recorded before the check replay without it.
func checkAlone(ctx workflow.Context) error {
	if workflow.GetVersion(ctx, "check-alone", workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	var a *activities.Activities
	in := activities.AloneInput{StartedAt: workflow.GetInfo(ctx).WorkflowStartTime}
	if err := workflow.ExecuteActivity(shortOptions(ctx), a.CheckAlone, in).Get(ctx, nil); err != nil {
		return fmt.Errorf("check for a running sync: %w", err)
	}
	return nil
}

// step runs the next step of the current page: fetch, then, when the page
// holds records, resolve and upsert; a pause waits and runs it again.
// While a Salesforce page is upserted the next one is fetched: the two
// touch different records, and the fetch's time is hidden behind the
// writes.
func step(ctx workflow.Context, in SyncInput, st *Continuation, obj *PairResult) error {
	var a *activities.Activities
	phase := st.Phases[st.Phase]
	si := activities.StepInput{Run: st.Run, Pair: obj.Object, Phase: phase, Since: st.Since,
		Token: st.Token, Page: st.Page, DryRun: in.DryRun, Jobs: st.Jobs, Resolve: true}
	title := pageTitle(obj, phase, st.PageNo)
	switch st.Step {
	case stepFetch:
		var r activities.FetchResult
		if err := workflow.ExecuteActivity(pageOptions(ctx, title+": read"), a.Fetch, si).Get(ctx, &r); err != nil {
			return fmt.Errorf("fetch %s %s page: %w", obj.Object, phase, err)
		}
		if r.Pause != nil {
			return pause(ctx, st, r.Pause, nil)
		}
		if !takeFetch(st, obj, &r) {
			return nil
		}
	case stepResolve:
		var r activities.ResolveResult
		summary := fmt.Sprintf("%s: %s read, resolve", title, count(st.PageRead))
		if err := workflow.ExecuteActivity(pageOptions(ctx, summary), a.Resolve, si).Get(ctx, &r); err != nil {
			return fmt.Errorf("resolve %s %s page: %w", obj.Object, phase, err)
		}
		resolved(st, obj, &r)
		return nil
	case stepUpsert:
		ahead := fetchAhead(ctx, st, obj, si)
		var r activities.UpsertResult
		summary := fmt.Sprintf("%s: %s read, %s rejected, %s conflicts, write", title,
			count(st.PageRead), count(st.PageRejected), count(st.PageConflicts))
		err := workflow.ExecuteActivity(pageOptions(ctx, summary), a.Upsert, si).Get(ctx, &r)
		if ahead != nil {
			// A fetch ahead that failed or paused is simply run again
			// in its turn.
			var fr activities.FetchResult
			if ahead.Get(ctx, &fr) == nil && fr.Pause == nil {
				st.Ahead = &fr
			}
		}
		if err != nil {
			return fmt.Errorf("upsert %s %s page: %w", obj.Object, phase, err)
		}
		if r.Pause != nil {
			return pause(ctx, st, r.Pause, r.Jobs)
		}
		st.Jobs = nil
		obj.Counts.Add(r.Counts)
		note(st, r.Rejected)
		st.Changes = keepPerPair(st.Changes, r.Changes, func(c activities.Change) string { return c.Pair })
		st.Adoptions = keepPerPair(st.Adoptions, r.Adoptions, func(a activities.Adoption) string { return a.Pair })
	}
	for {
		pageDone(st, phase)
		if st.Ahead == nil {
			return nil
		}
		r := st.Ahead
		st.Ahead = nil
		if !takeFetch(st, obj, r) {
			return nil
		}
	}
}

func pageTitle(obj *PairResult, phase string, pageNo int) string {
	return fmt.Sprintf("%s %s page %d", obj.Object, phase, pageNo+1)
}

// fetchAhead starts the fetch of the page after the one being upserted,
// in a Salesforce phase with pages left and none fetched ahead yet.
// Histories recorded before it replay without it.
func fetchAhead(ctx workflow.Context, st *Continuation, obj *PairResult, si activities.StepInput) workflow.Future {
	if si.Phase != activities.PhaseSalesforce || st.PageDone || st.Ahead != nil {
		return nil
	}
	if workflow.GetVersion(ctx, "fetch-ahead", workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	var a *activities.Activities
	si.Token, si.Page, si.Jobs = st.Next, "", nil
	title := pageTitle(obj, si.Phase, st.PageNo+1)
	return workflow.ExecuteActivity(pageOptions(ctx, title+": read"), a.Fetch, si)
}

// takeFetch takes in a page's fetch; it tells whether the page is done
// already, having nothing to resolve or write.
func takeFetch(st *Continuation, obj *PairResult, r *activities.FetchResult) bool {
	obj.Counts.Add(r.Counts)
	if r.Held != nil {
		obj.Held = r.Held
	}
	st.Page, st.Next, st.PageDone = r.Page, r.Next, r.Done
	st.PageRead = r.Counts.Fetched + r.Counts.Exported
	if r.Resolved != nil {
		resolved(st, obj, r.Resolved)
		return false
	}
	if r.Page != "" {
		st.Step = stepResolve
		return false
	}
	return true
}

// pageDone moves on to the next page, and to the next phase after the
// last page.
func pageDone(st *Continuation, phase string) {
	st.Token, st.Page, st.Step = st.Next, "", stepFetch
	st.PageNo++
	if st.PageDone {
		st.PageNo = 0
		st.Positions = append(st.Positions, activities.Position{Phase: phase, Token: st.Token})
		st.Phase++
		st.Token = ""
	}
}

// resolved takes in a page's resolve and moves on to its upsert.
func resolved(st *Continuation, obj *PairResult, r *activities.ResolveResult) {
	obj.Counts.Add(r.Counts)
	note(st, r.Rejected)
	for _, c := range r.Conflicts {
		if len(st.Conflicts) < MaxConflictsListed {
			st.Conflicts = append(st.Conflicts, c)
		}
	}
	st.PageRejected, st.PageConflicts = len(r.Rejected), r.Counts.Conflicts
	st.Step = stepUpsert
}

// keepPerPair adds to kept a dry run's samples, the first MaxChangesListed
// of each pair.
func keepPerPair[T any](kept, more []T, pairOf func(T) string) []T {
	n := map[string]int{}
	for _, k := range kept {
		n[pairOf(k)]++
	}
	for _, m := range more {
		if n[pairOf(m)] < MaxChangesListed {
			kept = append(kept, m)
			n[pairOf(m)]++
		}
	}
	return kept
}

func note(st *Continuation, rejected []activities.Rejection) {
	st.RejectedTotal += len(rejected)
	for _, rej := range rejected {
		if len(st.Rejected) < MaxRejectedListed {
			st.Rejected = append(st.Rejected, rej)
		}
	}
}

func result(in SyncInput, st *Continuation) *SyncResult {
	r := &SyncResult{
		Mode: in.Mode, DryRun: in.DryRun, StartedAt: st.StartedAt,
		Objects:  slices.Clone(st.Objects),
		Rejected: slices.Clone(st.Rejected), RejectedTotal: st.RejectedTotal,
		Conflicts: slices.Clone(st.Conflicts), Changes: slices.Clone(st.Changes), Adoptions: slices.Clone(st.Adoptions), ContinuedAsNew: st.Runs,
		Paused: st.Pause,
	}
	r.Summary = summarize(r, st.Index < len(st.Objects))
	if st.Index < len(st.Objects) {
		r.Current = st.Objects[st.Index].Object
		if st.Phase < len(st.Phases) {
			r.Current += ":" + st.Phases[st.Phase]
		}
	}
	return r
}

// pause waits, on a durable timer, for the time a service asked; the
// progress query shows the pause meanwhile. The step runs again afterwards
// with the jobs it had already submitted.
func pause(ctx workflow.Context, st *Continuation, p *activities.Pause, jobs []activities.Job) error {
	st.Pause, st.Jobs = p, jobs
	wait := max(p.Until.Sub(workflow.Now(ctx)), time.Second)
	summary := fmt.Sprintf("paused: %s rate limit until %s", p.Service, p.Until.UTC().Format("15:04:05 UTC"))
	if err := workflow.NewTimerWithOptions(ctx, wait, workflow.TimerOptions{Summary: summary}).Get(ctx, nil); err != nil {
		return fmt.Errorf("pause for %s: %w", p.Service, err)
	}
	st.Pause = nil
	return nil
}

// normalize fills defaults and rejects what cannot run, naming it; named
// says the input chose its pairs.
func normalize(in SyncInput) (SyncInput, bool, error) {
	if in.invalid != "" {
		return in, false, errors.New(in.invalid)
	}
	switch in.Mode {
	case "":
		in.Mode = activities.ModeIncremental
	case activities.ModeFull, activities.ModeIncremental:
	default:
		return in, false, fmt.Errorf(`input: field "mode": %q is no mode; want %q or %q`, in.Mode, activities.ModeFull, activities.ModeIncremental)
	}
	named := len(in.Objects) > 0
	objects, err := pairs.Select(in.Objects)
	if err != nil {
		return in, false, fmt.Errorf(`input: field "objects": %w`, err)
	}
	in.Objects = objects
	return in, named, nil
}
