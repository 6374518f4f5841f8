package zendesk

import (
	"slices"
	"strings"
	"time"
)

// user is a stored user. Stored records are never changed in place: an
// update stores a modified copy, so a record read under the lock stays
// valid after it is released.
type user struct {
	ID             int64
	Name           string
	Email          string
	Phone          string
	ExternalID     string
	OrganizationID int64
	Role           string
	Active         bool
	Suspended      bool
	Verified       bool
	Tags           []string
	UserFields     map[string]any
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

type userJSON struct {
	ID             int64          `json:"id"`
	URL            string         `json:"url"`
	Name           string         `json:"name"`
	Email          *string        `json:"email"`
	Phone          *string        `json:"phone"`
	ExternalID     *string        `json:"external_id"`
	OrganizationID *int64         `json:"organization_id"`
	Role           string         `json:"role"`
	Active         bool           `json:"active"`
	Suspended      bool           `json:"suspended"`
	Verified       bool           `json:"verified"`
	Tags           []string       `json:"tags"`
	UserFields     map[string]any `json:"user_fields"`
	CreatedAt      string         `json:"created_at"`
	UpdatedAt      string         `json:"updated_at"`
}

func (u *user) render(base string) userJSON {
	return userJSON{
		ID:             u.ID,
		URL:            recordURL(base, "users", u.ID),
		Name:           u.Name,
		Email:          stringOrNil(u.Email),
		Phone:          stringOrNil(u.Phone),
		ExternalID:     stringOrNil(u.ExternalID),
		OrganizationID: idOrNil(u.OrganizationID),
		Role:           u.Role,
		Active:         u.Active,
		Suspended:      u.Suspended,
		Verified:       u.Verified,
		Tags:           nonNilStrings(u.Tags),
		UserFields:     nonNilMap(u.UserFields),
		CreatedAt:      zendeskTime(u.CreatedAt),
		UpdatedAt:      zendeskTime(u.UpdatedAt),
	}
}

// userInput is a user as a request carries it.
type userInput struct {
	recordKey
	Name           opt[string]         `json:"name"`
	Email          opt[string]         `json:"email"`
	Phone          opt[string]         `json:"phone"`
	OrganizationID opt[flexID]         `json:"organization_id"`
	Role           opt[string]         `json:"role"`
	Suspended      opt[bool]           `json:"suspended"`
	Verified       opt[bool]           `json:"verified"`
	Tags           opt[[]string]       `json:"tags"`
	UserFields     opt[map[string]any] `json:"user_fields"`
}

var userRoles = []string{"end-user", "agent", "admin"}

// apply returns a copy of u with the input's fields set. User fields merge
// key by key, as Zendesk merges user_fields on update.
func (in *userInput) apply(u user) user {
	if in.Name.Set {
		u.Name = strings.TrimSpace(in.Name.Value)
	}
	if in.Email.Set {
		u.Email = strings.TrimSpace(in.Email.Value)
	}
	if in.Phone.Set {
		u.Phone = in.Phone.Value
	}
	if in.ExternalID.Set {
		u.ExternalID = string(in.ExternalID.Value)
	}
	if in.OrganizationID.Set {
		u.OrganizationID = int64(in.OrganizationID.Value)
	}
	if in.Role.Set {
		u.Role = in.Role.Value
	}
	if in.Suspended.Set {
		u.Suspended = in.Suspended.Value
	}
	if in.Verified.Set {
		u.Verified = in.Verified.Value
	}
	if in.Tags.Set {
		u.Tags = normalizeTags(in.Tags.Value)
	}
	if in.UserFields.Set {
		u.UserFields = mergeFields(u.UserFields, in.UserFields.Value)
	}
	return u
}

// sameUser tells whether an update changed anything, because Zendesk does
// not bump updated_at for a no-op write.
func sameUser(a, b *user) bool {
	return a.Name == b.Name && a.Email == b.Email && a.Phone == b.Phone &&
		a.ExternalID == b.ExternalID && a.OrganizationID == b.OrganizationID &&
		a.Role == b.Role && a.Active == b.Active && a.Suspended == b.Suspended &&
		a.Verified == b.Verified && slices.Equal(a.Tags, b.Tags) &&
		jsonEqual(a.UserFields, b.UserFields)
}
