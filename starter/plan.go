package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/workflows"
)

// printPlan says, pair by pair and side by side, what a real run would
// write, whether a safeguard would hold deletions back, which creates
// would adopt existing records, and a sample of the writes field by
// field.
func printPlan(w io.Writer, r *workflows.SyncResult) {
	fmt.Fprintln(w, "\nplan — what a real run would do:")
	for _, o := range r.Objects {
		if o.Skipped {
			continue
		}
		c := o.Counts
		fmt.Fprintf(w, "  %-9s → zendesk: %d to create, %d to adopt, %d to update, %d to delete; → salesforce: %d to create, %d to update, %d to delete; %d conflicts, %d rejected\n",
			o.Object, c.Zendesk.Created, c.Zendesk.Adopted, c.Zendesk.Updated, c.Zendesk.Deleted,
			c.Salesforce.Created, c.Salesforce.Updated, c.Salesforce.Deleted, c.Conflicts, c.Rejected)
		if o.Held != nil {
			fmt.Fprintf(w, "  %-9s   the circuit breaker would hold back deletions: %+v\n", "", *o.Held)
		}
	}
	if len(r.Adoptions) > 0 {
		fmt.Fprintf(w, "\nadoptions, creates that link an existing Zendesk record instead (the first %d of each pair):\n", workflows.MaxChangesListed)
		for _, ad := range r.Adoptions {
			fmt.Fprintf(w, "  %s → zendesk adopt %s ⇄ %d\n", ad.Pair, ad.SalesforceID, ad.ZendeskID)
		}
	}
	if len(r.Changes) == 0 {
		return
	}
	fmt.Fprintf(w, "\nsample writes (the first %d of each pair):\n", workflows.MaxChangesListed)
	for _, ch := range r.Changes {
		verb := "update"
		if ch.Create {
			verb = "create"
		}
		who := ch.SalesforceID
		if ch.ZendeskID != 0 {
			who = fmt.Sprintf("%s ⇄ %d", who, ch.ZendeskID)
		}
		fmt.Fprintf(w, "  %s → %s %s %s\n", ch.Pair, ch.Side, verb, who)
		for _, field := range slices.Sorted(maps.Keys(ch.Fields)) {
			f := ch.Fields[field]
			if ch.Create {
				fmt.Fprintf(w, "      %s = %s\n", field, quoted(f.After))
				continue
			}
			fmt.Fprintf(w, "      %s: %s → %s\n", field, quoted(f.Before), quoted(f.After))
		}
	}
}

// quoted shows a value as the sync compares it; a Salesforce write's
// value is its fields.
func quoted(v any) string {
	if m, ok := v.(map[string]any); ok {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(m)) {
			parts = append(parts, k+" "+fmt.Sprintf("%q", record.Text(m[k])))
		}
		return strings.Join(parts, ", ")
	}
	if v == nil {
		return "(none)"
	}
	return fmt.Sprintf("%q", record.Text(v))
}
