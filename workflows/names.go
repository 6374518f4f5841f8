package workflows

import (
	"errors"
	"strings"

	"github.com/crmsync/crmsync/store"
)

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

// ValidateTaskQueue refuses a task queue name that the one-at-a-time
// check could not find itself on: Temporal takes any name, but its
// visibility queries match none holding a double quote or a backslash
// (tried on the dev server), so two syncs could run at once unseen. A
// single quote is escaped in the query and works.
func ValidateTaskQueue(name string) error {
	if strings.ContainsAny(name, `"\`) {
		return errors.New(`task queue: a name with '"' or '\' is not found by visibility queries; use letters, digits, '-', '_' or '.'`)
	}
	return nil
}
