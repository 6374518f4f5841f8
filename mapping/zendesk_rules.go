package mapping

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Zendesk's limits. Zendesk documents that names are required and
// organization names unique, but not their maximum lengths: 255 is the
// usual column size and equals Salesforce's Account.Name limit (chosen,
// unconfirmed). Emails follow RFC 5321's 254. Zendesk stores phone numbers
// as free text; 40 matches Salesforce's Phone length (chosen, unconfirmed).
const (
	maxNameLen  = 255
	maxEmailLen = 254
	maxPhoneLen = 40
)

// emailLocal is a dot-atom local part: RFC 5322 atext, dots only between
// characters. Quoted local parts are rejected: Zendesk refuses them too in
// practice (unconfirmed).
var emailLocal = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")

// hostLabel is one DNS label: letters, digits, inner hyphens, ≤63 chars.
var hostLabel = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// topLabel is a top-level domain: letters, or an IDN's "xn--" form.
var topLabel = regexp.MustCompile(`^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$`)

// validEmail approximates what Zendesk accepts: one @, a dot-atom local
// part of at most 64 characters, and a domain that is a valid host name.
func validEmail(e string) bool {
	if len(e) > maxEmailLen {
		return false
	}
	local, domain, ok := strings.Cut(e, "@")
	if !ok || len(local) > 64 || !emailLocal.MatchString(local) {
		return false
	}
	return validHostname(strings.ToLower(domain))
}

// validHostname accepts lower-case DNS names of two or more labels.
func validHostname(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !hostLabel.MatchString(l) {
			return false
		}
	}
	return topLabel.MatchString(labels[len(labels)-1])
}

// checkName applies Zendesk's rules for user and organization names.
func checkName(name string) *Rejection {
	if name == "" {
		return reject("name", "is required")
	}
	if n := utf8.RuneCountInString(name); n > maxNameLen {
		return reject("name", "is %d characters long, Zendesk allows at most %d", n, maxNameLen)
	}
	return nil
}

// validKey is a Zendesk custom field key: letters, digits and underscores,
// not only digits.
var validKey = regexp.MustCompile(`^[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*$`)

// tag normalises a value to a Zendesk tag: Zendesk tags are lower-case and
// a space separates two tags, so inner white space becomes "_".
func tag(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "_")) }

// CheckZendesk applies Zendesk's rules to the fields about to be written:
// a name (required on creating a user or an organization), a valid email, a phone Zendesk stores,
// valid domain names. A record that breaks one is rejected, not written.
func CheckZendesk(kind string, fields map[string]any, create bool) *Rejection {
	if name, ok := fields["name"]; ok || create && (kind == Organization || kind == User) {
		if r := checkName(text(name)); r != nil {
			return r
		}
	}
	if e := text(fields["email"]); e != "" && !validEmail(e) {
		return reject("email", "%q is not a valid email address", e)
	}
	if n := utf8.RuneCountInString(text(fields["phone"])); n > maxPhoneLen {
		return reject("phone", "%q is %d characters long, at most %d are allowed", text(fields["phone"]), n, maxPhoneLen)
	}
	for _, d := range items(fields["domain_names"]) {
		if !validHostname(d) {
			return reject("domain_names", "%q is not a valid host name", d)
		}
	}
	return nil
}
