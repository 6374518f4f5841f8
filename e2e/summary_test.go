package e2e

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/workflowservice/v1"

	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// The UI shows each step's summary: which pair, phase and page, what it
// read, rejected and conflicted; a rate-limit pause says whose limit and
// until when.
func TestStepsAndPausesCarrySummaries(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 81, Accounts: 10, Contacts: 120, Tickets: 1})
	e.zdServer.Faults().Set(admin.FaultConfig{StormSeconds: 2})
	_, run, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"contacts"}})
	require.NoError(t, err)
	var summaries, timers []string
	e.walkHistory(run.GetID(), run.GetRunID(), func(ev *historypb.HistoryEvent) {
		p := ev.GetUserMetadata().GetSummary()
		if p == nil {
			return
		}
		var s string
		require.NoError(t, json.Unmarshal(p.GetData(), &s))
		if ev.GetTimerStartedEventAttributes() != nil {
			timers = append(timers, s)
		} else {
			summaries = append(summaries, s)
		}
	})
	assert.Contains(t, summaries, "contacts salesforce page 1: read")
	upsert := regexp.MustCompile(`^contacts salesforce page 1: [\d,]+ read, [\d,]+ rejected, [\d,]+ conflicts, write$`)
	found := false
	for _, s := range summaries {
		found = found || upsert.MatchString(s)
	}
	assert.True(t, found, "an upsert summary in %q", summaries)
	require.NotEmpty(t, timers, "the storm paused the sync")
	assert.Regexp(t, `^paused: zendesk rate limit until \d\d:\d\d:\d\d UTC$`, timers[0])
}

// A sync carries its mode, pairs, dry run and outcome as search
// attributes: the UI's list and `temporal workflow list --query` filter on
// them.
func TestSyncsAreFoundBySearchAttributes(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 82, Accounts: 5, Contacts: 30, Tickets: 1})
	_, dry, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"accounts"}, DryRun: true})
	require.NoError(t, err)
	res, real, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"accounts"}})
	require.NoError(t, err)
	assert.Regexp(t, `^full sync of accounts: 5 read; zendesk \d created`, res.Summary, "the result's first line says what happened")
	find := func(query string) []string {
		var ids []string
		require.EventuallyWithT(t, func(c *assert.CollectT) {
			resp, err := dev.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{
				Query: "TaskQueue = '" + e.taskQueue + "' AND " + query})
			require.NoError(c, err)
			ids = ids[:0]
			for _, ex := range resp.GetExecutions() {
				ids = append(ids, ex.GetExecution().GetRunId())
			}
			assert.Len(c, ids, 1)
		}, 10*time.Second, 200*time.Millisecond, query)
		return ids
	}
	assert.Equal(t, []string{dry.GetRunID()}, find("CrmsyncDryRun = true AND CrmsyncMode = 'full'"))
	assert.Equal(t, []string{real.GetRunID()}, find("CrmsyncDryRun = false AND CrmsyncObjects = 'accounts' AND CrmsyncOutcome = 'succeeded' AND CrmsyncInstance = 'default'"))
}
