package workflows

import (
	"fmt"
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
)

// Phases of one object. Contacts index their emails first so that two
// contacts sharing an email are both held back before either is written.
const (
	phaseIndex = "index"
	phaseWrite = "write"
)

// ErrTypeBadInput marks a SyncInput the workflow cannot run.
const ErrTypeBadInput = "BadInput"

// Sync is the workflow type "Sync": per object, a loop of retryable page
// activities with progress in workflow state, rolled over by
// continue-as-new before history grows large.
func Sync(ctx workflow.Context, in SyncInput) (*SyncResult, error) {
	in, err := normalize(in)
	if err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeBadInput, nil)
	}
	st := in.Continuation
	if st == nil {
		st = &Continuation{StartedAt: workflow.Now(ctx)}
		for _, o := range in.Objects {
			st.Objects = append(st.Objects, ObjectResult{Object: o})
		}
	}
	result := func() *SyncResult {
		r := &SyncResult{
			Mode: in.Mode, DryRun: in.DryRun, StartedAt: st.StartedAt,
			Objects:       slices.Clone(st.Objects),
			Rejected:      slices.Clone(st.Rejected),
			RejectedTotal: st.RejectedTotal, ContinuedAsNew: st.Runs,
		}
		if st.Index < len(st.Objects) {
			r.Current = st.Objects[st.Index].Object + ":" + st.Phase
		}
		r.Paused = st.Pause
		return r
	}
	if err := workflow.SetQueryHandler(ctx, ProgressQuery, func() (*SyncResult, error) {
		return result(), nil
	}); err != nil {
		return nil, fmt.Errorf("register progress query: %w", err)
	}

	var a *activities.Activities
	pages := 0
	for st.Index < len(st.Objects) {
		obj := &st.Objects[st.Index]
		if !st.Began {
			var b activities.BeginResult
			if err := workflow.ExecuteActivity(shortOptions(ctx), a.BeginObject,
				activities.BeginInput{Object: obj.Object, Mode: in.Mode}).Get(ctx, &b); err != nil {
				return nil, fmt.Errorf("begin %s: %w", obj.Object, err)
			}
			st.Began, st.Since, st.Cursor = true, b.Since, nil
			obj.Counts.Filtered += b.Filtered
			obj.Total += b.Total
			st.Phase = phaseWrite
			if obj.Object == activities.Contacts {
				st.Phase = phaseIndex
			}
		}
		for st.Phase != "" {
			if pages >= pagesPerRun || workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
				st.Runs++
				next := in
				next.Continuation = st
				return nil, workflow.NewContinueAsNewError(ctx, Sync, next)
			}
			pages++
			switch st.Phase {
			case phaseIndex:
				var r activities.IndexResult
				if err := workflow.ExecuteActivity(pageOptions(ctx), a.IndexEmails,
					activities.IndexInput{Since: st.Since, After: st.Cursor}).Get(ctx, &r); err != nil {
					return nil, fmt.Errorf("index %s emails: %w", obj.Object, err)
				}
				if r.Pause != nil {
					if err := pause(ctx, st, r.Pause, nil); err != nil {
						return nil, err
					}
					continue
				}
				st.Cursor = r.Next
				if r.Done {
					st.Phase, st.Cursor = phaseWrite, nil
				}
			case phaseWrite:
				var r activities.PageResult
				if err := workflow.ExecuteActivity(pageOptions(ctx), a.SyncPage, activities.PageInput{
					RunID: workflow.GetInfo(ctx).WorkflowExecution.ID, Object: obj.Object,
					Since: st.Since, After: st.Cursor, DryRun: in.DryRun, Jobs: st.Jobs,
				}).Get(ctx, &r); err != nil {
					return nil, fmt.Errorf("sync %s page: %w", obj.Object, err)
				}
				if r.Pause != nil {
					if err := pause(ctx, st, r.Pause, r.Jobs); err != nil {
						return nil, err
					}
					continue
				}
				st.Jobs = nil
				obj.Counts.Add(r.Counts)
				st.RejectedTotal += len(r.Rejected)
				for _, rej := range r.Rejected {
					if len(st.Rejected) < MaxRejectedListed {
						st.Rejected = append(st.Rejected, rej)
					}
				}
				st.Cursor = r.Next
				if r.Done {
					st.Phase = ""
				}
			}
		}
		// The checkpoint moves to the run's start, never to "now": whatever
		// changed while this run read is read again next time.
		if !in.DryRun {
			if err := workflow.ExecuteActivity(shortOptions(ctx), a.SaveCheckpoint,
				activities.CheckpointInput{Object: obj.Object, At: st.StartedAt}).Get(ctx, nil); err != nil {
				return nil, fmt.Errorf("save %s checkpoint: %w", obj.Object, err)
			}
		}
		obj.Done = true
		st.Index++
		st.Began, st.Since, st.Cursor = false, nil, nil
	}
	return result(), nil
}

// pause waits, on a durable timer, for the time a service asked; the
// progress query shows the pause meanwhile. The page runs again afterwards
// with the jobs it had already submitted.
func pause(ctx workflow.Context, st *Continuation, p *activities.Pause, jobs []activities.Job) error {
	st.Pause, st.Jobs = p, jobs
	wait := max(p.Until.Sub(workflow.Now(ctx)), time.Second)
	if err := workflow.Sleep(ctx, wait); err != nil {
		return fmt.Errorf("pause for %s: %w", p.Service, err)
	}
	st.Pause = nil
	return nil
}

// normalize fills defaults and rejects what cannot run, naming it.
func normalize(in SyncInput) (SyncInput, error) {
	switch in.Mode {
	case "":
		in.Mode = activities.ModeIncremental
	case activities.ModeFull, activities.ModeIncremental:
	default:
		return in, fmt.Errorf("mode %q: want %q or %q", in.Mode, activities.ModeFull, activities.ModeIncremental)
	}
	if len(in.Objects) == 0 {
		in.Objects = activities.Order
		return in, nil
	}
	var objects []string
	for _, o := range activities.Order {
		if slices.Contains(in.Objects, o) {
			objects = append(objects, o)
		}
	}
	for _, o := range in.Objects {
		if !slices.Contains(activities.Order, o) {
			return in, fmt.Errorf("object %q: want one of %v", o, activities.Order)
		}
	}
	in.Objects = objects
	return in, nil
}
