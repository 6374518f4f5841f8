package seed

import (
	"strings"

	"github.com/crmsync/crmsync/sandbox/zendesk/rules"
)

// ZendeskEmailValid reports whether Zendesk would accept s as a user email:
// the Zendesk simulator's own rule, so that what the seed counts as invalid
// is exactly what the simulator refuses. Seed data holds addresses
// Salesforce kept after imports that fail it.
func ZendeskEmailValid(s string) bool { return rules.EmailValid(s) }

// EmailKey is the form two emails are compared in: both services treat
// addresses case-insensitively and ignore surrounding white space.
func EmailKey(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}
