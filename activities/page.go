package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/temporal"
)

// SyncPage reads one page of an object from Salesforce, maps and matches
// it, writes what changed to Zendesk in bulk jobs and records the links.
// Records Zendesk or the mapping refuses come back as rejections; only a
// run-level problem is an error. A rate limit comes back as a Pause.
func (a *Activities) SyncPage(ctx context.Context, in PageInput) (*PageResult, error) {
	o := a.opts()
	obj := sobject(in.Object)
	if obj == "" {
		return nil, temporal.NewNonRetryableApplicationError(fmt.Sprintf("sync page: unknown object %q", in.Object), ErrTypeConfig, nil)
	}
	tracker := a.newJobTracker(ctx, in.Jobs)
	res, err := a.syncPage(ctx, in, obj, tracker)
	if pause := a.pauseFor(err); pause != nil {
		return &PageResult{Next: in.After, Pause: pause, Jobs: tracker.progress.Jobs}, nil
	}
	if err != nil {
		return nil, classify("sync "+in.Object+" page", err, o.DailyLimitWait)
	}
	return res, nil
}

func (a *Activities) syncPage(ctx context.Context, in PageInput, obj string, tracker *jobTracker) (*PageResult, error) {
	o := a.opts()
	p, err := a.fetchPage(ctx, a.Mapping.SourceFields(obj), obj, a.Mapping.Filter(obj),
		in.Since, in.After, o.PageSize, false)
	if err != nil {
		return nil, fmt.Errorf("fetch %s page: %w", in.Object, err)
	}
	res := &PageResult{Next: p.next, Done: p.done}
	res.Counts.Fetched = len(p.records)
	switch in.Object {
	case Accounts:
		err = a.syncAccounts(ctx, in, p, tracker, res)
	case Contacts:
		err = a.syncContacts(ctx, in, p, tracker, res)
	}
	if err != nil {
		return nil, err
	}
	res.Counts.Rejected = len(res.Rejected)
	return res, nil
}

func (r *PageResult) reject(object, id, reason string) {
	r.Rejected = append(r.Rejected, Rejection{Object: object, SalesforceID: id, Reason: reason})
}
