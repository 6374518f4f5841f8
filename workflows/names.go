package workflows

import "github.com/crmsync/crmsync/store"

// The names an instance's worker and starter meet by. The default instance
// keeps the names it had before instances existed, so a deployment of one
// changes nothing; another instance appends its name. Instance names hold
// no upper-case letters or ':', so "crmsync-sync-<instance>" never equals a
// scheduled run's id, which appends an RFC 3339 time ("…T12:05:00Z").

// TaskQueueFor is the default task queue of instance.
func TaskQueueFor(instance string) string { return nameFor(TaskQueue, instance) }

// WorkflowIDFor is the workflow id the starter runs instance's syncs under.
func WorkflowIDFor(instance string) string { return nameFor("crmsync-sync", instance) }

// ScheduleIDFor is the id of instance's Temporal Schedule.
func ScheduleIDFor(instance string) string { return nameFor("crmsync-schedule", instance) }

func nameFor(base, instance string) string {
	if instance == store.DefaultInstance || instance == "" {
		return base
	}
	return base + "-" + instance
}
