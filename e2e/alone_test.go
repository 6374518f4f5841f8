package e2e

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// A sync started from the Web UI or the CLI, under any workflow id, while
// another runs on the task queue stops at once, naming the running one;
// the running one goes on to its end.
func TestSecondSyncOnTheTaskQueueStops(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 5, Accounts: 20, Contacts: 200, Tickets: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Slow Salesforce answers keep the first sync running meanwhile.
	e.sfServer.Faults().Set(admin.FaultConfig{LatencyMS: 200})
	first, err := dev.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "ui-started-" + e.taskQueue, TaskQueue: e.taskQueue},
		workflows.Sync, workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)

	second, err := dev.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: e.taskQueue}, workflows.Sync,
		workflows.SyncInput{Mode: "incremental", DryRun: true})
	require.NoError(t, err)
	err = second.Get(ctx, nil)
	require.Error(t, err)
	var actErr *temporal.ActivityError
	require.True(t, errors.As(err, &actErr), "want the check activity's error, got %v", err)
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(actErr, &appErr), "want an application error, got %v", actErr)
	assert.Equal(t, activities.ErrTypeAlreadyRunning, appErr.Type())
	assert.Contains(t, appErr.Message(), "workflow ui-started-"+e.taskQueue)
	assert.Contains(t, appErr.Message(), first.GetRunID())

	require.NoError(t, first.Get(ctx, nil), "the running sync is not disturbed")
}

// CRMSYNC_TASK_QUEUE may name a queue with single quotes: the
// one-at-a-time check's query finds the sync on it, and not the one on the
// queue the rest of the name would select if the quote ended the string,
// on a real server's visibility store. No worker polls the queues; the
// syncs wait.
func TestRunningSyncsQueryFindsAQueueNamedWithQuotes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	suffix := time.Now().Format("150405.000000000")
	decoy := "decoy-" + suffix
	queue := "x' OR TaskQueue='" + decoy
	var ids []string
	for _, q := range []string{queue, decoy} {
		run, err := dev.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: q}, workflows.Sync, workflows.SyncInput{})
		require.NoError(t, err)
		ids = append(ids, run.GetID())
		t.Cleanup(func() { _ = dev.TerminateWorkflow(context.Background(), run.GetID(), "", "test over") })
	}
	var found []string
	require.Eventually(t, func() bool {
		resp, err := dev.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Query: activities.RunningSyncsQuery(queue)})
		require.NoError(t, err)
		found = found[:0]
		for _, e := range resp.GetExecutions() {
			found = append(found, e.GetExecution().GetWorkflowId())
		}
		return len(found) > 0
	}, 20*time.Second, 200*time.Millisecond)
	assert.Equal(t, []string{ids[0]}, found)
}
