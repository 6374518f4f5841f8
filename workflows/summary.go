package workflows

import (
	"fmt"
	"strings"
)

// summarize says in one line what a sync did, or has done so far:
// "full sync of accounts, contacts: 21,590 read; zendesk 1,649 created,
// 12 updated; salesforce 2 updated; 3 conflicts; 164 rejected".
func summarize(r *SyncResult, running bool) string {
	var names []string
	var read, conflicts int
	var zd, sf [4]int // created, adopted, updated, deleted
	for _, o := range r.Objects {
		if o.Skipped {
			continue
		}
		names = append(names, o.Object)
		c := o.Counts
		read += c.Fetched + c.Exported
		conflicts += c.Conflicts
		for i, n := range [4]int{c.Zendesk.Created, c.Zendesk.Adopted, c.Zendesk.Updated, c.Zendesk.Deleted} {
			zd[i] += n
		}
		for i, n := range [4]int{c.Salesforce.Created, c.Salesforce.Adopted, c.Salesforce.Updated, c.Salesforce.Deleted} {
			sf[i] += n
		}
	}
	if len(names) == 0 {
		names = []string{"no pair"}
	}
	var b strings.Builder
	switch {
	case running:
		b.WriteString("running: ")
	case r.DryRun:
		b.WriteString("dry run, nothing written: ")
	}
	fmt.Fprintf(&b, "%s sync of %s: %s read", r.Mode, strings.Join(names, ", "), count(read))
	verb := ""
	if r.DryRun {
		verb = "would be "
	}
	for _, side := range []struct {
		name   string
		counts [4]int
	}{{"zendesk", zd}, {"salesforce", sf}} {
		var parts []string
		for i, what := range []string{"created", "adopted", "updated", "deleted"} {
			if side.counts[i] > 0 {
				parts = append(parts, count(side.counts[i])+" "+verb+what)
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, "; %s %s", side.name, strings.Join(parts, ", "))
		}
	}
	if conflicts > 0 {
		fmt.Fprintf(&b, "; %s conflicts", count(conflicts))
	}
	if r.RejectedTotal > 0 {
		fmt.Fprintf(&b, "; %s rejected", count(r.RejectedTotal))
	}
	return b.String()
}
