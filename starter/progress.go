package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/crmsync/crmsync/workflows"
)

// progressLine draws one line: a bar over every object's records and the
// running counts.
func progressLine(p *workflows.SyncResult, width int) string {
	var fetched, total, created, updated, unchanged, rejected int
	for _, o := range p.Objects {
		fetched += o.Counts.Fetched
		total += o.Total
		created += o.Counts.Created
		updated += o.Counts.Updated
		unchanged += o.Counts.Unchanged
		rejected += o.Counts.Rejected
	}
	filled := 0
	if total > 0 {
		filled = min(width, fetched*width/total)
	}
	stage := p.Current
	if stage == "" {
		stage = "done"
	}
	if p.Paused != nil {
		stage = fmt.Sprintf("paused: %s until %s", p.Paused.Service, p.Paused.Until.Local().Format("15:04:05"))
	}
	return fmt.Sprintf("[%s%s] %d/%d %-16s created %d updated %d unchanged %d rejected %d",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), fetched, total, stage,
		created, updated, unchanged, rejected)
}

// summaryRejected is how many rejected records the summary prints.
const summaryRejected = 20

func printSummary(w io.Writer, r *workflows.SyncResult) {
	fmt.Fprintf(w, "\nsync %s finished (started %s)", r.Mode, r.StartedAt.Format("2006-01-02 15:04:05Z07:00"))
	if r.DryRun {
		fmt.Fprint(w, " — dry run, nothing written")
	}
	fmt.Fprintf(w, "\n%-10s %8s %8s %8s %9s %8s %8s\n", "object", "fetched", "created", "updated", "unchanged", "filtered", "rejected")
	for _, o := range r.Objects {
		c := o.Counts
		fmt.Fprintf(w, "%-10s %8d %8d %8d %9d %8d %8d\n", o.Object, c.Fetched, c.Created, c.Updated, c.Unchanged, c.Filtered, c.Rejected)
	}
	if r.RejectedTotal > 0 {
		shown := r.Rejected[:min(len(r.Rejected), summaryRejected)]
		fmt.Fprintf(w, "\n%d rejected records", r.RejectedTotal)
		if len(shown) < r.RejectedTotal {
			fmt.Fprintf(w, " (first %d shown; the workflow result lists %d and each page's SyncPage result in the history holds all of its own)",
				len(shown), len(r.Rejected))
		}
		fmt.Fprintln(w, ":")
		for _, rej := range shown {
			fmt.Fprintf(w, "  %-8s %s  %s\n", rej.Object, rej.SalesforceID, rej.Reason)
		}
	}
}
