package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/workflows"
)

// dev is a real dev server for the tests of starting and following; nil
// (and those tests skipped) where there is no temporal CLI.
var dev *testsuite.DevServer

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	path := os.Getenv("CRMSYNC_TEMPORAL")
	if path == "" {
		path, _ = filepath.Abs("../bin/temporal")
	}
	if _, err := os.Stat(path); err != nil {
		return m.Run()
	}
	// A dev server that never answers must fail the run with a reason,
	// not hang it: TestMain runs before the test timeout is armed.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := testsuite.StartDevServer(ctx, testsuite.DevServerOptions{
		ExistingPath: path, LogLevel: "error", ClientOptions: &client.Options{Logger: quietLogger{}},
		Stdout: io.Discard, Stderr: io.Discard,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "starter: start dev server: %v\n", err)
		return 1
	}
	defer func() { _ = srv.Stop() }()
	dev = srv
	return m.Run()
}

// requireDev points the starter's environment at the dev server.
func requireDev(t *testing.T) client.Client {
	t.Helper()
	if dev == nil {
		t.Skip("no temporal CLI (make test builds it)")
	}
	t.Setenv("TEMPORAL_ADDRESS", dev.FrontendHostPort())
	t.Setenv("TEMPORAL_NAMESPACE", "default")
	t.Setenv("CRMSYNC_ENCRYPTION_KEY", "")
	t.Setenv("CRMSYNC_DECRYPTION_KEYS", "")
	return dev.Client()
}

// queue is a task queue of the test's own on the dev server, which the
// starter is pointed at; the syncs on it are terminated at the end, so the
// starter's fixed workflow id is free for the next test.
func queue(t *testing.T) string {
	t.Helper()
	if dev == nil {
		t.Skip("no temporal CLI (make test builds it)")
	}
	q := "starter-" + t.Name()
	t.Setenv("TEMPORAL_ADDRESS", dev.FrontendHostPort())
	t.Setenv("CRMSYNC_TASK_QUEUE", q)
	t.Cleanup(func() {
		ctx := context.Background()
		resp, err := dev.Client().ListWorkflow(ctx, listRunning(q))
		require.NoError(t, err)
		for _, e := range resp.GetExecutions() {
			_ = dev.Client().TerminateWorkflow(ctx, e.GetExecution().GetWorkflowId(), e.GetExecution().GetRunId(), "test over")
		}
	})
	return q
}

// fakeSync stands in for the worker's Sync: it answers the progress query
// with one pair done and one under way, and ends on the signal "finish".
func fakeSync(ctx workflow.Context, in workflows.SyncInput) (*workflows.SyncResult, error) {
	p := &workflows.SyncResult{Mode: in.Mode, DryRun: in.DryRun, StartedAt: workflow.Now(ctx), Current: "contacts:salesforce",
		Objects: []workflows.PairResult{
			{Object: "accounts", Total: 5, Counts: activities.Counts{Fetched: 5}, Done: true},
			{Object: "contacts", Total: 10, Counts: activities.Counts{Fetched: 3}},
			{Object: "tickets"},
		}}
	if err := workflow.SetQueryHandler(ctx, workflows.ProgressQuery, func() (*workflows.SyncResult, error) { return p, nil }); err != nil {
		return nil, err
	}
	workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
	return p, nil
}

// idle is there so the fake worker polls for activities as a real one does.
func idle(context.Context) error { return nil }

// startWorker runs fakeSync as "Sync" on q.
func startWorker(t *testing.T, q string) {
	t.Helper()
	w := worker.New(dev.Client(), q, worker.Options{})
	w.RegisterWorkflowWithOptions(fakeSync, workflow.RegisterOptions{Name: "Sync"})
	w.RegisterActivity(idle)
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
}

// startFake starts a sync on q under id, as the Web UI would, and waits
// until the worker answers its progress query.
func startFake(t *testing.T, q, id string, in workflows.SyncInput) client.WorkflowRun {
	t.Helper()
	ctx := context.Background()
	run, err := dev.Client().ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: q}, "Sync", in)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		_, err := dev.Client().QueryWorkflow(ctx, id, run.GetRunID(), workflows.ProgressQuery)
		return err == nil
	}, 10*time.Second, 50*time.Millisecond)
	return run
}

// runningOn lists "id/run" of the syncs open on q.
func runningOn(t *testing.T, q string) []string {
	t.Helper()
	resp, err := dev.Client().ListWorkflow(context.Background(), listRunning(q))
	require.NoError(t, err)
	var out []string
	for _, e := range resp.GetExecutions() {
		out = append(out, e.GetExecution().GetWorkflowId()+"/"+e.GetExecution().GetRunId())
	}
	return out
}

func listRunning(q string) *workflowservice.ListWorkflowExecutionsRequest {
	return &workflowservice.ListWorkflowExecutionsRequest{Query: activities.RunningSyncsQuery(q)}
}
