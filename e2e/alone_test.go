package e2e

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
