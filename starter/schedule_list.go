package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/crmsync/crmsync/workflows"
)

// listSchedule prints the schedule as `starter schedule -list` shows it:
// what it runs, whether it is paused, when it runs next and how its
// recent runs ended.
func listSchedule(ctx context.Context, c client.Client, dc converter.DataConverter, out io.Writer) error {
	d, err := c.ScheduleClient().GetHandle(ctx, scheduleID()).Describe(ctx)
	if err != nil {
		return fmt.Errorf("describe: %w", err)
	}
	fmt.Fprintf(out, "schedule %s\n", scheduleID())
	if d.Schedule.Spec != nil {
		for _, iv := range d.Schedule.Spec.Intervals {
			fmt.Fprintf(out, "  every:       %s\n", iv.Every)
		}
	}
	if a, ok := d.Schedule.Action.(*client.ScheduleWorkflowAction); ok {
		in, err := scheduledInput(dc, a)
		if err != nil {
			return err
		}
		objects := "every enabled pair"
		if len(in.Objects) > 0 {
			objects = strings.Join(in.Objects, ",")
		}
		fmt.Fprintf(out, "  objects:     %s\n", objects)
		mode := in.Mode
		if in.DryRun {
			mode += ", dry run"
		}
		fmt.Fprintf(out, "  mode:        %s\n", mode)
		fmt.Fprintf(out, "  workflow:    %s-<time> on task queue %s\n", a.ID, a.TaskQueue)
	}
	state := "active"
	if d.Schedule.State != nil && d.Schedule.State.Paused {
		state = "paused"
	}
	if d.Schedule.State != nil && d.Schedule.State.Note != "" {
		state += fmt.Sprintf(" (note: %s)", d.Schedule.State.Note)
	}
	fmt.Fprintf(out, "  state:       %s\n", state)
	next := "  next runs:   "
	if strings.HasPrefix(state, "paused") {
		// The server still computes the times; none of them starts a run.
		next = "  once resumed: "
	}
	fmt.Fprintf(out, "%s%s\n", next, times(d.Info.NextActionTimes[:min(3, len(d.Info.NextActionTimes))]))
	fmt.Fprintf(out, "  recent runs: %d\n", len(d.Info.RecentActions))
	for _, r := range d.Info.RecentActions {
		if r.StartWorkflowResult == nil {
			continue
		}
		fmt.Fprintf(out, "    %s  %s  %s\n", r.ActualTime.Local().Format(time.DateTime),
			r.StartWorkflowResult.WorkflowID, runStatus(ctx, c, r.StartWorkflowResult.WorkflowID))
	}
	return nil
}

// scheduledInput decodes the input the schedule starts its runs with.
func scheduledInput(dc converter.DataConverter, a *client.ScheduleWorkflowAction) (workflows.SyncInput, error) {
	var in workflows.SyncInput
	if len(a.Args) == 0 {
		return in, nil
	}
	p, ok := a.Args[0].(*commonpb.Payload)
	if !ok {
		return in, fmt.Errorf("schedule input: unexpected %T", a.Args[0])
	}
	if err := dc.FromPayload(p, &in); err != nil {
		return in, fmt.Errorf("schedule input: %w", err)
	}
	return in, nil
}

// runStatus is how a scheduled run ended, or that it still runs; a run
// that continued as new is followed to its latest run.
func runStatus(ctx context.Context, c client.Client, workflowID string) string {
	d, err := c.DescribeWorkflowExecution(ctx, workflowID, "")
	if err != nil {
		return "unknown: " + err.Error()
	}
	s := d.GetWorkflowExecutionInfo().GetStatus().String()
	return strings.ToLower(strings.TrimPrefix(s, "WORKFLOW_EXECUTION_STATUS_"))
}

func times(ts []time.Time) string {
	if len(ts) == 0 {
		return "none"
	}
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.Local().Format(time.DateTime)
	}
	return strings.Join(s, ", ")
}
