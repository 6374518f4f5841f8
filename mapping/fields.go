package mapping

import (
	"fmt"
	"slices"
	"strings"
)

// fieldSet is the set of an object's field names, upper-cased, as
// Salesforce's describe lists them. A nil set accepts every name.
type fieldSet map[string]bool

func knownSet(names []string) fieldSet {
	if names == nil {
		return nil
	}
	s := make(fieldSet, len(names))
	for _, n := range names {
		s[strings.ToUpper(n)] = true
	}
	return s
}

// check accepts a known field, or a relationship path whose first step
// is a known lookup: Account.Name needs AccountId, Parent__r.Name needs
// Parent__c.
func (s fieldSet) check(path string) error {
	if s == nil {
		return nil
	}
	first, _, dotted := strings.Cut(path, ".")
	if !dotted {
		if s[strings.ToUpper(path)] {
			return nil
		}
		return fmt.Errorf("unknown field %q", path)
	}
	up := strings.ToUpper(first)
	if custom, ok := strings.CutSuffix(up, "__R"); ok {
		if s[custom+"__C"] {
			return nil
		}
	} else if s[up+"ID"] {
		return nil
	}
	return fmt.Errorf("unknown relationship %q in %q", first, path)
}

// SourceFields returns the Salesforce fields to SELECT for the pair: the
// given ones the sync always needs, then every field a rule reads, sorted
// and without duplicates (compared case-insensitively, as SOQL does).
func (p *Pair) SourceFields(always ...string) []string {
	names := slices.Clone(always)
	for _, f := range p.Fields {
		names = append(names, f.sources()...)
		// A fallback's fields are read too, though they are no part of
		// the field's value.
		for sf := range f.Fallback {
			names = append(names, sf)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if key := strings.ToUpper(n); !seen[key] {
			seen[key] = true
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// sources lists the Salesforce fields a field reads; a template that does
// not parse reads none (Validate reports it).
func (f Field) sources() []string {
	if f.Constant != nil {
		return nil
	}
	switch {
	case f.Template != "":
		parts, err := parseTemplate(f.Template)
		if err != nil {
			return nil
		}
		var out []string
		for _, p := range parts {
			if p.field != "" {
				out = append(out, p.field)
			}
		}
		return out
	case len(f.Join) > 0:
		return f.Join
	case f.Salesforce != "":
		return []string{f.Salesforce}
	}
	return nil
}
