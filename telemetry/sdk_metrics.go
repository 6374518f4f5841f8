package telemetry

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"
)

// sdkMetrics serves the Temporal SDK's metrics as Prometheus series. The
// SDK emits one name with different tag sets (a long poll carries a
// poller type, a plain request does not), which Prometheus's vectors
// refuse, so every name and tag set is a series of its own, collected
// unchecked. This adapter is a few dozen lines where the SDK's tally
// contrib would bring tally and its reporter along.
type sdkMetrics struct {
	mu     sync.Mutex
	series map[string]prometheus.Collector // by name and tags
	kinds  map[string]string               // by name: the first use decides its type
}

func newSDKMetrics() *sdkMetrics {
	return &sdkMetrics{series: map[string]prometheus.Collector{}, kinds: map[string]string{}}
}

// sdkLatencyBuckets reach from a fast gRPC call to a long page activity.
var sdkLatencyBuckets = []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300}

// Describe sends nothing: the series come and go with the SDK's tags.
func (s *sdkMetrics) Describe(chan<- *prometheus.Desc) {}

// Collect sends every series.
func (s *sdkMetrics) Collect(ch chan<- prometheus.Metric) {
	s.mu.Lock()
	all := slices.Collect(maps.Values(s.series))
	s.mu.Unlock()
	for _, c := range all {
		c.Collect(ch)
	}
}

// get returns the series of name and tags, made by mk on first use, or
// nil when name was first used as another kind (Prometheus serves a name
// with one type only).
func (s *sdkMetrics) get(kind, name string, tags sdkTags, mk func(prometheus.Opts) prometheus.Collector) prometheus.Collector {
	name = sanitize(name)
	key := name + "\xff" + tags.key
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.series[key]; ok {
		return c
	}
	if k, ok := s.kinds[name]; ok && k != kind {
		return nil
	}
	s.kinds[name] = kind
	c := mk(prometheus.Opts{Name: name, Help: "Temporal SDK " + kind + " " + name + ".", ConstLabels: tags.labels})
	s.series[key] = c
	return c
}

// sdkTags are a handler's tags as Prometheus labels, with their key
// computed once: the SDK asks its handlers for a metric on every event.
type sdkTags struct {
	labels prometheus.Labels
	key    string
}

func newSDKTags(labels prometheus.Labels) sdkTags {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(labels)) {
		b.WriteString(k + "=" + labels[k] + "\xfe")
	}
	return sdkTags{labels: labels, key: b.String()}
}

// sdkHandler is the client.MetricsHandler the worker gives the SDK.
type sdkHandler struct {
	m    *sdkMetrics
	tags sdkTags
}

var _ client.MetricsHandler = sdkHandler{}

func (h sdkHandler) WithTags(tags map[string]string) client.MetricsHandler {
	labels := maps.Clone(h.tags.labels)
	if labels == nil {
		labels = prometheus.Labels{}
	}
	for k, v := range tags {
		labels[sanitize(k)] = v
	}
	return sdkHandler{m: h.m, tags: newSDKTags(labels)}
}

func (h sdkHandler) Counter(name string) client.MetricsCounter {
	c, _ := h.m.get("counter", name, h.tags, func(o prometheus.Opts) prometheus.Collector {
		return prometheus.NewCounter(prometheus.CounterOpts(o))
	}).(prometheus.Counter)
	return counterFunc(func(d int64) {
		// A Prometheus counter panics on a negative delta.
		if c != nil && d > 0 {
			c.Add(float64(d))
		}
	})
}

func (h sdkHandler) Gauge(name string) client.MetricsGauge {
	g, _ := h.m.get("gauge", name, h.tags, func(o prometheus.Opts) prometheus.Collector {
		return prometheus.NewGauge(prometheus.GaugeOpts(o))
	}).(prometheus.Gauge)
	return gaugeFunc(func(v float64) {
		if g != nil {
			g.Set(v)
		}
	})
}

func (h sdkHandler) Timer(name string) client.MetricsTimer {
	hist, _ := h.m.get("timer", name, h.tags, func(o prometheus.Opts) prometheus.Collector {
		return prometheus.NewHistogram(prometheus.HistogramOpts{Name: o.Name, Help: o.Help + " Seconds.",
			ConstLabels: o.ConstLabels, Buckets: sdkLatencyBuckets})
	}).(prometheus.Histogram)
	return timerFunc(func(d time.Duration) {
		if hist != nil {
			hist.Observe(d.Seconds())
		}
	})
}

type (
	counterFunc func(int64)
	gaugeFunc   func(float64)
	timerFunc   func(time.Duration)
)

func (f counterFunc) Inc(d int64)          { f(d) }
func (f gaugeFunc) Update(v float64)       { f(v) }
func (f timerFunc) Record(d time.Duration) { f(d) }

// sanitize makes s a valid Prometheus metric or label name.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, s)
}
