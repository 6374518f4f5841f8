// Package mapping holds the field rules of every object pair: which
// Salesforce fields fill which Zendesk field, through which transforms and
// value maps, in which direction and under which conflict policy. It is
// pure: the same record and rules always map the same way, in both
// directions, so the reconcile step can compare each side with its
// baseline.
package mapping

import (
	"slices"

	"github.com/crmsync/crmsync/reconcile"
)

// Config is the mapping of every pair. Pairs come from their declarations
// (package pairs) with the built-in rules; Load merges a file over them.
type Config struct {
	// ConflictPolicy is the default of every pair and field.
	ConflictPolicy reconcile.Policy
	pairs          []*Pair
}

// Pair is the mapping of one object pair.
type Pair struct {
	// Name, Object and Kind come from the pair's declaration: the pair's
	// name ("contacts"), its Salesforce object ("Contact") and the kind of
	// Zendesk record ("user").
	Name   string `yaml:"-" json:"-"`
	Object string `yaml:"-" json:"-"`
	Kind   string `yaml:"-" json:"-"`

	Enabled        *bool               `yaml:"enabled" json:"enabled"`
	Direction      reconcile.Direction `yaml:"direction" json:"direction"`
	ConflictPolicy reconcile.Policy    `yaml:"conflict_policy" json:"conflict_policy"`
	// Deletes says what a deletion on one side does to the linked record
	// on the other: ignore, propagate or tag (DeletesIgnore, …).
	Deletes string `yaml:"deletes" json:"deletes"`
	// DeleteLimit is the circuit breaker: a run that would carry more
	// deletions than this fraction of the pair's linked records carries
	// none. Default DefaultDeleteLimit.
	DeleteLimit *float64 `yaml:"delete_limit" json:"delete_limit"`
	// DeletedField is the Salesforce checkbox the tag policy sets on a
	// record whose Zendesk record was deleted.
	DeletedField string `yaml:"deleted_field" json:"deleted_field"`
	// Publish, for a pair created from Zendesk, is a SOQL WHERE fragment:
	// the Salesforce records it selects that no link ties to Zendesk are
	// created there (cases published as tickets). Empty: none are.
	Publish string `yaml:"publish" json:"publish"`
	// Filter is a SOQL WHERE fragment selecting the Salesforce records.
	Filter string `yaml:"filter" json:"filter"`
	// DefaultAssignee, for tickets, is the agent (an email or a Zendesk
	// user id) a write that solves an unassigned ticket assigns it to:
	// Zendesk refuses to solve a ticket without an assignee.
	DefaultAssignee string `yaml:"default_assignee" json:"default_assignee"`
	// CreateMissingContacts, for tickets, creates a Salesforce contact
	// for a new ticket's requester who is no synced contact, under the
	// requester's linked account, else DefaultAccount (an Account Id).
	CreateMissingContacts bool   `yaml:"create_missing_contacts" json:"create_missing_contacts"`
	DefaultAccount        string `yaml:"default_account" json:"default_account"`
	// LongBodies, for comments, says what becomes of a Zendesk comment
	// longer than a case comment holds: "truncate" (the default) cuts it
	// with a marker, "split" makes several case comments of it.
	LongBodies string `yaml:"long_bodies" json:"long_bodies"`
	// IncludePrivate, for comments, syncs private ticket comments and
	// unpublished case comments too, each staying private on the other
	// side. Off: only public ones are read on either side.
	IncludePrivate bool `yaml:"include_private" json:"include_private"`
	// ReplaceDefaults drops the built-in fields instead of merging over them.
	ReplaceDefaults bool    `yaml:"replace_defaults" json:"replace_defaults"`
	Fields          []Field `yaml:"fields" json:"fields"`
}

// Field fills one Zendesk field from exactly one of Salesforce (a field),
// Join, Template or Constant. Towards Zendesk the value goes through
// Transforms in order, then Values; Default replaces a value Values does
// not map, or an empty value when there is no Values. Towards Salesforce a
// value goes back through ReverseValues (or Values turned round when it is
// one to one); a Join goes back when Reverse is "split"; a Reference goes
// back through the links of the pair it names.
type Field struct {
	Zendesk       string            `yaml:"zendesk" json:"zendesk"`
	Salesforce    string            `yaml:"salesforce,omitempty" json:"salesforce,omitempty"`
	Join          []string          `yaml:"join,omitempty" json:"join,omitempty"`
	Separator     string            `yaml:"separator,omitempty" json:"separator,omitempty"` // for Join, " " when empty
	Template      string            `yaml:"template,omitempty" json:"template,omitempty"`
	Constant      any               `yaml:"constant,omitempty" json:"constant,omitempty"`
	Transforms    []string          `yaml:"transforms,omitempty" json:"transforms,omitempty"`
	Values        map[string]string `yaml:"values,omitempty" json:"values,omitempty"`
	ReverseValues map[string]string `yaml:"reverse_values,omitempty" json:"reverse_values,omitempty"`
	Default       string            `yaml:"default,omitempty" json:"default,omitempty"`
	Reverse       string            `yaml:"reverse,omitempty" json:"reverse,omitempty"`
	// Reference names the pair whose links turn the Salesforce id in
	// Salesforce into the id of its Zendesk record, and back.
	Reference string `yaml:"reference,omitempty" json:"reference,omitempty"`
	// Fallback, for a reference, sets Salesforce fields from the
	// referenced Zendesk record when no link ties it to Salesforce: a
	// requester who is no contact still leaves their email on the case.
	Fallback       map[string]string   `yaml:"fallback,omitempty" json:"fallback,omitempty"`
	Direction      reconcile.Direction `yaml:"direction,omitempty" json:"direction,omitempty"`
	ConflictPolicy reconcile.Policy    `yaml:"conflict_policy,omitempty" json:"conflict_policy,omitempty"`

	line    int  // in the mapping file, 0 for built-in fields
	builtin bool // a default rule, not written by the user
}

// New is the built-in mapping of the given pairs, in their order.
func New(defaults []Pair) *Config {
	c := &Config{ConflictPolicy: reconcile.ZendeskWins}
	for _, p := range defaults {
		p.Fields = slices.Clone(p.Fields)
		for i := range p.Fields {
			p.Fields[i].builtin = true
		}
		c.pairs = append(c.pairs, &p)
	}
	return c
}

// Pair returns the mapping of a pair, nil for an unknown name.
func (c *Config) Pair(name string) *Pair {
	for _, p := range c.pairs {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Pairs returns every pair in declaration order.
func (c *Config) Pairs() []*Pair { return c.pairs }

// On tells whether the pair runs when a sync names no pairs.
func (p *Pair) On() bool { return p.Enabled == nil || *p.Enabled }
