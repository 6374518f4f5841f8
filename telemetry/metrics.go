// Package telemetry is what the worker tells its operators: Prometheus
// metrics, its own and the Temporal SDK's, and structured logs. It reads
// what the page activities return through a worker interceptor, so the
// activities know nothing of it.
package telemetry

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.temporal.io/sdk/client"
)

// Metrics is one worker's registry. Labels name pairs, sides, services
// and steps only, never a record.
type Metrics struct {
	registry *prometheus.Registry
	sdk      *sdkMetrics

	read, written, rejected, conflicts *prometheus.CounterVec
	waits, waitSeconds                 *prometheus.CounterVec
	paced, pacedSeconds                *prometheus.CounterVec
	steps                              *prometheus.HistogramVec
}

// stepBuckets reach from an empty page to a page of bulk jobs waiting on a
// slow Zendesk.
var stepBuckets = []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600}

// NewMetrics makes the registry, with the Go runtime's and the process's
// collectors beside crmsync's and the SDK's.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		sdk:      newSDKMetrics(),
		read: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_records_read_total",
			Help: "Records read, per pair and side: Salesforce rows fetched, Zendesk export entries."}, []string{"pair", "side"}),
		written: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_records_written_total",
			Help: "Records written to a side, per pair, side and op (created, adopted, updated, deleted); dry runs write none."},
			[]string{"pair", "side", "op"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_records_rejected_total",
			Help: "Records (or one field of them) not written to a side, per pair and the side that did not get them."},
			[]string{"pair", "side"}),
		conflicts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_conflicts_total",
			Help: "Fields changed on both sides and settled by the conflict policy, per pair; dry runs record none."},
			[]string{"pair"}),
		waits: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_rate_limit_waits_total",
			Help: "Page steps a service's rate limit paused, per service."}, []string{"service"}),
		waitSeconds: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_rate_limit_wait_seconds_total",
			Help: "Seconds of rate-limit pauses the services asked for, per service."}, []string{"service"}),
		paced: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_pacing_waits_total",
			Help: "API requests the client held back before sending, per service: the worker's own budget or a rate-limit window the service said is spent."},
			[]string{"service"}),
		pacedSeconds: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "crmsync_pacing_wait_seconds_total",
			Help: "Seconds API requests were held back before sending, per service."}, []string{"service"}),
		steps: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "crmsync_step_duration_seconds",
			Help: "Duration of one page step's activity attempt, per pair and step (fetch, resolve, upsert).", Buckets: stepBuckets},
			[]string{"pair", "step"}),
	}
	m.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.sdk, m.read, m.written, m.rejected, m.conflicts, m.waits, m.waitSeconds, m.paced, m.pacedSeconds, m.steps)
	return m
}

// PacingWait is the OnPacingWait of service's API client: it counts the
// waits inside the client, which hold a request back without ending its
// step, unlike the pauses crmsync_rate_limit_waits_total counts. The
// service's series exist from zero once the client is made.
func (m *Metrics) PacingWait(service string) func(time.Duration) {
	waits, seconds := m.paced.WithLabelValues(service), m.pacedSeconds.WithLabelValues(service)
	return func(d time.Duration) {
		waits.Inc()
		seconds.Add(d.Seconds())
	}
}

// Temporal is the handler for client.Options.MetricsHandler.
func (m *Metrics) Temporal() client.MetricsHandler {
	return sdkHandler{m: m.sdk}
}

// Handler serves the registry in Prometheus's exposition format. A series
// that fails to collect is left out rather than failing the whole scrape.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}
