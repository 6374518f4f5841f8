package salesforce

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Record is one sObject row as Salesforce returns it: field API name to
// value, with JSON numbers as float64, related records as nested maps and
// an "attributes" entry naming the type.
type Record map[string]any

// ID returns the record's Id.
func (r Record) ID() string { return r.String("Id") }

// Type returns attributes.type, e.g. "Contact".
func (r Record) Type() string { return r.String("attributes.type") }

// String returns a field as text, "" when absent or null. A dotted name walks
// relationship fields ("Account.Name"); numbers and booleans are formatted.
func (r Record) String(field string) string {
	v, ok := r.lookup(field)
	if !ok {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return x.String()
	case nil:
		return ""
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return ""
		}
		return string(b)
	}
}

// Time parses a datetime or date field. It reports false when the field is
// absent, null or not a Salesforce datetime.
func (r Record) Time(field string) (time.Time, bool) {
	s := r.String(field)
	if s == "" {
		return time.Time{}, false
	}
	t, err := parseTime(s)
	return t, err == nil
}

func (r Record) lookup(field string) (any, bool) {
	var cur any = map[string]any(r)
	for _, part := range strings.Split(field, ".") {
		m, ok := asMap(cur)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func asMap(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case Record:
		return m, true
	case map[string]string:
		// As a caller writes attributes by hand: {"type": "Contact"}.
		out := make(map[string]any, len(m))
		for k, s := range m {
			out[k] = s
		}
		return out, true
	}
	return nil, false
}

// timeLayouts are the forms Salesforce uses: "2026-01-02T15:04:05.000+0000"
// in REST bodies, RFC 3339 in some endpoints, plain dates for date fields.
// Fractional seconds are accepted by Go even when the layout omits them.
var timeLayouts = []string{"2006-01-02T15:04:05Z0700", time.RFC3339, "2006-01-02"}

func parseTime(s string) (time.Time, error) {
	var err error
	for _, layout := range timeLayouts {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}
