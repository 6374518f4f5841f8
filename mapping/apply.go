package mapping

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// MapAccount maps a Salesforce Account to a Zendesk organization. A record
// Zendesk would refuse gives a *Rejection; other errors are configuration
// errors that Validate reports up front.
func (c *Config) MapAccount(rec map[string]any) (Organization, error) {
	id := strings.TrimSpace(text(lookup(rec, "Id")))
	if id == "" {
		return Organization{}, reject("external_id", "the record has no Id")
	}
	o := Organization{ExternalID: id, OrganizationFields: map[string]any{}}
	for _, f := range c.Accounts.Fields {
		kind, err := classify(Account, f.Target)
		if err != nil {
			return Organization{}, fmt.Errorf("map account: %w", err)
		}
		v, err := f.evaluate(rec, kind)
		if err != nil {
			return Organization{}, fmt.Errorf("map account: %w", err)
		}
		switch f.Target {
		case "name":
			o.Name = v.(string)
		case "details":
			o.Details = v.(string)
		case "notes":
			o.Notes = v.(string)
		case "domain_names":
			o.DomainNames = merge(o.DomainNames, v.([]string))
		case "tags":
			o.Tags = merge(o.Tags, tags(v.([]string)))
		default:
			o.OrganizationFields[strings.TrimPrefix(f.Target, orgFieldPrefix)] = v
		}
	}
	o.Name = strings.TrimSpace(o.Name)
	if r := checkName(o.Name); r != nil {
		return Organization{}, r
	}
	for _, d := range o.DomainNames {
		if !validHostname(d) {
			return Organization{}, reject("domain_names", "%q is not a valid host name", d)
		}
	}
	return o, nil
}

// MapContact maps a Salesforce Contact to a Zendesk end user; errors as
// for MapAccount.
func (c *Config) MapContact(rec map[string]any) (User, error) {
	id := strings.TrimSpace(text(lookup(rec, "Id")))
	if id == "" {
		return User{}, reject("external_id", "the record has no Id")
	}
	u := User{
		ExternalID: id,
		AccountID:  strings.TrimSpace(text(lookup(rec, "AccountId"))),
		Role:       "end-user",
		UserFields: map[string]any{},
	}
	for _, f := range c.Contacts.Fields {
		kind, err := classify(Contact, f.Target)
		if err != nil {
			return User{}, fmt.Errorf("map contact: %w", err)
		}
		v, err := f.evaluate(rec, kind)
		if err != nil {
			return User{}, fmt.Errorf("map contact: %w", err)
		}
		switch f.Target {
		case "name":
			u.Name = v.(string)
		case "email":
			u.Email = v.(string)
		case "phone":
			u.Phone = v.(string)
		case "tags":
			u.Tags = merge(u.Tags, tags(v.([]string)))
		default:
			u.UserFields[strings.TrimPrefix(f.Target, userFieldPrefix)] = v
		}
	}
	// Zendesk trims names and compares emails case-insensitively; doing
	// the same here keeps the hash from changing over a case difference.
	u.Name = strings.TrimSpace(u.Name)
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Phone = strings.TrimSpace(u.Phone)
	if r := checkName(u.Name); r != nil {
		return User{}, r
	}
	if u.Email != "" && !validEmail(u.Email) {
		return User{}, reject("email", "%q is not a valid email address", u.Email)
	}
	if n := utf8.RuneCountInString(u.Phone); n > maxPhoneLen {
		return User{}, reject("phone", "%q is %d characters long, at most %d are allowed", u.Phone, n, maxPhoneLen)
	}
	return u, nil
}

// merge unions two sorted lists; several fields may fill one list target.
func merge(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	seen := make(map[string]bool, len(a)+len(b))
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

func tags(vals []string) []string {
	var out []string
	for _, v := range vals {
		if t := tag(v); t != "" {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
