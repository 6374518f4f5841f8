package zendesk

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// organization is a stored organization, never changed in place (see user).
type organization struct {
	ID                 int64
	Name               string
	ExternalID         string
	DomainNames        []string
	Details            string
	Notes              string
	GroupID            int64
	Tags               []string
	OrganizationFields map[string]any
	SharedTickets      bool
	SharedComments     bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
	// DeletedAt is set once the organization is deleted; only the export
	// still shows it then.
	DeletedAt time.Time
}

type organizationJSON struct {
	ID                 int64          `json:"id"`
	URL                string         `json:"url"`
	Name               string         `json:"name"`
	ExternalID         *string        `json:"external_id"`
	DomainNames        []string       `json:"domain_names"`
	Details            *string        `json:"details"`
	Notes              *string        `json:"notes"`
	GroupID            *int64         `json:"group_id"`
	Tags               []string       `json:"tags"`
	OrganizationFields map[string]any `json:"organization_fields"`
	SharedTickets      bool           `json:"shared_tickets"`
	SharedComments     bool           `json:"shared_comments"`
	CreatedAt          string         `json:"created_at"`
	UpdatedAt          string         `json:"updated_at"`
}

func (o *organization) render(base string) organizationJSON {
	return organizationJSON{
		ID:                 o.ID,
		URL:                recordURL(base, "organizations", o.ID),
		Name:               o.Name,
		ExternalID:         stringOrNil(o.ExternalID),
		DomainNames:        nonNilStrings(o.DomainNames),
		Details:            stringOrNil(o.Details),
		Notes:              stringOrNil(o.Notes),
		GroupID:            idOrNil(o.GroupID),
		Tags:               nonNilStrings(o.Tags),
		OrganizationFields: nonNilMap(o.OrganizationFields),
		SharedTickets:      o.SharedTickets,
		SharedComments:     o.SharedComments,
		CreatedAt:          zendeskTime(o.CreatedAt),
		UpdatedAt:          zendeskTime(o.UpdatedAt),
	}
}

// organizationExportJSON is an organization as the export renders it: with
// deleted_at, null until the organization is deleted.
type organizationExportJSON struct {
	organizationJSON
	DeletedAt *string `json:"deleted_at"`
}

func (o *organization) renderExport(base string) organizationExportJSON {
	out := organizationExportJSON{organizationJSON: o.render(base)}
	if !o.DeletedAt.IsZero() {
		at := zendeskTime(o.DeletedAt)
		out.DeletedAt = &at
	}
	return out
}

// organizationInput is an organization as a request carries it.
type organizationInput struct {
	recordKey
	Name               opt[string]         `json:"name"`
	DomainNames        opt[[]string]       `json:"domain_names"`
	Details            opt[string]         `json:"details"`
	Notes              opt[string]         `json:"notes"`
	GroupID            opt[flexID]         `json:"group_id"`
	Tags               opt[[]string]       `json:"tags"`
	OrganizationFields opt[map[string]any] `json:"organization_fields"`
	SharedTickets      opt[bool]           `json:"shared_tickets"`
	SharedComments     opt[bool]           `json:"shared_comments"`
}

func (in *organizationInput) apply(o organization) organization {
	if in.Name.Set {
		o.Name = strings.TrimSpace(in.Name.Value)
	}
	if in.ExternalID.Set {
		o.ExternalID = string(in.ExternalID.Value)
	}
	if in.DomainNames.Set {
		o.DomainNames = normalizeTags(in.DomainNames.Value)
	}
	if in.Details.Set {
		o.Details = in.Details.Value
	}
	if in.Notes.Set {
		o.Notes = in.Notes.Value
	}
	if in.GroupID.Set {
		o.GroupID = int64(in.GroupID.Value)
	}
	if in.Tags.Set {
		o.Tags = normalizeTags(in.Tags.Value)
	}
	if in.OrganizationFields.Set {
		o.OrganizationFields = mergeFields(o.OrganizationFields, in.OrganizationFields.Value)
	}
	if in.SharedTickets.Set {
		o.SharedTickets = in.SharedTickets.Value
	}
	if in.SharedComments.Set {
		o.SharedComments = in.SharedComments.Value
	}
	return o
}

func sameOrganization(a, b *organization) bool {
	return a.Name == b.Name && a.ExternalID == b.ExternalID &&
		slices.Equal(a.DomainNames, b.DomainNames) && a.Details == b.Details &&
		a.Notes == b.Notes && a.GroupID == b.GroupID && slices.Equal(a.Tags, b.Tags) &&
		jsonEqual(a.OrganizationFields, b.OrganizationFields) &&
		a.SharedTickets == b.SharedTickets && a.SharedComments == b.SharedComments
}

func (s *store) validateOrg(o *organization) fieldErrors {
	fe := fieldErrors{}
	if o.Name == "" {
		fe.add("name", "Name: cannot be blank")
	} else if id, ok := s.orgByName[key(o.Name)]; ok && id != o.ID {
		fe.add("name", "Name: has already been taken")
	}
	if o.ExternalID != "" {
		if id, ok := s.orgByExtID[key(o.ExternalID)]; ok && id != o.ID {
			fe.add("external_id", "External: has already been taken")
		}
	}
	return fe
}

func (s *store) createOrg(in *organizationInput, now time.Time) outcome {
	o := in.apply(organization{})
	if fe := s.validateOrg(&o); !fe.empty() {
		return outcome{invalid: fe}
	}
	o.ID = s.nextOrgID + 1
	o.CreatedAt, o.UpdatedAt = now, now
	s.putOrg(nil, &o)
	return outcome{id: o.ID, created: true}
}

func (s *store) updateOrg(id int64, in *organizationInput, now time.Time) outcome {
	old, ok := s.orgs[id]
	if !ok {
		return outcome{notFound: true}
	}
	o := in.apply(*old)
	if fe := s.validateOrg(&o); !fe.empty() {
		return outcome{id: id, invalid: fe}
	}
	if sameOrganization(old, &o) {
		return outcome{id: id}
	}
	o.UpdatedAt = now
	s.putOrg(old, &o)
	return outcome{id: id}
}

// upsertOrg is create_or_update: it matches on id, then external_id, and
// never on name, so a name clash is a 422, not an update.
func (s *store) upsertOrg(in *organizationInput, now time.Time) outcome {
	if in.ID.Set && in.ID.Value != 0 {
		return s.updateOrg(int64(in.ID.Value), in, now)
	}
	if in.ExternalID.Set && in.ExternalID.Value != "" {
		if o, ok := s.orgByExternalID(string(in.ExternalID.Value)); ok {
			return s.updateOrg(o.ID, in, now)
		}
	}
	return s.createOrg(in, now)
}

func orgFromSeed(o seed.Organization) *organization {
	return &organization{
		ID: o.ID, Name: strings.TrimSpace(o.Name), ExternalID: o.ExternalID,
		DomainNames: slices.Clone(o.DomainNames), Details: o.Details, Notes: o.Notes,
		Tags: slices.Clone(o.Tags), OrganizationFields: maps.Clone(o.OrganizationFields),
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
}
