package activities

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// RunningSyncsQuery is the visibility query for the Sync workflows open on
// a task queue.
func RunningSyncsQuery(taskQueue string) string {
	return fmt.Sprintf("WorkflowType='Sync' AND ExecutionStatus='Running' AND TaskQueue=%s", queryString(taskQueue))
}

// queryString quotes s as a visibility query's string literal. Instance
// names are restricted, but CRMSYNC_TASK_QUEUE may hold a single quote
// (workflows.ValidateTaskQueue): unescaped, it would end the literal and
// the rest of the name would be read as query.
func queryString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// AloneInput is CheckAlone's input.
type AloneInput struct {
	// StartedAt is when the calling sync's run started.
	StartedAt time.Time `json:"started_at"`
}

// CheckAlone fails, non-retryably, when another sync started earlier is
// still running on this task queue: the Web UI, the CLI and schedules can
// start one under any workflow id, and two syncs would write the same
// records. Of two syncs started together the earlier goes on, so they do
// not both stop.
func (a *Activities) CheckAlone(ctx context.Context, in AloneInput) error {
	if a.Temporal == nil {
		return nil
	}
	info := activity.GetInfo(ctx)
	resp, err := a.Temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
		Query: RunningSyncsQuery(info.TaskQueue),
	})
	if err != nil {
		return fmt.Errorf("list the running syncs: %w", err)
	}
	own := info.WorkflowExecution
	for _, e := range resp.GetExecutions() {
		other, start := e.GetExecution(), e.GetStartTime().AsTime()
		if other.GetRunId() == own.RunID {
			continue
		}
		if start.Before(in.StartedAt) || start.Equal(in.StartedAt) && other.GetRunId() < own.RunID {
			return temporal.NewNonRetryableApplicationError(fmt.Sprintf(
				"another sync is running on task queue %q: workflow %s (run %s, started %s); wait for it to end or cancel it",
				info.TaskQueue, other.GetWorkflowId(), other.GetRunId(), start.UTC().Format(time.RFC3339)),
				ErrTypeAlreadyRunning, nil)
		}
	}
	return nil
}
