package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/workflows"
)

// progressLine draws one line: a bar over every object's records and the
// running counts.
func progressLine(p *workflows.SyncResult, width int) string {
	var fetched, total, created, updated, sfUpdated, unchanged, conflicts, rejected int
	for _, o := range p.Objects {
		fetched += o.Counts.Fetched
		total += o.Total
		created += o.Counts.Zendesk.Created
		updated += o.Counts.Zendesk.Updated
		sfUpdated += o.Counts.Salesforce.Updated
		unchanged += o.Counts.Unchanged
		conflicts += o.Counts.Conflicts
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
	return fmt.Sprintf("[%s%s] %d/%d %-16s created %d updated %d salesforce updated %d unchanged %d conflicts %d rejected %d",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), fetched, total, stage,
		created, updated, sfUpdated, unchanged, conflicts, rejected)
}

// summaryRejected is how many rejected records the summary prints.
const summaryRejected = 20

func printSummary(w io.Writer, r *workflows.SyncResult) {
	fmt.Fprintf(w, "\nsync %s finished (started %s)", r.Mode, r.StartedAt.Format("2006-01-02 15:04:05Z07:00"))
	if r.DryRun {
		fmt.Fprint(w, " — dry run, nothing written")
	}
	if r.Summary != "" {
		fmt.Fprintf(w, "\n%s", r.Summary)
	}
	fmt.Fprintf(w, "\n%-10s %8s %8s %10s %10s %10s %10s %10s %9s %9s %8s %8s\n", "object", "sf read", "zd read",
		"zd created", "zd adopted", "zd updated", "sf created", "sf updated", "unchanged", "conflicts", "filtered", "rejected")
	for _, o := range r.Objects {
		c := o.Counts
		if o.Skipped {
			fmt.Fprintf(w, "%-10s (disabled in the mapping)\n", o.Object)
			continue
		}
		fmt.Fprintf(w, "%-10s %8d %8d %10d %10d %10d %10d %10d %9d %9d %8d %8d\n", o.Object, c.Fetched, c.Exported,
			c.Zendesk.Created, c.Zendesk.Adopted, c.Zendesk.Updated, c.Salesforce.Created, c.Salesforce.Updated, c.Unchanged, c.Conflicts, c.Filtered, c.Rejected)
	}
	if len(r.Conflicts) > 0 {
		fmt.Fprintf(w, "\nconflicts settled (first %d; `starter conflicts` prints them all):\n", min(len(r.Conflicts), summaryRejected))
		for _, c := range r.Conflicts[:min(len(r.Conflicts), summaryRejected)] {
			fmt.Fprintf(w, "  %s ⇄ %d  %s: salesforce %q, zendesk %q → %s wins (%s)\n",
				c.SalesforceID, c.ZendeskID, c.Field, record.Text(c.Salesforce), record.Text(c.Zendesk), c.Winner, c.Policy)
		}
	}
	if r.RejectedTotal > 0 {
		shown := r.Rejected[:min(len(r.Rejected), summaryRejected)]
		fmt.Fprintf(w, "\n%d rejected", r.RejectedTotal)
		if len(shown) < r.RejectedTotal {
			fmt.Fprintf(w, " (first %d shown; the workflow result lists %d and each page's Resolve and Upsert results in the history hold all of their own)",
				len(shown), len(r.Rejected))
		}
		fmt.Fprintln(w, ":")
		for _, rej := range shown {
			fmt.Fprintf(w, "  %s\n", describeRejection(rej))
		}
	}
}

// describeRejection names the record, the side that did not get it and
// the reason.
func describeRejection(r activities.Rejection) string {
	s := fmt.Sprintf("%-8s %s", r.Pair, r.SalesforceID)
	if r.ZendeskID != 0 {
		s += fmt.Sprintf(" ⇄ %d", r.ZendeskID)
	}
	s += " → " + string(r.Side)
	if r.Field != "" {
		s += " (" + r.Field + ")"
	}
	return s + ": " + r.Reason
}
