package telemetry

import (
	"context"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/interceptor"

	"github.com/crmsync/crmsync/activities"
)

// Interceptor times every page step the worker runs and reads its result
// into the metrics and a log line. The line goes through the SDK's
// activity logger, which tags it with the workflow id and run id (and the
// activity's type, id and attempt), and carries counts only: never a
// record, an email or a rejection reason.
func (m *Metrics) Interceptor() interceptor.WorkerInterceptor {
	return &workerInterceptor{m: m}
}

type workerInterceptor struct {
	interceptor.WorkerInterceptorBase
	m *Metrics
}

func (w *workerInterceptor) InterceptActivity(ctx context.Context, next interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	return &activityInbound{ActivityInboundInterceptorBase: interceptor.ActivityInboundInterceptorBase{Next: next}, m: w.m}
}

type activityInbound struct {
	interceptor.ActivityInboundInterceptorBase
	m *Metrics
}

func (a *activityInbound) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	step, ok := stepsByActivity[activity.GetInfo(ctx).ActivityType.Name]
	var si activities.StepInput
	if ok && len(in.Args) == 1 {
		si, ok = in.Args[0].(activities.StepInput)
	}
	if !ok {
		return a.Next.ExecuteActivity(ctx, in)
	}
	start := time.Now()
	result, err := a.Next.ExecuteActivity(ctx, in)
	took := time.Since(start)
	logger := activity.GetLogger(ctx)
	if err != nil {
		// The SDK logs the error itself; only the time is ours.
		a.m.steps.WithLabelValues(si.Pair, step).Observe(took.Seconds())
		return result, err
	}
	o := outcomeOf(result)
	now := time.Now()
	a.m.observe(step, si, o, took, now)
	if o.pause != nil {
		logger.Info("page step paused by a rate limit", "pair", si.Pair, "phase", si.Phase, "step", step,
			"service", o.pause.Service, "until", o.pause.Until.UTC(), "reason", o.pause.Reason)
		return result, err
	}
	c := o.counts
	logger.Debug("page step done", "pair", si.Pair, "phase", si.Phase, "step", step, "seconds", took.Seconds(),
		"read", c.Fetched+c.Exported, "rejected", c.Rejected, "conflicts", c.Conflicts,
		"zendesk_created", c.Zendesk.Created, "zendesk_adopted", c.Zendesk.Adopted, "zendesk_updated", c.Zendesk.Updated, "zendesk_deleted", c.Zendesk.Deleted,
		"salesforce_created", c.Salesforce.Created, "salesforce_updated", c.Salesforce.Updated,
		"salesforce_deleted", c.Salesforce.Deleted, "dry_run", si.DryRun)
	return result, err
}
