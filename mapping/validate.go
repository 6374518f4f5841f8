package mapping

import (
	"errors"
	"fmt"
)

// Validate checks the whole configuration against the fields Salesforce's
// describe reports per object (known["Account"], known["Contact"]). An
// object missing from known has its field names left unchecked; the rest
// (targets, transforms, templates, filter syntax) is always checked. Every
// problem is reported, each naming the object, the entry and the problem.
func (c *Config) Validate(known map[string][]string) error {
	var errs []error
	for _, object := range []string{Account, Contact} {
		errs = append(errs, c.object(object).validate(object, knownSet(known[object]))...)
	}
	return errors.Join(errs...)
}

func (o *Object) validate(object string, known fieldSet) []error {
	var errs []error
	fail := func(err error) { errs = append(errs, fmt.Errorf("mapping: %s: %w", object, err)) }
	if err := ValidateFilter(o.Filter, fieldNames(known)); err != nil {
		fail(err)
	}
	seen := map[string]int{}
	hasName := false
	for i, f := range o.Fields {
		kind, err := f.validate(object, known)
		if err != nil {
			fail(fmt.Errorf("%s: %w", f.describe(i), err))
			continue
		}
		hasName = hasName || f.Target == "name"
		if prev, dup := seen[f.Target]; dup && kind != listTarget {
			fail(fmt.Errorf("%s: target is already filled by %s", f.describe(i), o.Fields[prev].describe(prev)))
		}
		seen[f.Target] = i
	}
	if !hasName {
		fail(errors.New("no field maps to name, which Zendesk requires"))
	}
	return errs
}

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
	s := fmt.Sprintf("field %d (target %q", i+1, f.Target)
	if f.line > 0 {
		s += fmt.Sprintf(", line %d", f.line)
	}
	return s + ")"
}

func (f Field) validate(object string, known fieldSet) (targetKind, error) {
	kind, err := classify(object, f.Target)
	if err != nil {
		return 0, err
	}
	set := 0
	for _, given := range []bool{f.Source != "", len(f.Join) > 0, f.Template != "", f.Constant != nil} {
		if given {
			set++
		}
	}
	if set != 1 {
		return 0, errors.New("needs exactly one of source, join, template or constant")
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
	for _, src := range f.sources() {
		if !fieldPath.MatchString(src) {
			return 0, fmt.Errorf("source %q is not a field name", src)
		}
		if err := known.check(src); err != nil {
			return 0, fmt.Errorf("source: %w", err)
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
