package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/workflows"
)

// status finds the sync running on the instance's queue, whoever started
// it, and draws its pairs.
func TestStatusShowsTheRunningSync(t *testing.T) {
	q := queue(t)
	var out, errs bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"status", "-once"}, &out, &errs), errs.String())
	assert.Equal(t, "no sync is running on task queue "+q+"\n", out.String())

	startWorker(t, q)
	startFake(t, q, "ui-started", workflows.SyncInput{Mode: "full"})
	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"status", "-once"}, &out, &errs), errs.String())
	got := out.String()
	assert.Contains(t, got, "sync ui-started (full) started ")
	assert.Regexp(t, `accounts\s+\[#{20}\]\s+5/5\s+done`, got)
	assert.Regexp(t, `contacts\s+\[#{6}\.{14}\]\s+3/10`, got)
	assert.NotContains(t, got, "finished", "it still runs")

	out.Reset()
	assert.Equal(t, 1, run(context.Background(), []string{"status", "-once", "no-such-sync"}, &out, &errs))
	assert.Contains(t, errs.String(), "ask no-such-sync for its progress")
}

func TestDrawStatus(t *testing.T) {
	began := time.Date(2026, 12, 1, 12, 0, 0, 0, time.Local)
	got := drawStatus("crmsync-sync", &workflows.SyncResult{
		Mode: "incremental", DryRun: true, StartedAt: began, Current: "contacts:salesforce",
		Objects: []workflows.PairResult{
			{Object: "contacts", Total: 1000, StartedAt: &began, Rate: 25, ETASeconds: 30,
				Counts: activities.Counts{Fetched: 250, Rejected: 2, Zendesk: activities.Writes{Created: 7, Updated: 3}}},
			{Object: "leads", Skipped: true},
		},
		Paused: &activities.Pause{Service: "zendesk", Until: began.Add(time.Minute), Reason: "rate limit"},
	})
	assert.Contains(t, got, "sync crmsync-sync (incremental, dry run) started 12:00:00\n")
	assert.Contains(t, got, "contacts  [#####...............]     250/1000    running  25.0/s about 30s left  zd +7 ~3  sf +0 ~0  2 rejected\n")
	assert.Contains(t, got, "leads     [....................]       0/0       disabled")
	assert.Contains(t, got, "paused: zendesk until 12:01:00 (rate limit)")
	assert.NotContains(t, got, "finished")
}
