package record

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// Equal tells whether two values mean the same to a sync: an absent value,
// an empty string and an empty list are all "empty"; numbers compare by
// value whatever their Go type; lists compare as sets (both APIs may
// reorder tags and domains); maps compare key by key under these rules.
// Equality decides whether a side changed since the baseline, so any false
// difference here would become a write or a false conflict.
func Equal(a, b any) bool { return Canonical(a) == Canonical(b) }

// Canonical is a value's comparison form; see Equal.
func Canonical(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x == "" {
			return ""
		}
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 64)
	case int:
		return strconv.FormatFloat(float64(x), 'g', -1, 64)
	case int64:
		return strconv.FormatFloat(float64(x), 'g', -1, 64)
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return x.String()
	case []string:
		items := make([]any, len(x))
		for i, s := range x {
			items[i] = s
		}
		return canonicalList(items)
	case []any:
		return canonicalList(x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k, item := range x {
			if Canonical(item) != "" {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			return ""
		}
		slices.Sort(keys)
		out := "{"
		for i, k := range keys {
			if i > 0 {
				out += ","
			}
			out += strconv.Quote(k) + ":" + Canonical(x[k])
		}
		return out + "}"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func canonicalList(items []any) string {
	var parts []string
	for _, it := range items {
		if c := Canonical(it); c != "" {
			parts = append(parts, c)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	slices.Sort(parts)
	parts = slices.Compact(parts)
	out := "["
	for i, p := range parts {
		if i > 0 {
			out += ","
		}
		out += p
	}
	return out + "]"
}

// Text renders a value for people and logs: a string as it is, nothing as
// "", the value of a one-field map (a Salesforce side of one field) as
// that value, anything else as JSON.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case map[string]any:
		if len(x) == 1 {
			for _, only := range x {
				return Text(only)
			}
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
