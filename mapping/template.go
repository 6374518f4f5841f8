package mapping

import (
	"fmt"
	"regexp"
	"strings"
)

// templatePart is literal text, or a field path when field is set.
type templatePart struct {
	literal string
	field   string
}

// fieldPath is a Salesforce field name or a dotted relationship path.
var fieldPath = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$`)

// parseTemplate splits "{{Industry}} / {{Account.Name}}" into parts.
func parseTemplate(s string) ([]templatePart, error) {
	var parts []templatePart
	rest := s
	for {
		open := strings.Index(rest, "{{")
		if open < 0 {
			if strings.Contains(rest, "}}") {
				return nil, fmt.Errorf("template %q: \"}}\" without \"{{\"", s)
			}
			if rest != "" {
				parts = append(parts, templatePart{literal: rest})
			}
			return parts, nil
		}
		if strings.Contains(rest[:open], "}}") {
			return nil, fmt.Errorf("template %q: \"}}\" without \"{{\"", s)
		}
		if open > 0 {
			parts = append(parts, templatePart{literal: rest[:open]})
		}
		rest = rest[open+2:]
		end := strings.Index(rest, "}}")
		if end < 0 {
			return nil, fmt.Errorf("template %q: \"{{\" is never closed", s)
		}
		name := strings.TrimSpace(rest[:end])
		if !fieldPath.MatchString(name) {
			return nil, fmt.Errorf("template %q: %q is not a field name", s, name)
		}
		parts = append(parts, templatePart{field: name})
		rest = rest[end+2:]
	}
}

func renderTemplate(parts []templatePart, rec map[string]any) string {
	var b strings.Builder
	for _, p := range parts {
		if p.field != "" {
			b.WriteString(text(lookup(rec, p.field)))
		} else {
			b.WriteString(p.literal)
		}
	}
	return b.String()
}
