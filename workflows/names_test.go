package workflows

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNamesFor(t *testing.T) {
	cases := []struct {
		instance                        string
		taskQueue, workflowID, schedule string
	}{
		{"default", "crmsync", "crmsync-sync", "crmsync-schedule"},
		{"", "crmsync", "crmsync-sync", "crmsync-schedule"},
		{"acme-eu", "crmsync-acme-eu", "crmsync-sync-acme-eu", "crmsync-schedule-acme-eu"},
		{"b2", "crmsync-b2", "crmsync-sync-b2", "crmsync-schedule-b2"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.taskQueue, TaskQueueFor(tc.instance), "%q", tc.instance)
		assert.Equal(t, tc.workflowID, WorkflowIDFor(tc.instance), "%q", tc.instance)
		assert.Equal(t, tc.schedule, ScheduleIDFor(tc.instance), "%q", tc.instance)
	}
}

func TestValidateTaskQueue(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"crmsync", true},
		{"crmsync-eu.v2_blue", true},
		{"it's", true},
		{`crm"sync`, false},
		{`crm\sync`, false},
	} {
		err := ValidateTaskQueue(tc.name)
		if tc.ok {
			assert.NoError(t, err, tc.name)
		} else {
			assert.ErrorContains(t, err, "not found by visibility queries", tc.name)
		}
	}
}
