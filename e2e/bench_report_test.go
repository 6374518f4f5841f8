package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"
)

// benchRow is one scenario of `make bench`: the table's row and its JSON.
type benchRow struct {
	Scenario        string  `json:"scenario"`
	Records         int     `json:"records"`
	WallSeconds     float64 `json:"wall_seconds"`
	RecordsPerSec   float64 `json:"records_per_second"`
	ZendeskCalls    int64   `json:"zendesk_calls"`
	SalesforceCalls int64   `json:"salesforce_calls"`
	// ZendeskFloor is the fewest Zendesk calls the writes need (bulk
	// writes of 100); CallsPerFloor how many the run made per one of them.
	ZendeskFloor   int              `json:"zendesk_floor,omitempty"`
	CallsPerFloor  float64          `json:"zendesk_calls_per_floor,omitempty"`
	EventsPer1k    float64          `json:"history_events_per_1k,omitempty"`
	PeakRSSMiB     float64          `json:"peak_rss_mib"`
	Note           string           `json:"note,omitempty"`
	ZendeskByKind  map[string]int64 `json:"zendesk_calls_by_endpoint,omitempty"`
	SalesforceKind map[string]int64 `json:"salesforce_calls_by_endpoint,omitempty"`
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
		r.CallsPerFloor = float64(r.ZendeskCalls) / float64(r.ZendeskFloor)
	}
	r.PeakRSSMiB = peakRSSMiB()
	bench.mu.Lock()
	defer bench.mu.Unlock()
	bench.rows = append(bench.rows, r)
}

// peakRSSMiB is this process's peak resident memory: the worker and both
// sandboxes run in it (the dev server is its own process).
func peakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // KiB on Linux
}

// reportBench prints the table and writes it as JSON to
// .crmsync/bench.json, when benchmarks ran.
func reportBench(out io.Writer) error {
	bench.mu.Lock()
	defer bench.mu.Unlock()
	if len(bench.rows) == 0 {
		return nil
	}
	w := tabwriter.NewWriter(out, 2, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "scenario\trecords\twall s\trecords/s\tzendesk calls\tper floor\tsalesforce calls\tevents/1k\tpeak RSS MiB\t note")
	for _, r := range bench.rows {
		fmt.Fprintf(w, "%s\t%d\t%.2f\t%.0f\t%d\t%.3f\t%d\t%.1f\t%.0f\t %s\n", r.Scenario, r.Records, r.WallSeconds, r.RecordsPerSec,
			r.ZendeskCalls, r.CallsPerFloor, r.SalesforceCalls, r.EventsPer1k, r.PeakRSSMiB, r.Note)
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
