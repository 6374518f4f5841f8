package mapping

import (
	"fmt"
	"slices"
	"strings"
)

// evaluate computes the field's value for rec: a string for scalar targets,
// a sorted de-duplicated []string for list targets, and for custom fields a
// string, bool, number or nil (nil clears the Zendesk field).
func (f Field) evaluate(rec map[string]any, kind targetKind) (any, error) {
	raw, err := f.raw(rec)
	if err != nil {
		return nil, err
	}
	if kind == listTarget {
		var out []string
		for _, item := range items(raw) {
			if v := f.finish(item); v != "" {
				out = append(out, v)
			}
		}
		slices.Sort(out)
		return slices.Compact(out), nil
	}
	if kind == customTarget && len(f.Transforms) == 0 && f.Values == nil {
		// Checkbox and number fields keep their JSON type.
		switch raw.(type) {
		case bool, float64, int:
			return raw, nil
		}
	}
	s := f.finish(text(raw))
	if kind == customTarget && s == "" {
		return nil, nil
	}
	return s, nil
}

// raw is the value before transforms.
func (f Field) raw(rec map[string]any) (any, error) {
	switch {
	case f.Constant != nil:
		return f.Constant, nil
	case f.Template != "":
		parts, err := parseTemplate(f.Template)
		if err != nil {
			return nil, err
		}
		return renderTemplate(parts, rec), nil
	case len(f.Join) > 0:
		sep := f.Separator
		if sep == "" {
			sep = " "
		}
		var vals []string
		for _, p := range f.Join {
			if v := strings.TrimSpace(text(lookup(rec, p))); v != "" {
				vals = append(vals, v)
			}
		}
		return strings.Join(vals, sep), nil
	case f.Salesforce != "":
		return lookup(rec, f.Salesforce), nil
	}
	return nil, fmt.Errorf("field %q has no source, join, template or constant", f.Zendesk)
}

// items splits a value for a list target. A string holds Salesforce's
// multi-select picklist form "a;b;c".
func items(raw any) []string {
	switch x := raw.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, v := range x {
			out = append(out, text(v))
		}
		return out
	case []string:
		return x
	case nil:
		return nil
	default:
		return strings.Split(text(raw), ";")
	}
}

// finish applies transforms, then the value map and default.
func (f Field) finish(s string) string {
	for _, name := range f.Transforms {
		if t, ok := transforms[name]; ok {
			s = t(s)
		}
	}
	if f.Values != nil {
		if v, ok := f.Values[s]; ok {
			return v
		}
		return f.Default
	}
	if s == "" {
		return f.Default
	}
	return s
}
