package e2e

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"text/tabwriter"
	"time"
)

// benchRow is one scenario of `make bench`: the table's row and its JSON.
type benchRow struct {
	// Target is the target the row measures; rows print in its
	// order whichever benchmark ran first.
	Target          int     `json:"target"`
	Scenario        string  `json:"scenario"`
	Records         int     `json:"records"`
	WallSeconds     float64 `json:"wall_seconds"`
	RecordsPerSec   float64 `json:"records_per_second"`
	ZendeskCalls    int64   `json:"zendesk_calls"`
	SalesforceCalls int64   `json:"salesforce_calls"`
	// ZendeskFloor and SalesforceFloor are the fewest calls the row's work
	// needs on each side (bulk writes of 100 or 200, pages of 1,000 or
	// 2,000; each scenario says which); the CallsPerFloor fields how many
	// the run made per one of them.
	ZendeskFloor         int     `json:"zendesk_floor,omitempty"`
	ZendeskCallsPerFloor float64 `json:"zendesk_calls_per_floor,omitempty"`
	SalesforceFloor      int     `json:"salesforce_floor,omitempty"`
	// SalesforceConstant is the calls on top of the floor that do not grow
	// with the records (a COUNT per pair): the target is the floor's
	// multiple plus a constant, so the multiple leaves them out.
	SalesforceConstant      int     `json:"salesforce_constant,omitempty"`
	SalesforceCallsPerFloor float64 `json:"salesforce_calls_per_floor,omitempty"`
	EventsPer1k             float64 `json:"history_events_per_1k,omitempty"`
	// MaxPayloadBytes is the largest payload in the run's history.
	MaxPayloadBytes int `json:"max_payload_bytes,omitempty"`
	// WorkerPeakRSSMiB is the worker process's VmHWM, the largest of them
	// when several serve the queue.
	WorkerPeakRSSMiB float64 `json:"worker_peak_rss_mib,omitempty"`
	// StoreBytes is the SQLite store's size, its write-ahead log included.
	StoreBytes int64 `json:"store_bytes,omitempty"`
	// WindowFloorSeconds is the time the fewest calls need under fixed
	// one-minute windows, counted from the start.
	WindowFloorSeconds float64          `json:"window_floor_seconds,omitempty"`
	RateLimited        int64            `json:"zendesk_429s,omitempty"`
	Writes             int64            `json:"writes"`
	Note               string           `json:"note,omitempty"`
	ZendeskByKind      map[string]int64 `json:"zendesk_calls_by_endpoint,omitempty"`
	SalesforceKind     map[string]int64 `json:"salesforce_calls_by_endpoint,omitempty"`
}

var bench struct {
	mu   sync.Mutex
	rows []benchRow
}

// addBenchRow records a scenario for the report printed after the run.
func addBenchRow(r benchRow, elapsed time.Duration) {
	r.WallSeconds = elapsed.Seconds()
	if r.WallSeconds > 0 {
		r.RecordsPerSec = float64(r.Records) / r.WallSeconds
	}
	if r.ZendeskFloor > 0 {
		r.ZendeskCallsPerFloor = float64(r.ZendeskCalls) / float64(r.ZendeskFloor)
	}
	if r.SalesforceFloor > 0 {
		r.SalesforceCallsPerFloor = float64(r.SalesforceCalls-int64(r.SalesforceConstant)) / float64(r.SalesforceFloor)
	}
	bench.mu.Lock()
	defer bench.mu.Unlock()
	bench.rows = append(bench.rows, r)
}

// reportBench prints the table and writes it as JSON to
// .crmsync/bench.json, when benchmarks ran.
func reportBench(out io.Writer) error {
	bench.mu.Lock()
	defer bench.mu.Unlock()
	if len(bench.rows) == 0 {
		return nil
	}
	slices.SortStableFunc(bench.rows, func(a, b benchRow) int { return cmp.Compare(a.Target, b.Target) })
	// Memory flat in N is read off against the first target's run, which
	// another benchmark made.
	if i := slices.IndexFunc(bench.rows, func(r benchRow) bool { return r.Target == 1 && r.WorkerPeakRSSMiB > 0 }); i >= 0 {
		for j, r := range bench.rows {
			if r.Target == 2 && r.WorkerPeakRSSMiB > 0 {
				bench.rows[j].Note += fmt.Sprintf("; worker RSS %.2f× row 1's", r.WorkerPeakRSSMiB/bench.rows[i].WorkerPeakRSSMiB)
			}
		}
	}
	w := tabwriter.NewWriter(out, 2, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "#\tscenario\trecords\twall s\trecords/s\tzendesk calls\tper floor\tsalesforce calls\tper floor\tevents/1k\tworker RSS MiB\t note")
	for _, r := range bench.rows {
		fmt.Fprintf(w, "%d\t%s\t%d\t%.2f\t%.0f\t%d\t%.3f\t%d\t%.3f\t%.1f\t%.0f\t %s\n", r.Target, r.Scenario, r.Records, r.WallSeconds, r.RecordsPerSec,
			r.ZendeskCalls, r.ZendeskCallsPerFloor, r.SalesforceCalls, r.SalesforceCallsPerFloor, r.EventsPer1k, r.WorkerPeakRSSMiB, r.Note)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	data, err := json.MarshalIndent(bench.rows, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join("..", ".crmsync", "bench.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "written to .crmsync/bench.json\n")
	return nil
}
