package mapping

import (
	"fmt"
	"strings"
)

// targetKind says how a mapped value is stored.
type targetKind int

const (
	scalarTarget targetKind = iota // a string
	listTarget                     // a list of strings
	customTarget                   // a custom field: string, number, bool or null
)

// Prefixes of custom field targets.
const (
	orgFieldPrefix  = "organization_fields."
	userFieldPrefix = "user_fields."
)

var targetsByObject = map[string]map[string]targetKind{
	Account: {"name": scalarTarget, "details": scalarTarget, "notes": scalarTarget, "domain_names": listTarget, "tags": listTarget},
	Contact: {"name": scalarTarget, "email": scalarTarget, "phone": scalarTarget, "tags": listTarget},
}

// classify checks that target is one object may map to.
func classify(object, target string) (targetKind, error) {
	if target == "external_id" {
		return 0, fmt.Errorf("target external_id is always the Salesforce Id and cannot be mapped")
	}
	if k, ok := targetsByObject[object][target]; ok {
		return k, nil
	}
	prefix := orgFieldPrefix
	if object == Contact {
		prefix = userFieldPrefix
	}
	if key, ok := strings.CutPrefix(target, prefix); ok {
		if !validKey.MatchString(key) {
			return 0, fmt.Errorf("target %q: custom field key must be letters, digits and underscores, not only digits", target)
		}
		return customTarget, nil
	}
	return 0, fmt.Errorf("unknown target %q (allowed: %s)", target, allowedTargets(object))
}

func allowedTargets(object string) string {
	if object == Account {
		return "name, details, notes, domain_names, tags, organization_fields.<key>"
	}
	return "name, email, phone, tags, user_fields.<key>"
}
