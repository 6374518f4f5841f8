package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// A worker that ends sooner than healthyUptime failed to start. Storms
// make it fail for as long as they last (its start checks call both
// services); maxFailedStarts restarts a second apart outlast any storm,
// so more means the worker cannot start at all.
const (
	healthyUptime   = 10 * time.Second
	maxFailedStarts = 40
)

// disruptions counts what chaos did to the system while the sync ran.
type disruptions struct {
	Kills          int
	WorkerExits    int // the worker ended on its own and was restarted
	ServerRestarts int
	Storms         int
}

// disruptor carries out a plan against a cluster until the sync ends.
type disruptor struct {
	c      *cluster
	admins map[string]*sandboxAdmin
	server string // "kill" or "term"
	log    io.Writer
	// progress names what the sync is doing, for the log of each event.
	progress func(context.Context) string
	done     disruptions
}

// run executes the plan from start until the plan is spent and the sync
// has ended (syncDone closed), keeping a worker up meanwhile. It returns
// when the sync ends; the events not reached by then are not carried out.
func (d *disruptor) run(ctx context.Context, start time.Time, plan []event, syncDone <-chan struct{}) error {
	next, failing := 0, 0
	for {
		var timer <-chan time.Time
		if next < len(plan) {
			timer = time.After(time.Until(start.Add(plan[next].At)))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-syncDone:
			return nil
		case <-d.c.worker.exited():
			// Not one of ours: a worker gives up when it cannot reach the
			// server or the services at start. Another takes its place.
			d.done.WorkerExits++
			if d.c.worker.uptime() < healthyUptime {
				failing++
			} else {
				failing = 0
			}
			if failing >= maxFailedStarts {
				return fmt.Errorf("the worker failed %d starts in a row, the last with: %s", failing, d.c.worker.lastLine())
			}
			d.logf(start, "worker exited on its own (%v); restarting it", d.c.worker.exitErr())
			if err := sleepCtx(ctx, time.Second); err != nil {
				return err
			}
			if err := d.c.worker.start(); err != nil {
				return err
			}
		case <-timer:
			ev := plan[next]
			next++
			if err := d.apply(ctx, start, ev); err != nil {
				return err
			}
		}
	}
}

func (d *disruptor) apply(ctx context.Context, start time.Time, ev event) error {
	d.logf(start, "%s (sync at %s)", ev, d.progress(ctx))
	switch ev.Kind {
	case killWorker:
		d.c.worker.kill()
		d.done.Kills++
		if err := sleepCtx(ctx, ev.Pause); err != nil {
			return err
		}
		return d.c.worker.start()
	case restartServer:
		if d.server == "term" {
			d.c.temporal.stop(30 * time.Second)
		} else {
			d.c.temporal.kill()
		}
		if err := sleepCtx(ctx, ev.Pause); err != nil {
			return err
		}
		if err := d.c.startServer(ctx); err != nil {
			return fmt.Errorf("restart dev server: %w", err)
		}
		d.done.ServerRestarts++
		d.logf(start, "dev server back on %s", d.c.hostPort)
	case storm:
		a := d.admins[ev.Service]
		if a == nil {
			return fmt.Errorf("storm: no sandbox service %q", ev.Service)
		}
		if err := a.storm(ctx, ev.Seconds); err != nil {
			return err
		}
		d.done.Storms++
	}
	return nil
}

func (d *disruptor) logf(start time.Time, format string, args ...any) {
	_, _ = fmt.Fprintf(d.log, "chaos: +%s "+format+"\n", append([]any{time.Since(start).Round(100 * time.Millisecond)}, args...)...)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}
