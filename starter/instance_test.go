package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInstanceNames(t *testing.T) {
	cases := []struct {
		instance, queue, workflow, schedule string
	}{
		{"", "crmsync", "crmsync-sync", "crmsync-schedule"},
		{"default", "crmsync", "crmsync-sync", "crmsync-schedule"},
		{"eu", "crmsync-eu", "crmsync-sync-eu", "crmsync-schedule-eu"},
	}
	for _, c := range cases {
		t.Setenv("CRMSYNC_INSTANCE", c.instance)
		t.Setenv("CRMSYNC_TASK_QUEUE", "")
		assert.Equal(t, c.queue, taskQueue(), c.instance)
		assert.Equal(t, c.workflow, workflowID(), c.instance)
		assert.Equal(t, c.schedule, scheduleID(), c.instance)
	}
	t.Setenv("CRMSYNC_TASK_QUEUE", "mine")
	assert.Equal(t, "mine", taskQueue(), "CRMSYNC_TASK_QUEUE wins")
}

func TestBadInstanceIsRefusedNamingTheVariable(t *testing.T) {
	t.Setenv("CRMSYNC_INSTANCE", "EU West")
	var out, errs bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"full"}, &out, &errs))
	assert.Contains(t, errs.String(), "starter: CRMSYNC_INSTANCE:")
}

func TestTaskQueueVisibilityCannotMatchIsRefused(t *testing.T) {
	t.Setenv("CRMSYNC_TASK_QUEUE", `crm\sync`)
	var out, errs bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"full"}, &out, &errs))
	assert.Contains(t, errs.String(), "starter: CRMSYNC_TASK_QUEUE:")
}
