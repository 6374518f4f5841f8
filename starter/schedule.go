package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/workflows"
)

const scheduleUsage = "usage: starter schedule -every 5m [-objects accounts,contacts] [-dry-run] | -pause [-note why] | -resume [-note why] | -delete | -list | -trigger"

// schedule manages the Temporal Schedule of incremental syncs.
func schedule(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a, err := parseScheduleArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, scheduleUsage)
		fs, _, _ := scheduleFlags(&scheduleArgs{})
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "starter schedule:", err)
		fmt.Fprintln(stderr, scheduleUsage)
		return 2
	}
	c, opts, code := dial("starter schedule", stderr)
	if c == nil {
		return code
	}
	defer c.Close()
	if err := runSchedule(ctx, c, opts, a, stdout); err != nil {
		if errors.As(err, new(*serviceerror.NotFound)) {
			err = fmt.Errorf("no schedule %s (create it with starter schedule -every 5m): %w", scheduleID(), err)
		}
		fmt.Fprintln(stderr, "starter schedule:", err)
		return 1
	}
	return 0
}

func runSchedule(ctx context.Context, c client.Client, opts client.Options, a scheduleArgs, out io.Writer) error {
	h := c.ScheduleClient().GetHandle(ctx, scheduleID())
	switch a.op {
	case "set":
		created, err := setSchedule(ctx, c, a)
		if err != nil {
			return err
		}
		verb := "updated"
		if created {
			verb = "created"
		}
		fmt.Fprintf(out, "schedule %s %s: every %s\n", scheduleID(), verb, a.every)
		return nil
	case "pause":
		if err := h.Pause(ctx, client.SchedulePauseOptions{Note: a.note}); err != nil {
			return fmt.Errorf("pause: %w", err)
		}
		fmt.Fprintf(out, "schedule %s paused\n", scheduleID())
		return nil
	case "resume":
		if err := h.Unpause(ctx, client.ScheduleUnpauseOptions{Note: a.note}); err != nil {
			return fmt.Errorf("resume: %w", err)
		}
		fmt.Fprintf(out, "schedule %s resumed\n", scheduleID())
		return nil
	case "delete":
		if err := h.Delete(ctx); err != nil {
			return fmt.Errorf("delete: %w", err)
		}
		fmt.Fprintf(out, "schedule %s deleted\n", scheduleID())
		return nil
	case "trigger":
		if err := h.Trigger(ctx, client.ScheduleTriggerOptions{}); err != nil {
			return fmt.Errorf("trigger: %w", err)
		}
		fmt.Fprintf(out, "schedule %s triggered: the run is %s-<time>, see starter schedule -list\n", scheduleID(), workflowID())
		return nil
	default: // list
		return listSchedule(ctx, c, dataConverter(opts), out)
	}
}

// setSchedule creates the schedule, or replaces the spec, action and
// overlap policy of the existing one, keeping its paused state and note.
func setSchedule(ctx context.Context, c client.Client, a scheduleArgs) (created bool, err error) {
	spec := client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: a.every}}}
	action := &client.ScheduleWorkflowAction{
		ID:        workflowID(),
		Workflow:  workflows.Sync,
		Args:      []any{a.input},
		TaskQueue: taskQueue(),
	}
	_, err = c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID: scheduleID(), Spec: spec, Action: action, Overlap: enums.SCHEDULE_OVERLAP_POLICY_SKIP,
	})
	if err == nil {
		return true, nil
	}
	if !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return false, fmt.Errorf("create: %w", err)
	}
	err = c.ScheduleClient().GetHandle(ctx, scheduleID()).Update(ctx, client.ScheduleUpdateOptions{
		DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
			s := in.Description.Schedule
			s.Spec, s.Action = &spec, action
			if s.Policy == nil {
				s.Policy = &client.SchedulePolicies{}
			}
			s.Policy.Overlap = enums.SCHEDULE_OVERLAP_POLICY_SKIP
			return &client.ScheduleUpdate{Schedule: &s}, nil
		},
	})
	if err != nil {
		return false, fmt.Errorf("update: %w", err)
	}
	return false, nil
}
