package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/crmsync/crmsync/activities"
)

// stepsPerRun bounds the steps one workflow run executes before it
// continues as new, well below the server's history warnings even when the
// server never suggests it.
const stepsPerRun = 400

// retryPolicy retries everything but the errors that need a person: a
// rate-limit pause comes back with the server's own delay and, with no
// attempt cap, never exhausts the budget of real failures.
var retryPolicy = &temporal.RetryPolicy{
	InitialInterval:        time.Second,
	BackoffCoefficient:     2,
	MaximumInterval:        2 * time.Minute,
	MaximumAttempts:        0,
	NonRetryableErrorTypes: activities.NonRetryable,
}

// pageOptions are a page step's; summary is the line the UI shows for it.
func pageOptions(ctx workflow.Context, summary string) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 15 * time.Minute,
		HeartbeatTimeout:    time.Minute,
		RetryPolicy:         retryPolicy,
		Summary:             summary,
	})
}

func shortOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 2 * time.Minute,
		RetryPolicy:         retryPolicy,
	})
}
