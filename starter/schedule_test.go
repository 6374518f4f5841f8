package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/workflows"
)

// scheduleEnv is a dev server with the starter pointed at it, on a task
// queue of the test's own; the schedule is deleted at the end.
func scheduleEnv(t *testing.T) client.Client {
	t.Helper()
	dev := requireDev(t)
	t.Setenv("CRMSYNC_TASK_QUEUE", "starter-"+t.Name())
	t.Cleanup(func() {
		_ = dev.ScheduleClient().GetHandle(context.Background(), scheduleID()).Delete(context.Background())
	})
	return dev
}

// starter runs the starter with args and requires exit status 0.
func starter(t *testing.T, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	require.Equal(t, 0, run(context.Background(), args, &out, &errs), "starter %v: %s", args, errs.String())
	return out.String()
}

func describeSchedule(t *testing.T, dev client.Client) (*client.ScheduleDescription, *client.ScheduleWorkflowAction, workflows.SyncInput) {
	t.Helper()
	d, err := dev.ScheduleClient().GetHandle(context.Background(), scheduleID()).Describe(context.Background())
	require.NoError(t, err)
	a, ok := d.Schedule.Action.(*client.ScheduleWorkflowAction)
	require.True(t, ok, "action %T", d.Schedule.Action)
	require.Len(t, a.Args, 1)
	var in workflows.SyncInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayload(a.Args[0].(*commonpb.Payload), &in))
	return d, a, in
}

func TestScheduleCreatesThenUpdates(t *testing.T) {
	dev := scheduleEnv(t)
	assert.Contains(t, starter(t, "schedule", "-every", "5m", "-objects", "contacts,accounts"), "schedule crmsync-schedule created: every 5m0s")

	d, a, in := describeSchedule(t, dev)
	assert.Equal(t, []client.ScheduleIntervalSpec{{Every: 5 * time.Minute}}, d.Schedule.Spec.Intervals)
	assert.Equal(t, "Sync", a.Workflow)
	assert.Equal(t, workflowID(), a.ID)
	assert.Equal(t, "starter-"+t.Name(), a.TaskQueue)
	assert.Equal(t, workflows.SyncInput{Mode: "incremental", Objects: []string{"contacts", "accounts"}}, in)
	assert.Equal(t, enums.SCHEDULE_OVERLAP_POLICY_SKIP, d.Schedule.Policy.Overlap)

	// An update keeps the pause an operator set.
	starter(t, "schedule", "-pause", "-note", "quarter close")
	assert.Contains(t, starter(t, "schedule", "-every", "1h", "-objects", "leads", "-dry-run"), "schedule crmsync-schedule updated: every 1h0m0s")
	d, _, in = describeSchedule(t, dev)
	assert.Equal(t, []client.ScheduleIntervalSpec{{Every: time.Hour}}, d.Schedule.Spec.Intervals)
	assert.Equal(t, workflows.SyncInput{Mode: "incremental", Objects: []string{"leads"}, DryRun: true}, in)
	assert.Equal(t, enums.SCHEDULE_OVERLAP_POLICY_SKIP, d.Schedule.Policy.Overlap)
	assert.True(t, d.Schedule.State.Paused)
	assert.Equal(t, "quarter close", d.Schedule.State.Note)
}

func TestSchedulePausesAndResumes(t *testing.T) {
	dev := scheduleEnv(t)
	starter(t, "schedule", "-every", "5m")

	assert.Contains(t, starter(t, "schedule", "-pause", "-note", "Salesforce maintenance"), "paused")
	d, _, _ := describeSchedule(t, dev)
	assert.True(t, d.Schedule.State.Paused)
	assert.Equal(t, "Salesforce maintenance", d.Schedule.State.Note)
	list := starter(t, "schedule", "-list")
	assert.Contains(t, list, "state:       paused (note: Salesforce maintenance)")
	assert.Contains(t, list, "once resumed: ")

	assert.Contains(t, starter(t, "schedule", "-resume", "-note", "maintenance over"), "resumed")
	d, _, _ = describeSchedule(t, dev)
	assert.False(t, d.Schedule.State.Paused)
	assert.Equal(t, "maintenance over", d.Schedule.State.Note)
	assert.Contains(t, starter(t, "schedule", "-list"), "state:       active (note: maintenance over)")
}

func TestScheduleDeletes(t *testing.T) {
	dev := scheduleEnv(t)
	starter(t, "schedule", "-every", "5m")
	assert.Contains(t, starter(t, "schedule", "-delete"), "schedule crmsync-schedule deleted")

	_, err := dev.ScheduleClient().GetHandle(context.Background(), scheduleID()).Describe(context.Background())
	var notFound *serviceerror.NotFound
	assert.ErrorAs(t, err, &notFound)
	var out, errs bytes.Buffer
	assert.Equal(t, 1, run(context.Background(), []string{"schedule", "-list"}, &out, &errs))
	assert.Contains(t, errs.String(), "no schedule crmsync-schedule (create it with starter schedule -every 5m)")
}

// A triggered run shows in -list with its workflow id and how it ended, and
// the search attribute the README points to finds it.
func TestScheduleListShowsRunsAndResults(t *testing.T) {
	dev := scheduleEnv(t)
	w := worker.New(dev, "starter-"+t.Name(), worker.Options{})
	w.RegisterWorkflowWithOptions(func(workflow.Context, workflows.SyncInput) (workflows.SyncResult, error) {
		return workflows.SyncResult{Mode: "incremental"}, nil
	}, workflow.RegisterOptions{Name: "Sync"})
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)

	starter(t, "schedule", "-every", "5m", "-objects", "accounts")
	list := starter(t, "schedule", "-list")
	assert.Contains(t, list, "every:       5m0s")
	assert.Contains(t, list, "objects:     accounts")
	assert.Contains(t, list, "mode:        incremental\n")
	assert.Contains(t, list, "state:       active")
	assert.Regexp(t, `next runs:   \d{4}-\d\d-\d\d \d\d:\d\d:00, `, list)
	assert.Contains(t, list, "recent runs: 0")

	assert.Contains(t, starter(t, "schedule", "-trigger"), "triggered")
	require.Eventually(t, func() bool {
		list = starter(t, "schedule", "-list")
		return bytes.Contains([]byte(list), []byte(" completed"))
	}, 20*time.Second, 200*time.Millisecond, "no completed run in:\n%s", list)
	assert.Contains(t, list, "recent runs: 1")
	assert.Regexp(t, `\n    \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  crmsync-sync-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  completed\n`, list)

	require.Eventually(t, func() bool {
		r, err := dev.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{
			Query: `TemporalScheduledById="crmsync-schedule"`})
		return err == nil && len(r.Executions) == 1 && bytes.Contains(
			[]byte(list), []byte(r.Executions[0].GetExecution().GetWorkflowId()+"  completed"))
	}, 10*time.Second, 200*time.Millisecond)
}

// With a key set the stored input is encrypted like any payload, and -list
// still reads it.
func TestScheduleInputIsEncrypted(t *testing.T) {
	dev := scheduleEnv(t)
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	t.Setenv("CRMSYNC_ENCRYPTION_KEY", "test:"+base64.StdEncoding.EncodeToString(key))
	starter(t, "schedule", "-every", "5m", "-objects", "contacts")

	d, err := dev.ScheduleClient().GetHandle(context.Background(), scheduleID()).Describe(context.Background())
	require.NoError(t, err)
	p := d.Schedule.Action.(*client.ScheduleWorkflowAction).Args[0].(*commonpb.Payload)
	assert.NotContains(t, string(p.GetData()), "contacts")
	assert.Contains(t, starter(t, "schedule", "-list"), "objects:     contacts")
}

func TestScheduleFlagErrors(t *testing.T) {
	cases := []struct {
		args    []string
		wantErr string
	}{
		{nil, "-every is required"},
		{[]string{"-objects", "contacts"}, "-every is required"},
		{[]string{"-every", "30s"}, "-every 30s: want at least 1m0s"},
		{[]string{"-every", "0s"}, "-every 0s: want at least 1m0s"},
		{[]string{"-every", "often"}, `invalid value "often" for flag -every`},
		{[]string{"-every", "5m", "-objects", "contacts,opportunities"},
			`-objects: unknown object "opportunities"; accepted: accounts, contacts, leads, tickets, comments`},
		{[]string{"-pause", "-delete"}, "-pause and -delete: choose one"},
		{[]string{"-every", "5m", "-list"}, "-every and -list: choose one"},
		{[]string{"-list", "-dry-run"}, "-objects and -dry-run go with -every"},
		{[]string{"-delete", "-note", "x"}, "-note goes with -pause or -resume"},
		{[]string{"-list", "extra"}, `unexpected argument "extra"`},
		{[]string{"-bogus"}, "flag provided but not defined: -bogus"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.args), func(t *testing.T) {
			var out, errs bytes.Buffer
			assert.Equal(t, 2, run(context.Background(), append([]string{"schedule"}, tc.args...), &out, &errs))
			assert.Contains(t, errs.String(), "starter schedule: "+tc.wantErr)
			assert.Contains(t, errs.String(), "usage: starter schedule -every 5m")
		})
	}
}

func TestScheduleHelpPrintsTheFlags(t *testing.T) {
	var out, errs bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"schedule", "-h"}, &out, &errs))
	for _, f := range []string{"-every duration", "-objects string", "-dry-run", "-pause", "-note string", "-resume", "-delete", "-list", "-trigger"} {
		assert.Contains(t, out.String(), "\n  "+f, f)
	}
	assert.Empty(t, errs.String())
}
