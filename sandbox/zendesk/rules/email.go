// Package rules holds the Zendesk account rules that more than the
// simulator needs: the seed generator applies the same ones to decide which
// Salesforce contacts Zendesk will refuse, so the two cannot drift apart.
package rules

import "regexp"

// emailFormat is stricter than Salesforce's check, as Zendesk's is: one @,
// a dot-atom local part, and a domain of dotted labels ending in a
// letters-only TLD. Zendesk does not publish its rule; this is the
// sandbox's model of it.
var emailFormat = regexp.MustCompile(
	`^[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+)*` +
		`@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$`)

// maxEmailLen is the longest address RFC 5321 allows.
const maxEmailLen = 254

// EmailValid reports whether Zendesk accepts s as a user's email address.
func EmailValid(s string) bool {
	return len(s) <= maxEmailLen && emailFormat.MatchString(s)
}
