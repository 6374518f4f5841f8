package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/workflows"
)

// execution is one run of a Sync workflow.
type execution struct {
	ID, RunID string
	StartedAt time.Time
}

// findRunning returns a Sync open on the task queue, whichever client
// started it, or nil.
func findRunning(ctx context.Context, c client.Client, queue string) (*execution, error) {
	resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
		Query: activities.RunningSyncsQuery(queue), PageSize: 1,
	})
	if err != nil {
		return nil, fmt.Errorf("look for a running sync: %w", err)
	}
	for _, e := range resp.GetExecutions() {
		return &execution{ID: e.GetExecution().GetWorkflowId(), RunID: e.GetExecution().GetRunId(),
			StartedAt: e.GetStartTime().AsTime()}, nil
	}
	return nil, nil
}

// queryWait bounds the progress query: with no worker, nobody answers it.
const queryWait = 3 * time.Second

// status is what the starter tells of a running sync.
type status struct {
	run      *execution
	input    workflows.SyncInput
	progress *workflows.SyncResult
}

// describe reads the running sync's progress, or, when no worker answers,
// at least its input from the start of its history.
func describe(ctx context.Context, c client.Client, dc converter.DataConverter, run *execution) status {
	s := status{run: run}
	if p, err := progressOf(ctx, c, run.ID, run.RunID); err == nil {
		s.progress = p
		s.input.Mode, s.input.DryRun = p.Mode, p.DryRun
		return s
	}
	it := c.GetWorkflowHistory(ctx, run.ID, run.RunID, false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	if it.HasNext() {
		if ev, err := it.Next(); err == nil {
			if a := ev.GetWorkflowExecutionStartedEventAttributes(); a != nil {
				// The workflow itself rejects an input it cannot read;
				// here it only labels the report.
				_ = dc.FromPayloads(a.GetInput(), &s.input)
				s.run.StartedAt = ev.GetEventTime().AsTime()
			}
		}
	}
	return s
}

// kind is the mode and whether it is a dry run: "full, dry run".
func (s status) kind() string {
	mode := s.input.Mode
	if mode == "" {
		mode = activities.ModeIncremental
	}
	if s.input.DryRun {
		return mode + ", dry run"
	}
	return mode + ", not a dry run"
}

// String is the report a refused start prints.
func (s status) String() string {
	started := s.run.StartedAt
	if s.progress != nil {
		// A sync that continued as new started with its first run.
		started = s.progress.StartedAt
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  workflow %s run %s\n", s.run.ID, s.run.RunID)
	fmt.Fprintf(&b, "  mode %s, started %s\n", s.kind(), started.Local().Format("2006-01-02 15:04:05Z07:00"))
	if s.progress == nil {
		fmt.Fprintln(&b, "  progress: unknown (no worker answered the progress query)")
		return b.String()
	}
	fmt.Fprintln(&b, "  progress (records read/total):")
	current, _, _ := strings.Cut(s.progress.Current, ":")
	for _, o := range s.progress.Objects {
		state := "waiting"
		switch {
		case o.Done:
			state = "done"
		case o.Object == current:
			state = "running"
		}
		fmt.Fprintf(&b, "    %-10s %d/%d %s\n", o.Object, o.Counts.Fetched, o.Total, state)
	}
	return b.String()
}
