package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/crmsync/crmsync/workflows"
)

// statusCmd draws a sync's progress, pair by pair, from its progress
// query: `starter status [-once] [workflow-id]`. Without an id it shows
// the instance's running sync, whoever started it.
func statusCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("starter status", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	once := fs.Bool("once", false, "print the progress once and exit")
	every := fs.Duration("every", 2*time.Second, "how often to redraw")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "usage: starter status [flags] [workflow-id]   a sync's progress per pair, live")
		printFlags(stdout, fs)
		return 0
	} else if err != nil || fs.NArg() > 1 {
		fmt.Fprintln(stderr, "starter status: want at most one workflow id:", err)
		printFlags(stderr, fs)
		return 2
	}
	c, _, code := dial("starter status", stderr)
	if c == nil {
		return code
	}
	defer c.Close()
	id := fs.Arg(0)
	if id == "" {
		running, err := findRunning(ctx, c, taskQueue())
		if err != nil {
			fmt.Fprintln(stderr, "starter status:", err)
			return 1
		}
		if running == nil {
			fmt.Fprintf(stdout, "no sync is running on task queue %s\n", taskQueue())
			return 0
		}
		id = running.ID
	}
	for {
		p, err := progressOf(ctx, c, id, "")
		if err != nil {
			fmt.Fprintln(stderr, "starter status:", err)
			return 1
		}
		fmt.Fprint(stdout, drawStatus(id, p))
		if *once || p.Current == "" {
			return 0
		}
		select {
		case <-ctx.Done():
			return 0
		case <-time.After(*every):
		}
	}
}

// progressOf asks a sync's run (its latest when runID is empty) how far
// it is, waiting queryWait at most: with no worker, nobody answers.
func progressOf(ctx context.Context, c client.Client, id, runID string) (*workflows.SyncResult, error) {
	qctx, cancel := context.WithTimeout(ctx, queryWait)
	defer cancel()
	q, err := c.QueryWorkflow(qctx, id, runID, workflows.ProgressQuery)
	if err != nil {
		return nil, fmt.Errorf("ask %s for its progress (is a worker running?): %w", id, err)
	}
	var p workflows.SyncResult
	if err := q.Get(&p); err != nil {
		return nil, fmt.Errorf("read the progress of %s: %w", id, err)
	}
	return &p, nil
}

// drawStatus is one frame: a line per pair with its bar, counts, rate and
// time left, then any pause.
func drawStatus(id string, p *workflows.SyncResult) string {
	var b strings.Builder
	kind := p.Mode
	if p.DryRun {
		kind += ", dry run"
	}
	fmt.Fprintf(&b, "sync %s (%s) started %s\n", id, kind, p.StartedAt.Local().Format("15:04:05"))
	for _, o := range p.Objects {
		state := "waiting"
		switch {
		case o.Skipped:
			state = "disabled"
		case o.Done:
			state = "done"
		case o.StartedAt != nil:
			state = "running"
		}
		done := min(o.Counts.Fetched, o.Total)
		filled := 0
		if o.Total > 0 {
			filled = done * 20 / o.Total
		}
		fmt.Fprintf(&b, "  %-9s [%s%s] %7d/%-7d %-8s", o.Object, strings.Repeat("#", filled), strings.Repeat(".", 20-filled), done, o.Total, state)
		if o.Rate > 0 {
			fmt.Fprintf(&b, " %.1f/s", o.Rate)
		}
		if o.ETASeconds > 0 {
			fmt.Fprintf(&b, " about %s left", time.Duration(o.ETASeconds)*time.Second)
		}
		c := o.Counts
		fmt.Fprintf(&b, "  zd +%d ~%d  sf +%d ~%d  %d rejected\n", c.Zendesk.Created, c.Zendesk.Updated, c.Salesforce.Created, c.Salesforce.Updated, c.Rejected)
	}
	if p.Paused != nil {
		fmt.Fprintf(&b, "  paused: %s until %s (%s)\n", p.Paused.Service, p.Paused.Until.Local().Format("15:04:05"), p.Paused.Reason)
	}
	if p.Current == "" {
		b.WriteString("  finished\n")
	}
	return b.String()
}
