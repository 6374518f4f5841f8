package salesforce

import (
	"strings"
	"time"
)

var soqlEscaper = strings.NewReplacer(
	`\`, `\\`,
	`'`, `\'`,
	`"`, `\"`,
	"\n", `\n`,
	"\r", `\r`,
	"\t", `\t`,
	"\b", `\b`,
	"\f", `\f`,
)

// QuoteString returns s as a SOQL string literal, single quotes included.
// LIKE wildcards (% and _) are left alone: they are literal outside LIKE.
func QuoteString(s string) string {
	return "'" + soqlEscaper.Replace(s) + "'"
}

// FormatDateTime returns t as a SOQL datetime literal (used unquoted).
// Sub-second precision is dropped, so for an exclusive upper bound round up
// first if the fraction matters.
func FormatDateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
