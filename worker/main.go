// Command worker runs crmsync's Temporal worker: the Sync workflow and its
// activities, against the services its environment names.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/interceptor"
	"go.temporal.io/sdk/worker"

	"github.com/crmsync/crmsync/codec"
	"github.com/crmsync/crmsync/telemetry"
	"github.com/crmsync/crmsync/workflows"
)

func main() {
	os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr, run))
}

func run() error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	logger, err := telemetry.NewLogger(os.Stderr, cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		return fmt.Errorf("logs (CRMSYNC_LOG_FORMAT, CRMSYNC_LOG_LEVEL): %w", err)
	}
	// Made before the clients, which count their pacing waits in it.
	metrics := telemetry.NewMetrics()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	acts, closeStore, err := build(ctx, cfg, metrics)
	cancel()
	if err != nil {
		return err
	}
	defer closeStore()
	if cfg.MetricsAddr != "" {
		addr, stop, err := metrics.Serve(cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("CRMSYNC_METRICS_ADDR: %w", err)
		}
		defer stop()
		fmt.Fprintf(os.Stderr, "crmsync worker: metrics at http://%s/metrics\n", addr)
	}
	opts := client.Options{HostPort: cfg.TemporalAddress, Namespace: cfg.TemporalNamespace, Logger: logger, MetricsHandler: metrics.Temporal()}
	if len(cfg.Keys) > 0 {
		dc, err := codec.DataConverter(cfg.Keys...)
		if err != nil {
			return fmt.Errorf("%s: %w", codec.EnvEncryptionKey, err)
		}
		opts.DataConverter, opts.FailureConverter = dc, codec.FailureConverter(dc)
	}
	c, err := client.Dial(opts)
	if err != nil {
		return fmt.Errorf("connect to Temporal at %s: %w", cfg.TemporalAddress, err)
	}
	defer c.Close()
	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	err = workflows.EnsureSearchAttributes(ctx, c, cfg.TemporalNamespace)
	cancel()
	if err != nil {
		return err
	}
	acts.Temporal = c
	w := worker.New(c, cfg.TaskQueue, worker.Options{TaskQueueActivitiesPerSecond: cfg.ActivitiesPerSec,
		Interceptors: []interceptor.WorkerInterceptor{metrics.Interceptor()}})
	workflows.Register(w, acts)
	fmt.Fprintf(os.Stderr, "crmsync worker: task queue %q on %s, Zendesk %s, Salesforce %s, payload encryption %s\n",
		cfg.TaskQueue, cfg.TemporalAddress, cfg.ZendeskURL, cfg.SalesforceLoginURL, encryption(cfg.Keys))
	if err := w.Run(worker.InterruptCh()); err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	return nil
}

// encryption says which key encrypts, by id only.
func encryption(keys []codec.Key) string {
	if len(keys) == 0 {
		return "off"
	}
	return fmt.Sprintf("on (key %s)", keys[0].ID)
}
