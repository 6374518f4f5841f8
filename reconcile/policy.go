// Package reconcile decides, field by field, what a two-way sync writes:
// it compares each side's current value with the baseline (what both sides
// held after the last sync, each in its own form), lets one-sided changes
// flow, settles two-sided ones by policy and moves the baseline. It is pure:
// no clock, no I/O, the same input always gives the same plan.
package reconcile

import (
	"fmt"

	"github.com/crmsync/crmsync/record"
)

// Direction says which side's changes a field or pair carries over.
type Direction string

// Directions.
const (
	SalesforceToZendesk Direction = "sf_to_zd"
	ZendeskToSalesforce Direction = "zd_to_sf"
	Both                Direction = "both"
)

// Directions lists every direction, for messages.
var Directions = []Direction{SalesforceToZendesk, ZendeskToSalesforce, Both}

// From tells whether changes made on side s flow to the other side.
func (d Direction) From(s record.Side) bool {
	switch d {
	case Both:
		return true
	case SalesforceToZendesk:
		return s == record.Salesforce
	case ZendeskToSalesforce:
		return s == record.Zendesk
	}
	return false
}

// Check reports an unknown direction.
func (d Direction) Check() error {
	for _, k := range Directions {
		if d == k {
			return nil
		}
	}
	return fmt.Errorf("direction %q: want one of %v", d, Directions)
}

// Policy settles a field changed on both sides to different values.
type Policy string

// Policies.
const (
	ZendeskWins    Policy = "zendesk_wins"
	SalesforceWins Policy = "salesforce_wins"
	// NewestWins compares the records' modification times: neither API
	// keeps a time per field.
	NewestWins Policy = "newest_wins"
)

// Policies lists every policy, for messages.
var Policies = []Policy{ZendeskWins, SalesforceWins, NewestWins}

// Check reports an unknown policy.
func (p Policy) Check() error {
	for _, k := range Policies {
		if p == k {
			return nil
		}
	}
	return fmt.Errorf("conflict_policy %q: want one of %v", p, Policies)
}
