package seed

import (
	"regexp"
	"strings"
)

// zendeskEmail is stricter than Salesforce's check, as Zendesk's is: one @,
// a dot-atom local part, and a domain of dotted labels ending in a letters-only
// TLD. Zendesk does not publish its rule; this is the seed's model of it.
var zendeskEmail = regexp.MustCompile(
	`^[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+)*` +
		`@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$`)

// ZendeskEmailValid reports whether Zendesk would accept s as a user email.
// Seed data holds addresses Salesforce kept after imports that fail this.
func ZendeskEmailValid(s string) bool {
	return len(s) <= 254 && zendeskEmail.MatchString(s)
}

// EmailKey is the form two emails are compared in: both services treat
// addresses case-insensitively and ignore surrounding white space.
func EmailKey(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}
