package mapping

import (
	"errors"
	"fmt"

	"github.com/crmsync/crmsync/record"
)

// Validate checks the whole configuration against the fields Salesforce's
// describe reports per object (known["Account"], known["Contact"]). An
// object missing from known has its field names left unchecked; the rest
// (targets, transforms, templates, filter syntax, directions, policies,
// whether a two-way field can be inverted) is always checked. Every
// problem is reported, each naming the pair, the entry and the problem.
func (c *Config) Validate(known map[string][]string) error {
	var errs []error
	if err := c.ConflictPolicy.Check(); err != nil {
		errs = append(errs, err)
	}
	for _, p := range c.pairs {
		errs = append(errs, c.validatePair(p, knownSet(known[p.Object]))...)
	}
	return errors.Join(errs...)
}

func (c *Config) validatePair(p *Pair, known fieldSet) []error {
	var errs []error
	fail := func(err error) { errs = append(errs, fmt.Errorf("%s: %w", p.Name, err)) }
	if err := ValidateFilter(p.Filter, fieldNames(known)); err != nil {
		fail(err)
	}
	if err := ValidateFilter(p.Publish, fieldNames(known)); err != nil {
		fail(fmt.Errorf("publish: %w", err))
	}
	if p.Direction != "" {
		if err := p.Direction.Check(); err != nil {
			fail(err)
		}
	}
	if p.ConflictPolicy != "" {
		if err := p.ConflictPolicy.Check(); err != nil {
			fail(err)
		}
	}
	if p.IncludePrivate && p.Kind != Comment {
		fail(errors.New("include_private: only comments have private records"))
	}
	switch {
	case p.LongBodies != "" && p.Kind != Comment:
		fail(errors.New("long_bodies: only comments have bodies"))
	case p.LongBodies != "" && p.LongBodies != LongBodiesTruncate && p.LongBodies != LongBodiesSplit:
		fail(fmt.Errorf("long_bodies %q: want %q or %q", p.LongBodies, LongBodiesTruncate, LongBodiesSplit))
	}
	if err := p.validateDefaultAssignee(); err != nil {
		fail(err)
	}
	if err := p.validateMissingContacts(); err != nil {
		fail(err)
	}
	if err := p.validateDeletes(); err != nil {
		fail(err)
	}
	if p.DeletedField != "" {
		if err := known.check(p.DeletedField); err != nil {
			fail(fmt.Errorf("deleted_field: %w", err))
		}
	}
	seen := map[string]int{}
	hasName := false
	for i := range p.Fields {
		f := &p.Fields[i]
		_, err := c.validateField(p, f, known)
		if err != nil {
			fail(fmt.Errorf("%s: %w", f.describe(i), err))
			continue
		}
		hasName = hasName || f.Zendesk == "name"
		if prev, dup := seen[f.Zendesk]; dup {
			fail(fmt.Errorf("%s: zendesk field is already filled by %s", f.describe(i), p.Fields[prev].describe(prev)))
		}
		seen[f.Zendesk] = i
	}
	if !hasName && (p.Kind == Organization || p.Kind == User) {
		fail(errors.New("no field maps to name, which Zendesk requires"))
	}
	return errs
}

// What long_bodies accepts.
const (
	LongBodiesTruncate = "truncate"
	LongBodiesSplit    = "split"
)

// fieldNames turns a set back into names for ValidateFilter; nil stays nil.
func fieldNames(s fieldSet) []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s))
	for n := range s {
		out = append(out, n)
	}
	return out
}

// describe names a field entry in errors: its position, target and line.
func (f Field) describe(i int) string {
	s := fmt.Sprintf("field %d (zendesk %q", i+1, f.Zendesk)
	if f.line > 0 {
		s += fmt.Sprintf(", line %d", f.line)
	}
	return s + ")"
}

func (c *Config) validateField(p *Pair, f *Field, known fieldSet) (targetKind, error) {
	kind, err := classify(p.Kind, f.Zendesk)
	if err != nil {
		return 0, err
	}
	set := 0
	for _, given := range []bool{f.Salesforce != "", len(f.Join) > 0, f.Template != "", f.Constant != nil} {
		if given {
			set++
		}
	}
	if set != 1 {
		return 0, errors.New("needs exactly one of salesforce, join, template or constant")
	}
	for _, t := range f.Transforms {
		if _, ok := transforms[t]; !ok {
			return 0, fmt.Errorf("unknown transform %q (known: trim, lower, upper, squash, host)", t)
		}
	}
	if f.Constant != nil {
		if err := checkConstant(f.Constant, kind); err != nil {
			return 0, err
		}
	}
	if f.Template != "" {
		if _, err := parseTemplate(f.Template); err != nil {
			return 0, err
		}
	}
	if f.Separator != "" && len(f.Join) == 0 {
		return 0, errors.New("separator is only used with join")
	}
	if f.Reverse != "" && f.Reverse != "split" {
		return 0, fmt.Errorf("reverse %q: the only reverse rule is \"split\"", f.Reverse)
	}
	if f.ReverseValues != nil && f.Values == nil {
		return 0, errors.New("reverse_values needs values")
	}
	if (kind == referenceTarget) != (f.Reference != "") {
		return 0, fmt.Errorf("%s needs reference (the pair whose links resolve it), and only it takes one", f.Zendesk)
	}
	if f.Reference != "" && (c.Pair(f.Reference) == nil || f.Salesforce == "") {
		return 0, fmt.Errorf("reference %q: needs a salesforce id field and a known pair", f.Reference)
	}
	if kind == personTarget && f.Salesforce == "" {
		return 0, fmt.Errorf("%s needs salesforce: the user field (e.g. OwnerId) it matches by email", f.Zendesk)
	}
	if f.Fallback != nil && f.Reference == "" {
		return 0, errors.New("fallback needs reference")
	}
	for sf := range f.Fallback {
		if err := known.check(sf); err != nil {
			return 0, fmt.Errorf("fallback: %w", err)
		}
	}
	if f.Direction != "" {
		if err := f.Direction.Check(); err != nil {
			return 0, err
		}
	}
	if f.ConflictPolicy != "" {
		if err := f.ConflictPolicy.Check(); err != nil {
			return 0, err
		}
	}
	for _, src := range f.sources() {
		if !fieldPath.MatchString(src) {
			return 0, fmt.Errorf("source %q is not a field name", src)
		}
		if err := known.check(src); err != nil {
			return 0, fmt.Errorf("salesforce: %w", err)
		}
	}
	if p.DirectionOf(f).From(record.Zendesk) {
		if err := f.invertible(p.Kind); err != nil {
			return 0, fmt.Errorf("flows %s but cannot be carried back to Salesforce: %w", p.DirectionOf(f), err)
		}
	}
	return kind, nil
}

// checkConstant accepts what the target can hold: text for text targets,
// text or a list of texts for lists, and also numbers and booleans for
// custom fields.
func checkConstant(c any, kind targetKind) error {
	switch x := c.(type) {
	case string:
		return nil
	case bool, int, float64:
		if kind == customTarget {
			return nil
		}
	case []any:
		if kind != listTarget {
			return errors.New("a list constant needs a list target (tags, domain_names)")
		}
		for _, item := range x {
			if _, ok := item.(string); !ok {
				return fmt.Errorf("list constant item %v is not a string", item)
			}
		}
		return nil
	}
	return fmt.Errorf("constant %v (%T) does not fit this target", c, c)
}
