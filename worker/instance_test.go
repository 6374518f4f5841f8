package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/telemetry"
)

func TestLoadConfigInstanceNamesTheTaskQueue(t *testing.T) {
	cases := []struct {
		name                string
		env                 map[string]string
		instance, taskQueue string
	}{
		{"unset", nil, "default", "crmsync"},
		{"default", map[string]string{"CRMSYNC_INSTANCE": "default"}, "default", "crmsync"},
		{"named", map[string]string{"CRMSYNC_INSTANCE": "acme-eu"}, "acme-eu", "crmsync-acme-eu"},
		{"queue set", map[string]string{"CRMSYNC_INSTANCE": "acme-eu", "CRMSYNC_TASK_QUEUE": "q1"}, "acme-eu", "q1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			c, err := loadConfig()
			require.NoError(t, err)
			assert.Equal(t, tc.instance, c.Instance)
			assert.Equal(t, tc.taskQueue, c.TaskQueue)
		})
	}
}

func TestLoadConfigRefusesABadInstance(t *testing.T) {
	for _, bad := range []string{"", "Acme", "acme eu", "acme.eu", "a234567890123456789012345678901234567890x"} {
		t.Setenv("CRMSYNC_INSTANCE", bad)
		_, err := loadConfig()
		require.Error(t, err, "%q", bad)
		assert.Contains(t, err.Error(), "CRMSYNC_INSTANCE", "%q", bad)
		assert.Contains(t, err.Error(), "lower-case letters", "%q", bad)
	}
}

func TestBuildOpensTheInstancesPartition(t *testing.T) {
	startSandboxes(t)
	t.Setenv("CRMSYNC_INSTANCE", "acme-eu")
	c, err := loadConfig()
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	acts, closeStore, err := build(ctx, c, telemetry.NewMetrics())
	require.NoError(t, err)
	defer closeStore()
	assert.Equal(t, "acme-eu", acts.Store.Instance())
}
