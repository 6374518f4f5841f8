// Command starter starts a crmsync Sync workflow and follows it:
//
//	go run ./starter full|incremental [-objects accounts,contacts] [-dry-run] [-wait=false]
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

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/crmsync/crmsync/codec"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/workflows"
)

// workflowID is fixed so that a second start while a sync runs follows the
// running one instead of racing it.
const workflowID = "crmsync-sync"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "conflicts" {
		return conflicts(context.Background(), args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "schedule" {
		return schedule(context.Background(), args[1:], stdout, stderr)
	}
	in, wait, err := parseArgs(args)
	if err != nil {
		fmt.Fprintln(stderr, "starter:", err)
		fmt.Fprintln(stderr, "usage: starter full|incremental [-objects accounts,contacts] [-dry-run] [-wait=false]")
		fmt.Fprintln(stderr, "       starter conflicts [-workflow-id ID] [-object O]")
		fmt.Fprintln(stderr, "       starter schedule -every 5m [-objects accounts,contacts] [-dry-run] | -pause [-note why] | -resume | -delete | -list | -trigger")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := client.Options{HostPort: env("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
		Namespace: env("TEMPORAL_NAMESPACE", "default"), Logger: quietLogger{}}
	if err := encrypt(&opts); err != nil {
		fmt.Fprintln(stderr, "starter:", err)
		return 2
	}
	c, err := client.Dial(opts)
	if err != nil {
		fmt.Fprintln(stderr, "starter: connect to Temporal:", err)
		return 1
	}
	defer c.Close()
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       workflowID,
		TaskQueue:                env("CRMSYNC_TASK_QUEUE", workflows.TaskQueue),
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}, workflows.Sync, in)
	if err != nil {
		fmt.Fprintln(stderr, "starter: start sync:", err)
		return 1
	}
	fmt.Fprintf(stdout, "sync %s started: workflow %s run %s\n", in.Mode, run.GetID(), run.GetRunID())
	if !wait {
		return 0
	}
	res, err := follow(ctx, c, run, stdout)
	if err != nil {
		fmt.Fprintln(stdout)
		fmt.Fprintln(stderr, "starter: sync failed:", err)
		return 1
	}
	printSummary(stdout, res)
	return 0
}

func parseArgs(args []string) (workflows.SyncInput, bool, error) {
	var in workflows.SyncInput
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return in, false, errors.New("missing mode")
	}
	in.Mode = args[0]
	if in.Mode != "full" && in.Mode != "incremental" {
		return in, false, fmt.Errorf("mode %q: want full or incremental", in.Mode)
	}
	fs := flag.NewFlagSet("starter", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	objects := fs.String("objects", "", "comma-separated pairs: "+strings.Join(pairs.Names(), ",")+" (default every enabled pair)")
	fs.BoolVar(&in.DryRun, "dry-run", false, "map and match but write nothing")
	wait := fs.Bool("wait", true, "follow the run to the end")
	if err := fs.Parse(args[1:]); err != nil {
		return in, false, err
	}
	if *objects != "" {
		for _, o := range strings.Split(*objects, ",") {
			in.Objects = append(in.Objects, strings.TrimSpace(o))
		}
	}
	return in, *wait, nil
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
