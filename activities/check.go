package activities

import (
	"context"
	"fmt"
)

// Check fails fast on run-level mistakes before any task runs: wrong
// credentials on either side, a mapping field the org does not have, a
// filter Salesforce cannot parse.
func (a *Activities) Check(ctx context.Context) error {
	if err := a.Salesforce.Authenticate(ctx); err != nil {
		return fmt.Errorf("salesforce login: %w", err)
	}
	known := map[string][]string{}
	for _, object := range Order {
		d, err := a.Salesforce.Describe(ctx, sobject(object))
		if err != nil {
			return fmt.Errorf("describe %s: %w", sobject(object), err)
		}
		for _, f := range d.Fields {
			known[sobject(object)] = append(known[sobject(object)], f.Name)
		}
	}
	if err := a.Mapping.Validate(known); err != nil {
		return fmt.Errorf("mapping: %w", err)
	}
	for _, object := range Order {
		filter := a.Mapping.Filter(sobject(object))
		if filter == "" {
			continue
		}
		if _, err := a.Salesforce.Query(ctx, "SELECT COUNT() FROM "+sobject(object)+" WHERE "+filter, nil); err != nil {
			return fmt.Errorf("mapping: %s filter %q: %w", object, filter, err)
		}
	}
	if _, err := a.Zendesk.SearchUsersByExternalID(ctx, "crmsync-credential-check"); err != nil {
		return fmt.Errorf("zendesk login: %w", err)
	}
	return nil
}
