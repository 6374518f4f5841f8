package activities

import (
	"context"
	"fmt"
	"strings"
)

// BeginObject decides where an object's scan starts and counts the records
// its sync filter leaves out. A full scan of contacts also forgets the
// email index, which the scan rebuilds.
func (a *Activities) BeginObject(ctx context.Context, in BeginInput) (*BeginResult, error) {
	o := a.opts()
	res := &BeginResult{}
	if in.Mode == ModeIncremental {
		at, ok, err := a.Store.Checkpoint(ctx, in.Object)
		if err != nil {
			return nil, fmt.Errorf("read %s checkpoint: %w", in.Object, err)
		}
		if ok {
			since := at.Add(-o.Lookback)
			res.Since = &since
		}
	}
	if res.Since == nil && in.Object == Contacts {
		if err := a.Store.ClearEmailClaims(ctx, Contacts); err != nil {
			return nil, fmt.Errorf("clear contact email index: %w", err)
		}
	}
	since := ""
	if res.Since != nil {
		since = "SystemModstamp >= " + formatTime(*res.Since)
	}
	filter := a.Mapping.Filter(sobject(in.Object))
	total, err := a.count(ctx, in.Object, since, filter)
	if err != nil {
		return nil, classify("count "+in.Object, err, o.DailyLimitWait)
	}
	res.Total = total
	if filter != "" {
		all, err := a.count(ctx, in.Object, since)
		if err != nil {
			return nil, classify("count filtered "+in.Object, err, o.DailyLimitWait)
		}
		res.Filtered = all - total
	}
	return res, nil
}

// SaveCheckpoint records that an object synced everything changed before
// in.At.
func (a *Activities) SaveCheckpoint(ctx context.Context, in CheckpointInput) error {
	if err := a.Store.SetCheckpoint(ctx, in.Object, in.At); err != nil {
		return fmt.Errorf("save %s checkpoint: %w", in.Object, err)
	}
	return nil
}

// count runs SELECT COUNT() over an object with the given conditions.
func (a *Activities) count(ctx context.Context, object string, conditions ...string) (int, error) {
	var where []string
	for _, c := range conditions {
		if c != "" {
			where = append(where, "("+c+")")
		}
	}
	q := "SELECT COUNT() FROM " + sobject(object)
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	r, err := a.Salesforce.Query(ctx, q, nil)
	if err != nil {
		return 0, err
	}
	return r.TotalSize, nil
}
