package main

// Observability is the worker's metrics and logs settings, embedded in
// config (envconfig reads embedded fields as the config's own).
type Observability struct {
	MetricsAddr string `envconfig:"CRMSYNC_METRICS_ADDR" desc:"serve Prometheus metrics at http://ADDR/metrics, e.g. 127.0.0.1:9090; unset: off"`
	// Info by default: it adds the SDK's worker start and stop and a line
	// per rate-limit pause to warnings, a few lines a run; debug adds a
	// line per page step.
	LogFormat string `envconfig:"CRMSYNC_LOG_FORMAT" default:"text" desc:"log format: text or json"`
	LogLevel  string `envconfig:"CRMSYNC_LOG_LEVEL" default:"info" desc:"least log level: debug (a line per page step), info, warn or error"`
}
