package workflows

import (
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/store"
)

// Register puts the workflows and activities on a worker; the worker
// command and the end-to-end tests share it so they run the same thing.
// The workflow is told the worker's instance, for its search attributes.
func Register(r worker.Registry, a *activities.Activities) {
	instance := store.DefaultInstance
	if a.Store != nil {
		instance = a.Store.Instance()
	}
	r.RegisterWorkflowWithOptions(func(ctx workflow.Context, in SyncInput) (*SyncResult, error) {
		return syncOf(ctx, in, instance)
	}, workflow.RegisterOptions{Name: "Sync"})
	r.RegisterActivity(a)
}
