package mapping

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Organization is a Zendesk organization as mapped from a Salesforce Account.
type Organization struct {
	ExternalID         string         `json:"external_id"`
	Name               string         `json:"name"`
	DomainNames        []string       `json:"domain_names"`
	Details            string         `json:"details"`
	Notes              string         `json:"notes"`
	Tags               []string       `json:"tags"`
	OrganizationFields map[string]any `json:"organization_fields"`
}

// User is a Zendesk end user as mapped from a Salesforce Contact.
type User struct {
	ExternalID string `json:"external_id"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	// AccountID is the Salesforce AccountId; the caller resolves it to a
	// Zendesk organization_id through the links of synced accounts.
	AccountID  string         `json:"account_id"`
	Role       string         `json:"role"`
	Tags       []string       `json:"tags"`
	UserFields map[string]any `json:"user_fields"`
}

// Hash is a digest of every mapped value, so a record whose hash matches
// the one stored at the last write needs no write. encoding/json sorts map
// keys and mapping sorts lists, which makes the digest stable.
func (o Organization) Hash() string { return digest("organization/v1", o) }

// Hash is a digest of every mapped value; see Organization.Hash.
func (u User) Hash() string { return digest("user/v1", u) }

func digest(kind string, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Mapped values are strings, bools, numbers and string lists only;
		// a value json cannot encode is a bug in this package.
		panic("mapping: hash " + kind + ": " + err.Error())
	}
	sum := sha256.Sum256(append([]byte(kind+"\x00"), b...))
	return hex.EncodeToString(sum[:])
}
