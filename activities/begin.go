package activities

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
)

// BeginPair decides how a pair's run goes: whether it runs at all, its
// phases, where its Salesforce scan starts, and how many records the scan
// will read. A full scan of a pair with unique emails also forgets the
// email index, which the scan rebuilds; stale staging of earlier runs that
// never finished is dropped. A full run counts what it will read, for
// progress; an incremental one counts only for a filter's tally, and then
// reads nothing in Salesforce when the count finds nothing changed. A
// begin beside another pair goes ahead only for a pair whose first phase,
// the email index, can run meanwhile.
func (a *Activities) BeginPair(ctx context.Context, in BeginInput) (*BeginResult, error) {
	o := a.opts()
	d, m, err := a.pair(in.Pair)
	if err != nil {
		return nil, err
	}
	if in.Beside != "" {
		beside, _, err := a.pair(in.Beside)
		if err != nil {
			return nil, err
		}
		// The index rewrites the pair's claims, which a pair yielding
		// its emails to this one reads.
		if !d.UniqueEmail || beside.YieldsEmailTo == d.Name {
			return &BeginResult{Later: true}, nil
		}
	}
	if !in.Named && !m.On() {
		return &BeginResult{Skip: true}, nil
	}
	res := &BeginResult{}
	if d.UniqueEmail {
		res.Phases = append(res.Phases, PhaseIndex)
	}
	if m.ReadsZendesk() {
		res.Phases = append(res.Phases, PhaseZendesk)
	}
	res.Phases = append(res.Phases, PhaseSalesforce)
	if m.ReadsZendesk() {
		res.Phases = append(res.Phases, PhaseRest)
	}
	if m.DeletePolicy() != mapping.DeletesIgnore {
		res.Phases = append(res.Phases, PhaseDeletes)
	}
	if err := a.Store.ClearStagedExcept(ctx, in.Pair, in.Run); err != nil {
		return nil, err
	}
	if in.Mode == ModeIncremental {
		at, ok, err := a.Store.Checkpoint(ctx, in.Pair)
		if err != nil {
			return nil, err
		}
		if ok {
			since := at.Add(-o.Lookback)
			res.Since = &since
		}
	}
	if res.Since == nil && d.UniqueEmail {
		if err := a.Store.ClearEmailClaims(ctx, in.Pair); err != nil {
			return nil, err
		}
	}
	if res.Since == nil {
		if err := a.Store.ClearRefusals(ctx, in.Pair); err != nil {
			return nil, err
		}
	}
	if res.Since != nil && m.Filter == "" {
		// An incremental run's first page finds out what changed in one
		// call, as a count would; a count beside it would be a second
		// call whenever the look-back re-reads the last run's changes.
		return res, nil
	}
	since := ""
	if res.Since != nil {
		since = "SystemModstamp >= " + formatTime(*res.Since)
	}
	// An incremental run counts deleted rows too where a phase reads them,
	// so that a count of nothing means no phase has anything to read.
	deleted := res.Since != nil && (d.UniqueEmail || m.CarriesDeletes(record.Salesforce))
	total, err := a.count(ctx, d.Salesforce, deleted, since, scanFilter(d, m))
	if err != nil {
		return nil, classify("count "+in.Pair, err, o.DailyLimitWait)
	}
	res.Total = total
	if m.Filter != "" {
		all, err := a.count(ctx, d.Salesforce, deleted, since)
		if err != nil {
			return nil, classify("count filtered "+in.Pair, err, o.DailyLimitWait)
		}
		res.Filtered = all - total
	}
	if res.Since != nil && total == 0 && (!d.UniqueEmail || readsAhead(d, m)) {
		// Nothing changed in Salesforce: the counts, made for the
		// filter's tally, found that out, and no scan is needed.
		res.Phases = slices.DeleteFunc(res.Phases, func(p string) bool { return p == PhaseIndex || p == PhaseSalesforce })
	}
	return res, nil
}

// SaveCheckpoint records that a pair synced everything changed before
// in.At on Salesforce and up to each phase's last position, and drops the
// run's staging.
func (a *Activities) SaveCheckpoint(ctx context.Context, in CheckpointInput) error {
	if err := a.Store.SetCheckpoint(ctx, in.Pair, in.At); err != nil {
		return err
	}
	for _, p := range in.Positions {
		if p.Phase != PhaseZendesk {
			continue
		}
		if _, err := decodeExportToken(p.Token); err != nil {
			return err
		}
		if err := a.Store.SetCursor(ctx, exportCursorName(in.Pair), p.Token); err != nil {
			return err
		}
	}
	return a.Store.ClearStaged(ctx, in.Run, in.Pair)
}

// count runs SELECT COUNT() over an object with the given conditions,
// deleted rows included when asked (queryAll).
func (a *Activities) count(ctx context.Context, object string, deleted bool, conditions ...string) (int, error) {
	var where []string
	for _, c := range conditions {
		if c != "" {
			where = append(where, "("+c+")")
		}
	}
	q := "SELECT COUNT() FROM " + object
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	r, err := a.Salesforce.Query(ctx, q, &salesforce.QueryOptions{All: deleted})
	if err != nil {
		return 0, err
	}
	return r.TotalSize, nil
}

func exportCursorName(pair string) string { return "zendesk-export:" + pair }

// staging kinds.
const (
	stagedChange = "zd"   // a linked record's Zendesk change, keyed by Salesforce id
	stagedPage   = "page" // a page to resolve
	stagedPlan   = "plan" // a resolved page's writes
	// where a page the index read for the Salesforce phase ends
	stagedHead = "head"
	// a deletion to carry once reading is done, keyed by Salesforce id
	stagedDeletion = "del"
)

// pageKey names the page a phase reads from a position: the same page,
// retried, stages under the same key.
func pageKey(phase, token string) string {
	sum := sha256.Sum256([]byte(token))
	return fmt.Sprintf("%s-%x", phase, sum[:8])
}
