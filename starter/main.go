// Command starter starts a crmsync Sync workflow and follows it:
//
//	go run ./starter full|incremental [-objects accounts,contacts] [-dry-run] [-wait=false] [-attach]
//	go run ./starter conflicts [-workflow-id ID] [-object O]
//
// It shows a progress bar fed by the workflow's progress query and prints
// the summary at the end; the exit code is 1 when the run failed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/crmsync/crmsync/codec"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if err := store.ValidateInstance(instance()); err != nil {
		fmt.Fprintln(stderr, "starter: CRMSYNC_INSTANCE:", err)
		return 2
	}
	if err := workflows.ValidateTaskQueue(taskQueue()); err != nil {
		fmt.Fprintln(stderr, "starter: CRMSYNC_TASK_QUEUE:", err)
		return 2
	}
	if len(args) > 0 && args[0] == "conflicts" {
		return conflicts(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "schedule" {
		return schedule(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "status" {
		return statusCmd(ctx, args[1:], stdout, stderr)
	}
	o, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		usage(stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "starter:", err)
		usage(stderr)
		return 2
	}
	c, opts, code := dial("starter", stderr)
	if c == nil {
		return code
	}
	defer c.Close()
	queue := taskQueue()
	wrun, code := start(ctx, c, dataConverter(opts), queue, o, stdout, stderr)
	if wrun == nil {
		return code
	}
	if !o.wait {
		return 0
	}
	// A sync nobody works on waits silently for ever: say so, and go on
	// waiting, since a worker may be on its way.
	watch, stopWatch := context.WithCancel(ctx)
	warned := make(chan struct{})
	go func() {
		defer close(warned)
		warnWithoutWorker(watch, c, queue, opts.HostPort, stderr)
	}()
	res, err := follow(ctx, c, wrun, stdout)
	stopWatch()
	<-warned
	if err != nil {
		fmt.Fprintln(stdout)
		fmt.Fprintln(stderr, "starter: sync failed:", err)
		return 1
	}
	printSummary(stdout, res)
	if o.plan {
		printPlan(stdout, res)
	}
	return 0
}

// start starts a sync, or with -attach follows the one already running;
// without -attach a running sync is described and nothing starts (exit 1):
// a dry run must never quietly become someone else's real one.
func start(ctx context.Context, c client.Client, dc converter.DataConverter, queue string, o options, stdout, stderr io.Writer) (client.WorkflowRun, int) {
	running, err := findRunning(ctx, c, queue)
	if err != nil {
		fmt.Fprintln(stderr, "starter:", err)
		return nil, 1
	}
	if running == nil {
		wrun, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
			ID: workflowID(), TaskQueue: queue, WorkflowExecutionErrorWhenAlreadyStarted: true,
		}, workflows.Sync, o.in)
		var already *serviceerror.WorkflowExecutionAlreadyStarted
		switch {
		case errors.As(err, &already):
			// Started meanwhile, or on another task queue.
			running = &execution{ID: workflowID(), RunID: already.RunId}
		case err != nil:
			fmt.Fprintln(stderr, "starter: start sync:", err)
			return nil, 1
		default:
			fmt.Fprintf(stdout, "sync %s started: workflow %s run %s\n", o.in.Mode, wrun.GetID(), wrun.GetRunID())
			return wrun, 0
		}
	}
	s := describe(ctx, c, dc, running)
	if !o.attach {
		fmt.Fprintln(stderr, "starter: a sync is already running, so none was started (-attach follows it):")
		fmt.Fprint(stderr, s)
		return nil, 1
	}
	fmt.Fprintf(stdout, "following the running sync %s: workflow %s run %s\n", s.kind(), running.ID, running.RunID)
	return c.GetWorkflow(ctx, running.ID, running.RunID), 0
}

// options are a start's command line.
type options struct {
	in           workflows.SyncInput
	objects      string
	wait, attach bool
	// plan runs a dry run and prints what a real run would write.
	plan bool
}

func parseArgs(args []string) (options, error) {
	var o options
	fs := startFlags(&o)
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		return o, flag.ErrHelp
	}
	if len(args) > 0 && args[0] == "plan" {
		o.plan, o.in.DryRun = true, true
		args = args[1:]
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			args = append([]string{"incremental"}, args...)
		}
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return o, errors.New("missing mode")
	}
	o.in.Mode = args[0]
	if o.in.Mode != "full" && o.in.Mode != "incremental" {
		return o, fmt.Errorf("mode %q: want full or incremental", o.in.Mode)
	}
	if err := fs.Parse(args[1:]); err != nil {
		return o, err
	}
	// A plan never writes, whatever the flags say.
	o.in.DryRun = o.in.DryRun || o.plan
	if o.objects != "" {
		for _, name := range strings.Split(o.objects, ",") {
			o.in.Objects = append(o.in.Objects, strings.TrimSpace(name))
		}
	}
	return o, nil
}

// follow renders progress until the run ends and returns its result.
func follow(ctx context.Context, c client.Client, run client.WorkflowRun, out io.Writer) (*workflows.SyncResult, error) {
	done := make(chan struct{})
	var res workflows.SyncResult
	var runErr error
	go func() {
		runErr = run.Get(ctx, &res)
		close(done)
	}()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			if runErr == nil {
				fmt.Fprintf(out, "\r%s\n", progressLine(&res, 30))
			}
			return &res, runErr
		case <-tick.C:
			q, err := c.QueryWorkflow(ctx, run.GetID(), "", workflows.ProgressQuery)
			if err != nil {
				continue
			}
			var p workflows.SyncResult
			if q.Get(&p) == nil {
				fmt.Fprintf(out, "\r%s", progressLine(&p, 30))
			}
		}
	}
}

// encrypt sets the worker's data and failure converters when
// CRMSYNC_ENCRYPTION_KEY is set: the input is encrypted like the worker's
// payloads, and results and progress are decrypted.
func encrypt(o *client.Options) error {
	keys, err := codec.KeysFromEnv()
	if err != nil || len(keys) == 0 {
		return err
	}
	dc, err := codec.DataConverter(keys...)
	if err != nil {
		return err
	}
	o.DataConverter, o.FailureConverter = dc, codec.FailureConverter(dc)
	return nil
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
