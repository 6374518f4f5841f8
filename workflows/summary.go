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
	var zd, sf [3]int // created, updated, deleted
	for _, o := range r.Objects {
		if o.Skipped {
			continue
		}
		names = append(names, o.Object)
		c := o.Counts
		read += c.Fetched + c.Exported
		conflicts += c.Conflicts
		zd[0], zd[1], zd[2] = zd[0]+c.Zendesk.Created, zd[1]+c.Zendesk.Updated, zd[2]+c.Zendesk.Deleted
		sf[0], sf[1], sf[2] = sf[0]+c.Salesforce.Created, sf[1]+c.Salesforce.Updated, sf[2]+c.Salesforce.Deleted
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
		counts [3]int
	}{{"zendesk", zd}, {"salesforce", sf}} {
		var parts []string
		for i, what := range []string{"created", "updated", "deleted"} {
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
