package activities

import (
	"context"
	"fmt"
	"slices"

	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/record"
)

// Check fails fast on run-level mistakes before any task runs: wrong
// credentials on either side, a mapping field the org does not have, a
// filter Salesforce cannot parse.
func (a *Activities) Check(ctx context.Context) error {
	if err := a.Salesforce.Authenticate(ctx); err != nil {
		return &CheckError{Part: CheckSalesforceLogin, Err: err}
	}
	known := map[string][]string{}
	for _, p := range pairs.All() {
		if _, done := known[p.Salesforce]; done {
			continue
		}
		d, err := a.Salesforce.Describe(ctx, p.Salesforce)
		if err != nil {
			return fmt.Errorf("describe %s: %w", p.Salesforce, err)
		}
		names := make([]string, 0, len(d.Fields))
		for _, f := range d.Fields {
			names = append(names, f.Name)
		}
		known[p.Salesforce] = slices.Clip(names)
	}
	if err := a.Mapping.Validate(known); err != nil {
		return &CheckError{Part: CheckMapping, Err: err}
	}
	for _, p := range pairs.All() {
		m := a.Mapping.Pair(p.Name)
		if m.Publish != "" && p.Origin != record.Zendesk {
			return &CheckError{Part: CheckMapping, Err: fmt.Errorf("%s: publish applies only to pairs created from Zendesk (tickets)", p.Name)}
		}
		for _, f := range []struct{ key, where string }{{"filter", m.Filter}, {"publish", m.Publish}} {
			if f.where == "" {
				continue
			}
			if _, err := a.Salesforce.Query(ctx, "SELECT COUNT() FROM "+p.Salesforce+" WHERE "+f.where, nil); err != nil {
				return &CheckError{Part: CheckMapping, Err: fmt.Errorf("%s: %s %q: %w", p.Name, f.key, f.where, err)}
			}
		}
	}
	if _, err := a.Zendesk.SearchUsersByExternalID(ctx, "crmsync-credential-check"); err != nil {
		return &CheckError{Part: CheckZendeskLogin, Err: err}
	}
	return nil
}
