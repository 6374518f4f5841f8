package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/temporal"
)

// SyncPage reads one page of an object from Salesforce, maps and matches
// it, writes what changed to Zendesk in bulk jobs and records the links.
// Records Zendesk or the mapping refuses come back as rejections; only a
// run-level problem is an error.
func (a *Activities) SyncPage(ctx context.Context, in PageInput) (*PageResult, error) {
	o := a.opts()
	obj := sobject(in.Object)
	if obj == "" {
		return nil, temporal.NewNonRetryableApplicationError(fmt.Sprintf("sync page: unknown object %q", in.Object), ErrTypeConfig, nil)
	}
	p, err := a.fetchPage(ctx, a.Mapping.SourceFields(obj), obj, a.Mapping.Filter(sobject(in.Object)),
		in.Since, in.After, o.PageSize, false)
	if err != nil {
		return nil, classify("fetch "+in.Object+" page", err, o.DailyLimitWait)
	}
	res := &PageResult{Next: p.next, Done: p.done}
	res.Counts.Fetched = len(p.records)
	switch in.Object {
	case Accounts:
		err = a.syncAccounts(ctx, in, p, res)
	case Contacts:
		err = a.syncContacts(ctx, in, p, res)
	}
	if err != nil {
		return nil, classify("sync "+in.Object+" page", err, o.DailyLimitWait)
	}
	res.Counts.Rejected = len(res.Rejected)
	return res, nil
}

func (r *PageResult) reject(object, id, reason string) {
	r.Rejected = append(r.Rejected, Rejection{Object: object, SalesforceID: id, Reason: reason})
}
