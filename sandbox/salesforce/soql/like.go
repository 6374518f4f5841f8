package soql

import (
	"regexp"
	"strings"
)

// CompileLike turns a LIKE pattern (% any run, _ one character, \% and \_
// literal) into a case-insensitive matcher, as SOQL's LIKE is.
func CompileLike(pattern string) func(string) bool {
	var b strings.Builder
	b.WriteString(`(?is)^`)
	escaped := false
	for _, r := range pattern {
		switch {
		case escaped:
			escaped = false
			if r != '%' && r != '_' {
				b.WriteString(regexp.QuoteMeta(`\`))
			}
			b.WriteString(regexp.QuoteMeta(string(r)))
		case r == '\\':
			escaped = true
		case r == '%':
			b.WriteString(`.*`)
		case r == '_':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	if escaped {
		b.WriteString(regexp.QuoteMeta(`\`))
	}
	b.WriteString(`$`)
	re := regexp.MustCompile(b.String())
	return re.MatchString
}

// Unescape drops the backslash SOQL keeps before % and _ in a string
// literal, for every use but LIKE.
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.NewReplacer(`\%`, `%`, `\_`, `_`).Replace(s)
}
