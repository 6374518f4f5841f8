package mapping

import (
	"fmt"
	"strings"
)

// Kinds of Zendesk record a pair writes.
const (
	Organization = "organization"
	User         = "user"
	Ticket       = "ticket"
	Comment      = "comment"
)

// targetKind says how a mapped value is stored.
type targetKind int

const (
	scalarTarget    targetKind = iota // a string
	listTarget                        // a list of strings
	customTarget                      // a custom field: string, number, bool or null
	referenceTarget                   // the id of a record of another pair
	personTarget                      // a Zendesk agent, matched to a Salesforce user by email
)

// customPrefix is where each kind keeps its custom fields.
var customPrefix = map[string]string{Organization: "organization_fields.", User: "user_fields."}

var targetsByKind = map[string]map[string]targetKind{
	Organization: {"name": scalarTarget, "details": scalarTarget, "notes": scalarTarget, "domain_names": listTarget, "tags": listTarget},
	User:         {"name": scalarTarget, "email": scalarTarget, "phone": scalarTarget, "tags": listTarget, "organization_id": referenceTarget},
	Ticket: {"subject": scalarTarget, "description": scalarTarget, "status": scalarTarget, "priority": scalarTarget,
		"type": scalarTarget, "tags": listTarget, "requester_id": referenceTarget, "organization_id": referenceTarget,
		"assignee_id": personTarget},
	Comment: {"body": scalarTarget, "author_id": personTarget, "public": customTarget},
}

// classify checks that target is one a kind of record may map to.
func classify(kind, target string) (targetKind, error) {
	if target == "external_id" {
		return 0, fmt.Errorf("target external_id is always the Salesforce Id and cannot be mapped")
	}
	if k, ok := targetsByKind[kind][target]; ok {
		return k, nil
	}
	if key, ok := strings.CutPrefix(target, customPrefix[kind]); ok {
		if !validKey.MatchString(key) {
			return 0, fmt.Errorf("target %q: custom field key must be letters, digits and underscores, not only digits", target)
		}
		return customTarget, nil
	}
	return 0, fmt.Errorf("unknown zendesk field %q (allowed: %s)", target, allowedTargets(kind))
}

func allowedTargets(kind string) string {
	switch kind {
	case Organization:
		return "name, details, notes, domain_names, tags, organization_fields.<key>"
	case Ticket:
		return "subject, description, status, priority, type, tags, requester_id, organization_id, assignee_id"
	case Comment:
		return "body, author_id, public"
	}
	return "name, email, phone, tags, organization_id, user_fields.<key>"
}
