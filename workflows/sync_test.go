package workflows

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
)

var a *activities.Activities

func newEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(Sync)
	env.RegisterActivity(a)
	return env
}

// pages answers SyncPage with n pages of the given counts, the last done.
func pages(env *testsuite.TestWorkflowEnvironment, object string, n int, counts activities.Counts, rejected ...activities.Rejection) {
	calls := 0
	env.OnActivity(a.SyncPage, mock.Anything, mock.MatchedBy(func(in activities.PageInput) bool { return in.Object == object })).
		Return(func(_ context.Context, in activities.PageInput) (*activities.PageResult, error) {
			calls++
			return &activities.PageResult{
				Next:     &activities.Cursor{ID: fmt.Sprintf("%s-%d", object, calls)},
				Done:     calls >= n,
				Counts:   counts,
				Rejected: rejected,
			}, nil
		})
}

// progressAt answers the progress query at a moment of the workflow's
// clock; read the result after ExecuteWorkflow returns.
func progressAt(t *testing.T, env *testsuite.TestWorkflowEnvironment, at time.Duration) *SyncResult {
	var p SyncResult
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(ProgressQuery)
		require.NoError(t, err)
		require.NoError(t, v.Get(&p))
	}, at)
	return &p
}

func begin(env *testsuite.TestWorkflowEnvironment, since *time.Time) {
	env.OnActivity(a.BeginObject, mock.Anything, mock.Anything).Return(&activities.BeginResult{Since: since, Total: 10, Filtered: 1}, nil)
}

func TestFullSyncRunsObjectsInOrderAndSumsPages(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	env.OnActivity(a.IndexEmails, mock.Anything, mock.Anything).Return(&activities.IndexResult{Done: true, Indexed: 5}, nil).Once()
	pages(env, activities.Accounts, 2, activities.Counts{Fetched: 3, Created: 2, Unchanged: 1})
	pages(env, activities.Contacts, 3, activities.Counts{Fetched: 4, Created: 1, Updated: 2, Rejected: 1},
		activities.Rejection{Object: "contacts", SalesforceID: "003x", Reason: "bad email"})
	var order []string
	var checkpoints []activities.CheckpointInput
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.CheckpointInput) error {
		checkpoints = append(checkpoints, in)
		order = append(order, in.Object)
		return nil
	})
	start := env.Now()

	env.ExecuteWorkflow(Sync, SyncInput{Mode: "full", Objects: []string{"contacts", "accounts"}})

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var res SyncResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Len(t, res.Objects, 2)
	assert.Equal(t, "accounts", res.Objects[0].Object, "accounts always run first")
	assert.Equal(t, activities.Counts{Fetched: 6, Created: 4, Unchanged: 2, Filtered: 1}, res.Objects[0].Counts)
	assert.Equal(t, activities.Counts{Fetched: 12, Created: 3, Updated: 6, Rejected: 3, Filtered: 1}, res.Objects[1].Counts)
	assert.Equal(t, 3, res.RejectedTotal)
	assert.Len(t, res.Rejected, 3)
	assert.Equal(t, []string{"accounts", "contacts"}, order)
	for _, cp := range checkpoints {
		assert.True(t, cp.At.Equal(start), "checkpoint moves to the run's start, not to now: %v vs %v", cp.At, start)
	}
}

func TestContinueAsNewCarriesProgress(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	pages(env, activities.Accounts, pagesPerRun+5, activities.Counts{Fetched: 1, Created: 1})

	env.ExecuteWorkflow(Sync, SyncInput{Mode: "full", Objects: []string{"accounts"}})

	require.True(t, env.IsWorkflowCompleted())
	var can *workflow.ContinueAsNewError
	require.True(t, errors.As(env.GetWorkflowError(), &can), "want continue-as-new, got %v", env.GetWorkflowError())
	var next SyncInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))
	require.NotNil(t, next.Continuation)
	assert.Equal(t, "full", next.Mode)
	assert.Equal(t, pagesPerRun, next.Continuation.Objects[0].Counts.Fetched)
	assert.Equal(t, phaseWrite, next.Continuation.Phase)
	assert.Equal(t, fmt.Sprintf("accounts-%d", pagesPerRun), next.Continuation.Cursor.ID)
	assert.Equal(t, 1, next.Continuation.Runs)
}

func TestContinuationResumesWhereItStopped(t *testing.T) {
	env := newEnv(t)
	started := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var got []activities.PageInput
	env.OnActivity(a.SyncPage, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.PageInput) (*activities.PageResult, error) {
		got = append(got, in)
		return &activities.PageResult{Done: true, Counts: activities.Counts{Fetched: 2, Updated: 2}}, nil
	})
	var cp activities.CheckpointInput
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.CheckpointInput) error {
		cp = in
		return nil
	})

	env.ExecuteWorkflow(Sync, SyncInput{Mode: "incremental", Objects: []string{"accounts"}, Continuation: &Continuation{
		StartedAt: started, Objects: []ObjectResult{{Object: "accounts", Counts: activities.Counts{Fetched: 7}}},
		Phase: phaseWrite, Began: true, Cursor: &activities.Cursor{ID: "001abc"}, Runs: 1,
	}})

	require.NoError(t, env.GetWorkflowError())
	require.Len(t, got, 1, "BeginObject is not run again and one page finishes the object")
	assert.Equal(t, "001abc", got[0].After.ID)
	assert.True(t, cp.At.Equal(started))
	var res SyncResult
	require.NoError(t, env.GetWorkflowResult(&res))
	assert.Equal(t, 9, res.Objects[0].Counts.Fetched)
	assert.Equal(t, 1, res.ContinuedAsNew)
}

func TestRunLevelFailureKeepsCheckpoint(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	pages(env, activities.Accounts, 1, activities.Counts{Fetched: 1, Created: 1})
	env.OnActivity(a.IndexEmails, mock.Anything, mock.Anything).Return(&activities.IndexResult{Done: true}, nil)
	env.OnActivity(a.SyncPage, mock.Anything, mock.MatchedBy(func(in activities.PageInput) bool { return in.Object == "contacts" })).
		Return(nil, temporal.NewNonRetryableApplicationError("Zendesk refused the credentials", activities.ErrTypeUnauthorized, nil))
	var saved []string
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.CheckpointInput) error {
		saved = append(saved, in.Object)
		return nil
	})

	env.ExecuteWorkflow(Sync, SyncInput{})

	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.True(t, hasApplicationError(err, activities.ErrTypeUnauthorized), "cause is kept: %v", err)
	assert.Contains(t, err.Error(), "sync contacts page")
	assert.Equal(t, []string{"accounts"}, saved, "the failed object's checkpoint must not move")
}

func TestDryRunMovesNoCheckpoint(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	var dry []bool
	env.OnActivity(a.SyncPage, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.PageInput) (*activities.PageResult, error) {
		dry = append(dry, in.DryRun)
		return &activities.PageResult{Done: true}, nil
	})
	env.ExecuteWorkflow(Sync, SyncInput{Mode: "full", Objects: []string{"accounts"}, DryRun: true})
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []bool{true}, dry)
	env.AssertNotCalled(t, "SaveCheckpoint", mock.Anything, mock.Anything)
}

func TestRejectedListIsCappedButCounted(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	rej := make([]activities.Rejection, 150)
	for i := range rej {
		rej[i] = activities.Rejection{Object: "accounts", SalesforceID: fmt.Sprint(i), Reason: "name missing"}
	}
	pages(env, activities.Accounts, 2, activities.Counts{Fetched: 150, Rejected: 150}, rej...)
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(nil)
	env.ExecuteWorkflow(Sync, SyncInput{Objects: []string{"accounts"}})
	require.NoError(t, env.GetWorkflowError())
	var res SyncResult
	require.NoError(t, env.GetWorkflowResult(&res))
	assert.Equal(t, 300, res.RejectedTotal)
	assert.Len(t, res.Rejected, MaxRejectedListed)
}

func TestBadInputFailsWithReason(t *testing.T) {
	for _, in := range []SyncInput{{Mode: "sideways"}, {Objects: []string{"tickets!"}}} {
		env := newEnv(t)
		env.ExecuteWorkflow(Sync, in)
		err := env.GetWorkflowError()
		require.Error(t, err)
		var appErr *temporal.ApplicationError
		require.True(t, errors.As(err, &appErr))
		assert.Equal(t, ErrTypeBadInput, appErr.Type())
		assert.True(t, appErr.NonRetryable())
	}
}

func TestProgressQueryWhileRunning(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	calls := 0
	env.OnActivity(a.SyncPage, mock.Anything, mock.Anything).After(time.Minute).Return(func(_ context.Context, in activities.PageInput) (*activities.PageResult, error) {
		calls++
		return &activities.PageResult{Done: calls == 3, Counts: activities.Counts{Fetched: 10, Created: 10}}, nil
	})
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(nil)
	mid := progressAt(t, env, 90*time.Second)
	env.ExecuteWorkflow(Sync, SyncInput{Objects: []string{"accounts"}})
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, mid.Objects, 1)
	assert.Equal(t, 10, mid.Objects[0].Counts.Fetched, "one page done at 90s")
	assert.Equal(t, "accounts:write", mid.Current)
}

func hasApplicationError(err error, typ string) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) && appErr.Type() == typ {
			return true
		}
		if errors.As(err, &appErr) {
			err = appErr
		}
	}
	return false
}

func TestPauseSleepsShowsInProgressAndResumesJobs(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	until := env.Now().Add(30 * time.Minute)
	submitted := []activities.Job{{Kind: "users", IDs: []string{"003a", "003b"}, JobID: "j1", Tries: 1}}
	var inputs []activities.PageInput
	env.OnActivity(a.SyncPage, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.PageInput) (*activities.PageResult, error) {
		inputs = append(inputs, in)
		if len(inputs) == 1 {
			return &activities.PageResult{Pause: &activities.Pause{Service: "zendesk", Until: until, Reason: "rate limit"}, Jobs: submitted}, nil
		}
		return &activities.PageResult{Done: true, Counts: activities.Counts{Fetched: 2, Created: 2}}, nil
	})
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(nil)
	during := progressAt(t, env, 10*time.Minute)
	start := env.Now()

	env.ExecuteWorkflow(Sync, SyncInput{Objects: []string{"accounts"}})

	require.NoError(t, env.GetWorkflowError())
	require.Len(t, inputs, 2)
	assert.Equal(t, submitted, inputs[1].Jobs, "the paused page's jobs are handed back, not resubmitted")
	assert.Nil(t, inputs[1].After, "the page is read again from the same cursor")
	require.NotNil(t, during.Paused, "progress shows the pause")
	assert.Equal(t, "zendesk", during.Paused.Service)
	assert.True(t, during.Paused.Until.Equal(until))
	assert.GreaterOrEqual(t, env.Now().Sub(start), 30*time.Minute)
	var res SyncResult
	require.NoError(t, env.GetWorkflowResult(&res))
	assert.Nil(t, res.Paused)
	assert.Equal(t, 2, res.Objects[0].Counts.Created, "a paused attempt counts nothing")
}

func TestIndexRateLimitRetriesAtServerDelay(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	attempts := 0
	env.OnActivity(a.IndexEmails, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.IndexInput) (*activities.IndexResult, error) {
		attempts++
		if attempts == 1 {
			return nil, temporal.NewApplicationErrorWithOptions("daily limit", activities.ErrTypeDailyLimit,
				temporal.ApplicationErrorOptions{NextRetryDelay: 20 * time.Minute})
		}
		return &activities.IndexResult{Done: true}, nil
	})
	pages(env, activities.Contacts, 1, activities.Counts{})
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(nil)
	start := env.Now()
	env.ExecuteWorkflow(Sync, SyncInput{Objects: []string{"contacts"}})
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, 2, attempts)
	assert.GreaterOrEqual(t, env.Now().Sub(start), 20*time.Minute)
}

func TestIndexPauseShowsAndResumesSamePage(t *testing.T) {
	env := newEnv(t)
	begin(env, nil)
	var afters []*activities.Cursor
	until := env.Now().Add(15 * time.Minute)
	env.OnActivity(a.IndexEmails, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.IndexInput) (*activities.IndexResult, error) {
		afters = append(afters, in.After)
		switch len(afters) {
		case 1:
			return &activities.IndexResult{Next: &activities.Cursor{ID: "003a"}}, nil
		case 2:
			return &activities.IndexResult{Next: in.After, Pause: &activities.Pause{Service: "salesforce", Until: until}}, nil
		}
		return &activities.IndexResult{Done: true}, nil
	})
	pages(env, activities.Contacts, 1, activities.Counts{})
	env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(nil)
	during := progressAt(t, env, 5*time.Minute)
	env.ExecuteWorkflow(Sync, SyncInput{Objects: []string{"contacts"}})
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, afters, 3)
	assert.Equal(t, "003a", afters[2].ID, "the paused page is read again")
	require.NotNil(t, during.Paused)
	assert.Equal(t, "salesforce", during.Paused.Service)
	assert.Equal(t, "contacts:index", during.Current)
}

// Every way a page can be held back by a service ends in a finished sync:
// the first attempts fail or pause, a later one succeeds, and the run waited
// at least what the service asked.
func TestPageRetryPaths(t *testing.T) {
	rateLimited := func(d time.Duration) error {
		return temporal.NewApplicationErrorWithOptions("rate limited", activities.ErrTypeRateLimited,
			temporal.ApplicationErrorOptions{NextRetryDelay: d})
	}
	cases := []struct {
		name     string
		fail     int // attempts before success
		answer   func(until time.Time) (*activities.PageResult, error)
		minWait  time.Duration
		attempts int
	}{
		{"429 via NextRetryDelay, five times", 5, func(time.Time) (*activities.PageResult, error) {
			return nil, rateLimited(10 * time.Minute)
		}, 50 * time.Minute, 6},
		{"transient 5xx with backoff", 3, func(time.Time) (*activities.PageResult, error) {
			return nil, errors.New("zendesk: POST /api/v2/users/create_or_update_many: 503 Service Unavailable")
		}, 0, 4},
		{"daily limit as a pause", 1, func(until time.Time) (*activities.PageResult, error) {
			return &activities.PageResult{Pause: &activities.Pause{Service: "salesforce", Until: until, Reason: "daily API request limit exceeded"}}, nil
		}, 15 * time.Minute, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t)
			begin(env, nil)
			until := env.Now().Add(15 * time.Minute)
			attempts := 0
			env.OnActivity(a.SyncPage, mock.Anything, mock.Anything).Return(func(_ context.Context, in activities.PageInput) (*activities.PageResult, error) {
				attempts++
				if attempts <= tc.fail {
					return tc.answer(until)
				}
				return &activities.PageResult{Done: true, Counts: activities.Counts{Fetched: 1, Created: 1}}, nil
			})
			env.OnActivity(a.SaveCheckpoint, mock.Anything, mock.Anything).Return(nil)
			start := env.Now()
			env.ExecuteWorkflow(Sync, SyncInput{Objects: []string{"accounts"}})
			require.NoError(t, env.GetWorkflowError(), "holding back never fails a sync")
			assert.Equal(t, tc.attempts, attempts)
			assert.GreaterOrEqual(t, env.Now().Sub(start), tc.minWait)
		})
	}
}
