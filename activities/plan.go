package activities

import (
	"strings"

	"github.com/crmsync/crmsync/record"
)

// sampleChanges lists, for a dry run, the first writes of a page field by
// field, so a plan shows what a real run would change and not only how
// much.
func sampleChanges(pair string, items []planItem) []Change {
	var out []Change
	for _, it := range items {
		for _, side := range []record.Side{record.Zendesk, record.Salesforce} {
			if len(out) == MaxChangesListed {
				return out
			}
			writes := it.Zendesk
			if side == record.Salesforce {
				writes = it.Salesforce
			}
			c := Change{Pair: pair, Side: side, SalesforceID: it.SalesforceID, ZendeskID: it.ZendeskID,
				Create: it.Create && (it.In == record.Salesforce) == (side == record.Salesforce),
				Fields: map[string]FieldChange{}}
			for field, after := range writes {
				if strings.Contains(field, "#") {
					continue // what the write carries besides the fields
				}
				var before any
				if p, ok := it.Previous[field]; ok && !c.Create {
					before = p.Zendesk
					if side == record.Salesforce {
						before = p.Salesforce
					}
				}
				c.Fields[field] = FieldChange{Before: before, After: after}
			}
			if len(c.Fields) > 0 {
				out = append(out, c)
			}
		}
	}
	return out
}
