package workflows

import (
	"go.temporal.io/sdk/worker"

	"github.com/crmsync/crmsync/activities"
)

// Register puts the workflows and activities on a worker; the worker
// command and the end-to-end tests share it so they run the same thing.
func Register(r worker.Registry, a *activities.Activities) {
	r.RegisterWorkflow(Sync)
	r.RegisterActivity(a)
}
