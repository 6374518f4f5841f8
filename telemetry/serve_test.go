package telemetry

import (
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServeAnswersMetricsAndRefusesATakenPort(t *testing.T) {
	m := NewMetrics()
	m.steps.WithLabelValues("accounts", "fetch").Observe(0.2)
	addr, stop, err := m.Serve("127.0.0.1:0")
	require.NoError(t, err)
	defer stop()
	resp, err := http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), "# HELP crmsync_step_duration_seconds ")
	assert.Contains(t, string(body), `crmsync_step_duration_seconds_count{pair="accounts",step="fetch"} 1`)
	assert.Contains(t, string(body), "\ngo_goroutines ")

	resp, err = http.Get("http://" + addr + "/debug/pprof/goroutine?debug=1")
	require.NoError(t, err)
	body, err = io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "profiles are served beside the metrics")
	assert.Contains(t, string(body), "goroutine profile:")

	_, _, err = m.Serve(addr)
	assert.Error(t, err, "the port is taken")
}
