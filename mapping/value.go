package mapping

import (
	"encoding/json"
	"strconv"
	"strings"
)

// lookup returns the value at a field path such as "Name" or "Account.Name"
// in a record decoded from Salesforce JSON, nil when any step is missing.
// SOQL field names are case-insensitive, so a path written in another case
// than the API returns still resolves.
func lookup(rec map[string]any, path string) any {
	var cur any = rec
	for part := range strings.SplitSeq(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		v, ok := m[part]
		if !ok {
			v = lookupFold(m, part)
		}
		cur = v
	}
	return cur
}

func lookupFold(m map[string]any, key string) any {
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

// text renders a scalar JSON value as Salesforce shows it; non-scalars
// (relationship objects, arrays) have no text.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case json.Number:
		return x.String()
	default:
		return ""
	}
}
