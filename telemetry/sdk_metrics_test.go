package telemetry

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSDKMetricsKeepEveryTagSetOfAName(t *testing.T) {
	m := NewMetrics()
	h := m.Temporal().WithTags(map[string]string{"namespace": "default"})
	h.WithTags(map[string]string{"operation": "PollActivityTaskQueue", "poller_type": "activity"}).Counter("temporal_request").Inc(2)
	h.WithTags(map[string]string{"operation": "StartWorkflowExecution"}).Counter("temporal_request").Inc(1)
	h.WithTags(map[string]string{"operation": "StartWorkflowExecution"}).Counter("temporal_request").Inc(1)
	h.Counter("temporal_request").Inc(-5)

	families, err := m.registry.Gather()
	require.NoError(t, err, "one name with two label sets gathers")
	var got []float64
	for _, f := range families {
		if f.GetName() == "temporal_request" {
			for _, s := range f.GetMetric() {
				got = append(got, s.GetCounter().GetValue())
			}
		}
	}
	assert.ElementsMatch(t, []float64{2, 2, 0}, got, "each tag set its own series; a negative delta is dropped, not a panic")
}

func TestSDKTimersAreHistogramsInSecondsAndANameKeepsItsFirstType(t *testing.T) {
	m := NewMetrics()
	h := m.Temporal().WithTags(map[string]string{"activity-type": "Fetch"})
	h.Timer("temporal_activity_execution_latency").Record(1500 * time.Millisecond)
	h.WithTags(map[string]string{"worker_type": "ActivityWorker"}).Gauge("temporal_activity_execution_latency").Update(3)
	h.Gauge("temporal_worker_task_slots_available").Update(7)

	n, err := testutil.GatherAndCount(m.registry, "temporal_activity_execution_latency", "temporal_worker_task_slots_available")
	require.NoError(t, err, "a name used as two types still gathers")
	assert.Equal(t, 2, n)
	families, err := m.registry.Gather()
	require.NoError(t, err)
	for _, f := range families {
		switch f.GetName() {
		case "temporal_activity_execution_latency":
			hist := f.GetMetric()[0].GetHistogram()
			assert.Equal(t, uint64(1), hist.GetSampleCount())
			assert.InDelta(t, 1.5, hist.GetSampleSum(), 1e-9)
			assert.Equal(t, "activity_type", f.GetMetric()[0].GetLabel()[0].GetName(), "tag names made Prometheus names")
		case "temporal_worker_task_slots_available":
			assert.Equal(t, 7.0, f.GetMetric()[0].GetGauge().GetValue())
		}
	}
}
