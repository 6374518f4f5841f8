package main

import (
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
)

// The starter meets the worker of the instance CRMSYNC_INSTANCE names
// (default "default") by that instance's names: its task queue (unless
// CRMSYNC_TASK_QUEUE says otherwise), workflow id, schedule id and store
// partition. Read on each use: tests change the environment.

func instance() string { return env("CRMSYNC_INSTANCE", store.DefaultInstance) }

func taskQueue() string { return env("CRMSYNC_TASK_QUEUE", workflows.TaskQueueFor(instance())) }

// workflowID is the starter's own; a sync started elsewhere may have any
// id. It is also the base of scheduled runs' ids, to which Temporal
// appends the scheduled time.
func workflowID() string { return workflows.WorkflowIDFor(instance()) }

// scheduleID is fixed per instance so that running `starter schedule
// -every` again updates the one schedule instead of adding another.
func scheduleID() string { return workflows.ScheduleIDFor(instance()) }
