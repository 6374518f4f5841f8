package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// The Web UI and `temporal workflow start --input` send the input as raw
// JSON under the type name: a mistake in it fails the workflow at once,
// naming the field, instead of running a sync nobody asked for or failing
// workflow tasks again and again.
func TestMistypedRawInputFailsTheWorkflowNamingTheField(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 3, Accounts: 2, Contacts: 5, Tickets: 1})
	cases := []struct {
		json string
		want string
	}{
		{`{"mode":"full","dryrun":true}`, `input: unknown field "dryrun"; accepted fields: mode, objects, dry_run`},
		{`{"objects":"contacts"}`, `input: field "objects": want a list of pair names like ["contacts"], got a string`},
		{`{"mode":"everything"}`, `input: field "mode": "everything" is no mode; want "full" or "incremental"`},
	}
	for _, tc := range cases {
		t.Run(tc.json, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			run, err := dev.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: e.taskQueue}, "Sync", json.RawMessage(tc.json))
			require.NoError(t, err)
			err = run.Get(ctx, nil)
			require.Error(t, err)
			var appErr *temporal.ApplicationError
			require.True(t, errors.As(err, &appErr), "want an application error, got %v", err)
			assert.Equal(t, workflows.ErrTypeBadInput, appErr.Type())
			assert.True(t, appErr.NonRetryable())
			assert.Equal(t, tc.want, appErr.Message())

			var taskFailures, activities int
			e.walkHistory(run.GetID(), run.GetRunID(), func(ev *historypb.HistoryEvent) {
				if ev.GetWorkflowTaskFailedEventAttributes() != nil {
					taskFailures++
				}
				if ev.GetActivityTaskScheduledEventAttributes() != nil {
					activities++
				}
			})
			assert.Zero(t, taskFailures, "a failed workflow, not a failing task")
			assert.Zero(t, activities, "nothing runs")
		})
	}
}
