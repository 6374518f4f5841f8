package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"path/filepath"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/workflows"
)

const chaosWorkflowID = "crmsync-chaos"

// prove runs the whole proof within o.Timeout and always stops every
// child it started before returning.
func prove(parent context.Context, o options, out io.Writer) (*figures, error) {
	begin := time.Now()
	ctx, cancel := context.WithTimeout(parent, o.Timeout)
	defer cancel()
	giveUp := func(what string, err error) error {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("gave up after %s while %s; logs in .crmsync/chaos/logs", o.Timeout, what)
		}
		if parent.Err() != nil {
			return fmt.Errorf("interrupted while %s", what)
		}
		return fmt.Errorf("%s: %w", what, err)
	}

	c, err := newCluster(o)
	if err != nil {
		return nil, err
	}
	defer c.down()
	if o.Build {
		logf(out, begin, "building binaries")
	}
	if err := binaries(ctx, c.root, filepath.Join(c.dir, "bin"), o.Build); err != nil {
		return nil, giveUp("building", err)
	}
	logf(out, begin, "starting dev server on %s and sandbox (%d contacts, %d accounts, fault rate %g, Zendesk %d rpm); logs in %s/logs",
		c.hostPort, o.Contacts, o.Accounts, o.FaultRate, o.ZendeskRPM, c.dir)
	if err := c.up(ctx); err != nil {
		return nil, giveUp("starting the dev server and the sandbox", err)
	}
	if err := c.worker.start(); err != nil {
		return nil, err
	}
	tc, err := client.Dial(client.Options{HostPort: c.hostPort, Logger: quietLogger{}})
	if err != nil {
		return nil, giveUp("connecting to the dev server", err)
	}
	defer tc.Close()
	run, err := tc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: chaosWorkflowID, TaskQueue: c.taskQueue},
		workflows.Sync, workflows.SyncInput{Mode: "full"})
	if err != nil {
		return nil, giveUp("starting the sync", err)
	}
	syncStart := time.Now()
	logf(out, begin, "full sync started: workflow %s run %s", run.GetID(), run.GetRunID())

	plan := makePlan(rand.New(rand.NewSource(o.Seed)), o.Plan)
	admins := map[string]*sandboxAdmin{"zendesk": newSandboxAdmin("zendesk", c.zendesk), "salesforce": newSandboxAdmin("salesforce", c.salesforce)}
	d := &disruptor{c: c, admins: admins, server: o.ServerSignal, log: out,
		progress: func(ctx context.Context) string { return syncProgress(ctx, tc, run.GetID()) }}
	syncDone := make(chan struct{})
	var (
		result  *workflows.SyncResult
		syncErr error
	)
	go func() {
		result, syncErr = awaitSync(ctx, tc, run.GetID(), run.GetRunID())
		close(syncDone)
	}()
	if err := d.run(ctx, syncStart, plan, syncDone); err != nil {
		last := syncProgress(context.WithoutCancel(ctx), tc, run.GetID())
		return nil, giveUp("disrupting the sync (sync at "+last+")", err)
	}
	<-syncDone
	fig := &figures{done: d.done, syncTime: time.Since(syncStart)}
	if syncErr != nil {
		return nil, giveUp("waiting for the sync", syncErr)
	}
	logf(out, begin, "sync completed in %s; checking the end state", fig.syncTime.Round(time.Second))
	c.worker.stop(5 * time.Second)

	for _, a := range admins {
		s, err := a.stats(ctx)
		if err != nil {
			return nil, giveUp("reading sandbox stats", err)
		}
		fig.faultsInjected += s.Faults
		fig.rateLimited += s.RateLimited
		fig.requests += s.TotalRequests
		fig.userWrites += s.Writes["users"]
		if err := a.calm(ctx); err != nil {
			return nil, giveUp("turning faults off", err)
		}
	}
	contacts, err := readContacts(ctx, c.salesforce)
	if err != nil {
		return nil, giveUp("reading Salesforce", err)
	}
	users, orgs, err := readZendesk(ctx, c.zendesk)
	if err != nil {
		return nil, giveUp("reading Zendesk", err)
	}
	rejected, runs, err := rejectedInHistory(ctx, tc, run.GetID(), run.GetRunID())
	if err != nil {
		return nil, giveUp("reading the workflow history", err)
	}
	fig.runs = runs
	if result.RejectedTotal != len(rejected) {
		logf(out, begin, "the result counts %d rejected records, the history names %d", result.RejectedTotal, len(rejected))
	}
	fig.verdict = verify(contacts, observed{Users: users, Orgs: orgs, Rejected: rejected})
	tickets, cases, err := readTickets(ctx, c.zendesk, c.salesforce)
	if err != nil {
		return nil, giveUp("reading tickets and cases", err)
	}
	verifyTickets(tickets, cases, &fig.verdict)
	want, got, err := readComments(ctx, c.zendesk, c.salesforce, tickets)
	if err != nil {
		return nil, giveUp("reading comments", err)
	}
	verifyComments(want, got, &fig.verdict)
	for _, p := range fig.verdict.Problems {
		_, _ = fmt.Fprintln(out, "chaos: problem:", p)
	}
	if fig.verdict.RejectedOther > 0 {
		logf(out, begin, "rejected for other reasons than a bad or shared email: %s", fig.reasons())
	}
	if d.done.Kills < o.Plan.MinKills || d.done.ServerRestarts < o.Plan.ServerRestarts {
		fig.elapsed = time.Since(begin)
		return fig, fmt.Errorf("the sync ended after %d worker kills (at least %d wanted) and %d of %d server restarts: too early to prove anything; lower -max-gap or raise -contacts",
			d.done.Kills, o.Plan.MinKills, d.done.ServerRestarts, o.Plan.ServerRestarts)
	}
	fig.elapsed = time.Since(begin)
	return fig, nil
}

// awaitSync waits for the workflow, across continue-as-new runs, to end.
// Errors that are not the workflow's own (the server is down while it
// restarts) are waited out.
func awaitSync(ctx context.Context, tc client.Client, workflowID, runID string) (*workflows.SyncResult, error) {
	for {
		var res workflows.SyncResult
		err := tc.GetWorkflow(ctx, workflowID, runID).Get(ctx, &res)
		if err == nil {
			return &res, nil
		}
		var wee *temporal.WorkflowExecutionError
		if errors.As(err, &wee) {
			return nil, fmt.Errorf("sync failed: %w", err)
		}
		if err := sleepCtx(ctx, time.Second); err != nil {
			return nil, err
		}
	}
}

// syncProgress asks the workflow which object and phase it is in and how
// far it got; "?" when it cannot answer in time (no worker, no server).
func syncProgress(ctx context.Context, tc client.Client, workflowID string) string {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	v, err := tc.QueryWorkflow(ctx, workflowID, "", workflows.ProgressQuery)
	if err != nil {
		return "?"
	}
	var r workflows.SyncResult
	if err := v.Get(&r); err != nil {
		return "?"
	}
	at := r.Current
	for _, o := range r.Objects {
		at += fmt.Sprintf(" %s=%d/%d", o.Object, o.Counts.Fetched, o.Total)
	}
	return at
}

func logf(out io.Writer, begin time.Time, format string, args ...any) {
	_, _ = fmt.Fprintf(out, "chaos: [%s] "+format+"\n", append([]any{time.Since(begin).Round(time.Second)}, args...)...)
}

// quietLogger keeps the SDK's retry warnings, many while the server
// restarts, out of the report.
type quietLogger struct{}

func (quietLogger) Debug(string, ...any) {}
func (quietLogger) Info(string, ...any)  {}
func (quietLogger) Warn(string, ...any)  {}
func (quietLogger) Error(string, ...any) {}
