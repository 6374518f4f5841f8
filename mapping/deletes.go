package mapping

import (
	"fmt"

	"github.com/crmsync/crmsync/record"
)

// Delete policies.
const (
	// DeletesIgnore leaves the other side alone and keeps the link, so a
	// restored record resumes.
	DeletesIgnore = "ignore"
	// DeletesPropagate deletes the other side's record the way that side
	// deletes (Zendesk delete, Salesforce soft delete) and drops the link.
	DeletesPropagate = "propagate"
	// DeletesTag keeps the other side's record and marks it.
	DeletesTag = "tag"
)

// DefaultDeleteLimit is the circuit breaker's default fraction.
const DefaultDeleteLimit = 0.10

// DeletePolicy is the pair's policy, ignore when unset.
func (p *Pair) DeletePolicy() string {
	if p.Deletes == "" {
		return DeletesIgnore
	}
	return p.Deletes
}

// DeleteFraction is the circuit breaker's fraction of linked records.
func (p *Pair) DeleteFraction() float64 {
	if p.DeleteLimit == nil {
		return DefaultDeleteLimit
	}
	return *p.DeleteLimit
}

// CarriesDeletes tells whether deletions made on side s reach the other
// side: deletes follow the pair's direction, so under the default
// sf_to_zd a Zendesk deletion never deletes in Salesforce.
func (p *Pair) CarriesDeletes(s record.Side) bool {
	return p.DeletePolicy() != DeletesIgnore && p.Direction.From(s)
}

func (p *Pair) validateDeletes() error {
	switch p.DeletePolicy() {
	case DeletesPropagate:
		if p.Kind == Ticket && p.CarriesDeletes(record.Salesforce) {
			return fmt.Errorf("deletes: propagate would delete Zendesk tickets when their cases are deleted; use tag, or direction zd_to_sf")
		}
	case DeletesIgnore:
	case DeletesTag:
		if p.CarriesDeletes(record.Zendesk) && p.DeletedField == "" {
			return fmt.Errorf("deletes: tag from Zendesk needs deleted_field, the Salesforce checkbox to set")
		}
	default:
		return fmt.Errorf("deletes %q: want %s, %s or %s", p.Deletes, DeletesIgnore, DeletesPropagate, DeletesTag)
	}
	if f := p.DeleteFraction(); f < 0 || f > 1 {
		return fmt.Errorf("delete_limit %g: want a fraction from 0 to 1", f)
	}
	return nil
}
