package activities

import (
	"context"
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/zendesk"
)

// runAgents is every Zendesk agent and admin by email, read once per run
// by listing them (a call per 100). Pages of tickets and case comments
// name owners and authors over and over: a search per email and page cost
// more calls than the page's writes. An agent added meanwhile is seen by
// the next run.
type runAgents struct {
	byEmail map[string]int64
}

// agent returns the agent with email (0 for none), reading the run's
// agents first when this worker has not yet.
func (a *Activities) agent(ctx context.Context, run, email string) (int64, error) {
	var id int64
	err := a.agents.with(run, a.now(), func() runAgents { return runAgents{} }, func(r *runAgents) error {
		if r.byEmail == nil {
			byEmail, err := a.listAgents(ctx)
			if err != nil {
				return err
			}
			r.byEmail = byEmail
		}
		id = r.byEmail[strings.ToLower(email)]
		return nil
	})
	return id, err
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
