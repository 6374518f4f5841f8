package activities

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/crmsync/crmsync/zendesk"
)

// agentIndex is, per worker and sync run, every Zendesk agent and admin
// by email, read once per run by listing them (a call per 100). Pages of
// tickets and case comments name owners and authors over and over: a
// search per email and page cost more calls than the page's writes. An
// agent added meanwhile is seen by the next run.
type agentIndex struct {
	mu   sync.Mutex
	runs map[string]*runAgents
}

type runAgents struct {
	byEmail map[string]int64
	used    time.Time
}

// agentKeep bounds how long a run's index outlives its last use: runs
// end, and the worker must not grow with them.
const agentKeep = time.Hour

// agent returns the agent with email (0 for none), reading the run's
// index first when this worker has none yet.
func (a *Activities) agent(ctx context.Context, run, email string) (int64, error) {
	x := &a.agents
	x.mu.Lock()
	defer x.mu.Unlock()
	now := a.now()
	r, ok := x.runs[run]
	if !ok {
		byEmail, err := a.listAgents(ctx)
		if err != nil {
			return 0, err
		}
		if x.runs == nil {
			x.runs = map[string]*runAgents{}
		}
		for k, old := range x.runs {
			if now.Sub(old.used) > agentKeep {
				delete(x.runs, k)
			}
		}
		r = &runAgents{byEmail: byEmail}
		x.runs[run] = r
	}
	r.used = now
	return r.byEmail[strings.ToLower(email)], nil
}

// listAgents reads every active agent and admin.
func (a *Activities) listAgents(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, role := range []string{zendesk.RoleAgent, zendesk.RoleAdmin} {
		for u, err := range a.Zendesk.AllUsers(ctx, &zendesk.ListOptions{Role: role}) {
			if err != nil {
				return nil, fmt.Errorf("list the Zendesk %ss: %w", role, err)
			}
			e := strings.ToLower(u.Email)
			if prev, ok := out[e]; e != "" && (!ok || u.ID < prev) {
				out[e] = u.ID
			}
		}
	}
	return out, nil
}
