package activities

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// planHandoff keeps the plans this worker staged last, decoded in the
// background as soon as they are staged: the upsert that follows, which
// usually runs here, then takes its plan without decoding it, and the
// decoding is done while the workflow schedules that upsert. A plan is
// used only when the store holds the very bytes it was decoded from, so
// a plan staged again elsewhere, or a retry after a crash, reads the store
// as without the handoff.
type planHandoff struct {
	mu    sync.Mutex
	plans map[string]*handedPlan
	order []string
}

type handedPlan struct {
	data []byte
	done chan struct{}
	plan plan
	err  error
}

// handoffPlans bounds the plans kept: the one being upserted and the one
// fetched ahead of it, with room for a second pair's.
const handoffPlans = 4

func handoffKey(in StepInput) string { return in.Run + "\x00" + in.Pair + "\x00" + in.Page }

// offer keeps a staged plan, decoding it meanwhile.
func (h *planHandoff) offer(in StepInput, data []byte) {
	hp := &handedPlan{data: data, done: make(chan struct{})}
	go func() {
		defer close(hp.done)
		hp.err = json.Unmarshal(data, &hp.plan)
	}()
	k := handoffKey(in)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.plans == nil {
		h.plans = map[string]*handedPlan{}
	}
	if _, ok := h.plans[k]; !ok {
		h.order = append(h.order, k)
	}
	h.plans[k] = hp
	for len(h.order) > handoffPlans {
		delete(h.plans, h.order[0])
		h.order = h.order[1:]
	}
}

// take returns the kept plan decoded from data, if there is one; it is
// kept no longer either way.
func (h *planHandoff) take(ctx context.Context, in StepInput, data []byte) (*plan, bool) {
	k := handoffKey(in)
	h.mu.Lock()
	hp, ok := h.plans[k]
	delete(h.plans, k)
	for i, o := range h.order {
		if o == k {
			h.order = append(h.order[:i], h.order[i+1:]...)
			break
		}
	}
	h.mu.Unlock()
	if !ok || !bytes.Equal(hp.data, data) {
		return nil, false
	}
	select {
	case <-hp.done:
	case <-ctx.Done():
		return nil, false
	}
	if hp.err != nil {
		return nil, false
	}
	return &hp.plan, true
}

// stagePlan stages a resolved page's plan for its upsert.
func (a *Activities) stagePlan(ctx context.Context, in StepInput, p plan) error {
	data, err := a.stageData(ctx, in, stagedPlan, in.Page, p)
	if err != nil {
		return err
	}
	a.plans.offer(in, data)
	return nil
}

// stagedPlanOf reads the plan of the page an upsert carries out.
func (a *Activities) stagedPlanOf(ctx context.Context, in StepInput) (*plan, error) {
	data, err := a.stagedData(ctx, in, stagedPlan, in.Page)
	if err != nil {
		return nil, err
	}
	if p, ok := a.plans.take(ctx, in, data); ok {
		return p, nil
	}
	var p plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("read staged %s %s: %w", stagedPlan, in.Page, err)
	}
	return &p, nil
}
