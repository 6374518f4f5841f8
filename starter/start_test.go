package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/crmsync/crmsync/workflows"
)

// A dry run asked for while a real full sync runs starts nothing and
// follows nothing: it says what runs, with its progress, and exits 1.
func TestStartWhileASyncRunsRefusesNamingIt(t *testing.T) {
	q := queue(t)
	startWorker(t, q)
	running := startFake(t, q, workflowID(), workflows.SyncInput{Mode: "full"})

	var out, errs bytes.Buffer
	require.Equal(t, 1, run(context.Background(), []string{"incremental", "-dry-run"}, &out, &errs))
	msg := errs.String()
	assert.Contains(t, msg, "a sync is already running, so none was started (-attach follows it)")
	assert.Contains(t, msg, "workflow crmsync-sync run "+running.GetRunID())
	assert.Contains(t, msg, "mode full, not a dry run, started ")
	assert.Regexp(t, `accounts\s+5/5 done`, msg)
	assert.Regexp(t, `contacts\s+3/10 running`, msg)
	assert.Regexp(t, `tickets\s+0/0 waiting`, msg)
	assert.NotContains(t, out.String(), "started:")
	assert.Equal(t, []string{workflowID() + "/" + running.GetRunID()}, runningOn(t, q), "nothing else runs")
}

// The Web UI or the CLI may have started the running sync under any id.
func TestStartBesideASyncStartedElsewhereRefuses(t *testing.T) {
	q := queue(t)
	startWorker(t, q)
	running := startFake(t, q, "ui-started", workflows.SyncInput{Mode: "incremental", DryRun: true})

	var out, errs bytes.Buffer
	require.Equal(t, 1, run(context.Background(), []string{"full"}, &out, &errs))
	assert.Contains(t, errs.String(), "workflow ui-started run "+running.GetRunID())
	assert.Contains(t, errs.String(), "mode incremental, dry run, started ")
	assert.Equal(t, []string{"ui-started/" + running.GetRunID()}, runningOn(t, q), "nothing else runs")
}

// With no worker to answer the progress query the report still names the
// run and its mode, from the run's history.
func TestStartBesideASyncNobodyWorksOn(t *testing.T) {
	q := queue(t)
	running, err := dev.Client().ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{ID: "cron-started", TaskQueue: q}, "Sync",
		workflows.SyncInput{Mode: "full", DryRun: true})
	require.NoError(t, err)

	var out, errs bytes.Buffer
	require.Equal(t, 1, run(context.Background(), []string{"incremental"}, &out, &errs))
	assert.Contains(t, errs.String(), "workflow cron-started run "+running.GetRunID())
	assert.Contains(t, errs.String(), "mode full, dry run, started ")
	assert.Contains(t, errs.String(), "progress: unknown (no worker answered the progress query)")
}

// -attach follows the running sync, saying which, to its summary; a worker
// polls, so there is no warning.
func TestAttachFollowsTheRunningSync(t *testing.T) {
	q := queue(t)
	startWorker(t, q)
	noWorkerAfter = 200 * time.Millisecond
	t.Cleanup(func() { noWorkerAfter = 3 * time.Second })
	running := startFake(t, q, workflowID(), workflows.SyncInput{Mode: "full"})
	finish := time.AfterFunc(2*time.Second, func() {
		_ = dev.Client().SignalWorkflow(context.Background(), workflowID(), running.GetRunID(), "finish", nil)
	})
	defer finish.Stop()

	var out, errs bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"incremental", "-dry-run", "-attach"}, &out, &errs), errs.String())
	assert.Contains(t, out.String(), "following the running sync full, not a dry run: workflow crmsync-sync run "+running.GetRunID())
	assert.Contains(t, out.String(), "sync full finished")
	assert.NotContains(t, out.String(), "dry run, nothing written")
	assert.NotContains(t, errs.String(), "warning")
}

// A sync nobody works on gets a warning after a while, naming the task
// queue and the server and saying how to start a worker; the starter
// goes on waiting.
func TestNoWorkerWarns(t *testing.T) {
	q := queue(t)
	noWorkerAfter = 200 * time.Millisecond
	t.Cleanup(func() { noWorkerAfter = 3 * time.Second })
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()

	var out, errs bytes.Buffer
	start := time.Now()
	assert.Equal(t, 1, run(ctx, []string{"full"}, &out, &errs))
	assert.GreaterOrEqual(t, time.Since(start), 3*time.Second, "it waits on after the warning")
	assert.Contains(t, out.String(), "sync full started")
	assert.Contains(t, errs.String(), `warning: no worker polls task queue "`+q+`" on `+dev.FrontendHostPort()+" for workflow or activity tasks")
	assert.Contains(t, errs.String(), "go run ./worker")
	assert.Contains(t, errs.String(), "make run")
}
