package activities

import (
	"context"
	"encoding/json"
	"fmt"

	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/store"
)

// Fetch reads one page of a phase from its side and stages it: the
// email index records claims, the Zendesk phase stages the changes of
// linked records, the Salesforce phase stages its page for resolve, the
// rest phase gathers staged Zendesk changes nothing resolved yet. A rate
// limit comes back as a Pause.
func (a *Activities) Fetch(ctx context.Context, in StepInput) (*FetchResult, error) {
	o := a.opts()
	var (
		res *FetchResult
		err error
	)
	switch in.Phase {
	case PhaseIndex:
		res, err = a.fetchIndex(ctx, in)
	case PhaseZendesk:
		res, err = a.fetchZendesk(ctx, in)
	case PhaseSalesforce:
		res, err = a.fetchSalesforce(ctx, in)
	case PhaseRest:
		res, err = a.fetchRest(ctx, in)
	case PhaseDeletes:
		res, err = a.fetchDeletes(ctx, in)
	default:
		return nil, temporal.NewNonRetryableApplicationError(fmt.Sprintf("fetch: unknown phase %q", in.Phase), ErrTypeConfig, nil)
	}
	if pause := a.pauseFor(err); pause != nil {
		return &FetchResult{Next: in.Token, Pause: pause}, nil
	}
	if err != nil {
		return nil, classify("fetch "+in.Pair+" "+in.Phase+" page", err, o.DailyLimitWait)
	}
	return res, nil
}

// page is what a resolve step works on: Salesforce records read this run,
// the Salesforce ids of staged Zendesk changes (the rest phase), or
// deletions to carry (the deletes phase).
type page struct {
	Salesforce []record.Record `json:"salesforce,omitempty"`
	IDs        []string        `json:"ids,omitempty"`
	Deletions  []deletion      `json:"deletions,omitempty"`
}

func (p *page) ids() []string {
	if len(p.IDs) > 0 {
		return p.IDs
	}
	out := make([]string, len(p.Salesforce))
	for i, r := range p.Salesforce {
		out[i] = r.ID
	}
	return out
}

// fetchRest gathers the next staged Zendesk changes, in Salesforce id
// order, into a page.
func (a *Activities) fetchRest(ctx context.Context, in StepInput) (*FetchResult, error) {
	o := a.opts()
	items, err := a.Store.StagedAfter(ctx, in.Run, in.Pair, stagedChange, in.Token, o.PageSize)
	if err != nil {
		return nil, err
	}
	res := &FetchResult{Next: in.Token, Done: len(items) < o.PageSize}
	if len(items) == 0 {
		return res, nil
	}
	p := page{}
	for _, it := range items {
		p.IDs = append(p.IDs, it.Key)
	}
	res.Next = p.IDs[len(p.IDs)-1]
	res.Page = pageKey(in.Phase, in.Token)
	if err := a.stage(ctx, in, stagedPage, res.Page, p); err != nil {
		return nil, err
	}
	return res, nil
}

// stage puts one value of a run and pair in the store.
func (a *Activities) stage(ctx context.Context, in StepInput, kind, key string, v any) error {
	_, err := a.stageData(ctx, in, kind, key, v)
	return err
}

// stageData stages a value and returns it as stored.
func (a *Activities) stageData(ctx context.Context, in StepInput, kind, key string, v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("stage %s %s: %w", kind, key, err)
	}
	return data, a.Store.PutStaged(ctx, in.Run, in.Pair, kind, []store.Staged{{Key: key, Data: data}})
}

// staged reads one staged value back.
func (a *Activities) staged(ctx context.Context, in StepInput, kind, key string, v any) error {
	data, err := a.stagedData(ctx, in, kind, key)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("read staged %s %s: %w", kind, key, err)
	}
	return nil
}

// stagedData is one staged value as stored.
func (a *Activities) stagedData(ctx context.Context, in StepInput, kind, key string) ([]byte, error) {
	got, err := a.Store.Staged(ctx, in.Run, in.Pair, kind, []string{key})
	if err != nil {
		return nil, err
	}
	data, ok := got[key]
	if !ok {
		return nil, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("%s %s of pair %s is not staged: its run's staging was cleared", kind, key, in.Pair), ErrTypeConfig, nil)
	}
	return data, nil
}
