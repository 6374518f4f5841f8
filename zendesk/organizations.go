package zendesk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Organization is a Zendesk organization. Name is required and unique;
// external_id is unique and case-insensitive.
type Organization struct {
	ID                 int64          `json:"id,omitempty"`
	URL                string         `json:"url,omitempty"`
	Name               string         `json:"name,omitempty"`
	ExternalID         string         `json:"external_id,omitempty"`
	DomainNames        []string       `json:"domain_names,omitempty"`
	Details            *string        `json:"details,omitempty"`
	Notes              *string        `json:"notes,omitempty"`
	GroupID            *int64         `json:"group_id,omitempty"`
	Tags               []string       `json:"tags,omitempty"`
	OrganizationFields map[string]any `json:"organization_fields,omitempty"`
	SharedTickets      *bool          `json:"shared_tickets,omitempty"`
	SharedComments     *bool          `json:"shared_comments,omitempty"`
	CreatedAt          time.Time      `json:"created_at,omitzero"`
	UpdatedAt          time.Time      `json:"updated_at,omitzero"`
	// DeletedAt is set on an organization the export reports as deleted;
	// other endpoints no longer return it at all.
	DeletedAt *time.Time `json:"deleted_at,omitempty"`
}

// GetDetails returns the details, or "" when unset.
func (o *Organization) GetDetails() string { return deref(o.Details) }

// GetNotes returns the notes, or "" when unset.
func (o *Organization) GetNotes() string { return deref(o.Notes) }

type organizationEnvelope struct {
	Organization *Organization `json:"organization"`
}

func (e organizationEnvelope) check() error {
	if e.Organization == nil {
		return errors.New(`response has no "organization"`)
	}
	return nil
}

type organizationsEnvelope struct {
	Organizations []Organization `json:"organizations"`
}

func (e organizationsEnvelope) check() error {
	if e.Organizations == nil {
		return errors.New(`response has no "organizations" list`)
	}
	return nil
}

type organizationsPage struct {
	organizationsEnvelope
	cursorEnvelope
}

func (p organizationsPage) check() error {
	return errors.Join(p.organizationsEnvelope.check(), p.cursorEnvelope.check())
}

// CreateOrUpdateOrganization creates the organization or updates the one
// matching its id or external_id; the name is not matched. created is true
// on 201.
func (c *Client) CreateOrUpdateOrganization(ctx context.Context, o *Organization) (*Organization, bool, error) {
	if o == nil {
		return nil, false, errors.New("zendesk: create or update organization: nil organization")
	}
	var env organizationEnvelope
	status, err := c.do(ctx, request{method: http.MethodPost, path: "/api/v2/organizations/create_or_update", body: organizationEnvelope{Organization: o}}, &env)
	if err != nil {
		return nil, false, err
	}
	return env.Organization, status == http.StatusCreated, nil
}

// UpdateOrganization changes the fields set in o on organization id;
// tags and domain_names replace the whole list (empty ones are left out of
// the body, so they cannot clear it).
func (c *Client) UpdateOrganization(ctx context.Context, id int64, o *Organization) (*Organization, error) {
	if o == nil {
		return nil, errors.New("zendesk: update organization: nil organization")
	}
	p, err := recordPath("organizations", id)
	if err != nil {
		return nil, fmt.Errorf("zendesk: update organization: %w", err)
	}
	var env organizationEnvelope
	if _, err := c.do(ctx, request{method: http.MethodPut, path: p, body: organizationEnvelope{Organization: o}}, &env); err != nil {
		return nil, err
	}
	return env.Organization, nil
}

// DeleteOrganization deletes organization id (204, no body). Its users
// lose it; the organization export then reports it with DeletedAt set. An
// unknown or already deleted id is a NotFoundError.
func (c *Client) DeleteOrganization(ctx context.Context, id int64) error {
	return c.deleteRecord(ctx, "organization", "organizations", id)
}

// CreateOrganizations queues a create_many job for 1..100 organizations.
func (c *Client) CreateOrganizations(ctx context.Context, orgs []Organization) (*JobStatus, error) {
	w := bulkWrite{"create organizations", "organizations", "organization", http.MethodPost, "/api/v2/organizations/create_many"}
	return startBulk(ctx, c, w, orgs, organizationsEnvelope{orgs}, nil)
}

// UpdateOrganizations queues an update_many job for 1..100 organizations,
// each carrying its id.
func (c *Client) UpdateOrganizations(ctx context.Context, orgs []Organization) (*JobStatus, error) {
	w := bulkWrite{"update organizations", "organizations", "organization", http.MethodPut, "/api/v2/organizations/update_many"}
	return startBulk(ctx, c, w, orgs, organizationsEnvelope{orgs}, func(o Organization) (int64, string) { return o.ID, o.Name })
}

// ShowOrganizations fetches organizations by id, 100 per request.
// Unknown ids are left out.
func (c *Client) ShowOrganizations(ctx context.Context, ids []int64) ([]Organization, error) {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = strconv.FormatInt(id, 10)
	}
	return showMany(ctx, c, "/api/v2/organizations/show_many", "ids", keys, func(e *organizationsEnvelope) []Organization { return e.Organizations })
}

// ShowOrganizationsByExternalIDs fetches organizations by external id, 100
// per request. Unknown ids are left out.
func (c *Client) ShowOrganizationsByExternalIDs(ctx context.Context, ids []string) ([]Organization, error) {
	return showMany(ctx, c, "/api/v2/organizations/show_many", "external_ids", ids, func(e *organizationsEnvelope) []Organization { return e.Organizations })
}

// SearchOrganizationsByName returns the organizations with that name.
func (c *Client) SearchOrganizationsByName(ctx context.Context, name string) ([]Organization, error) {
	if strings.TrimSpace(name) == "" {
		return nil, errors.New("zendesk: search organizations by name: empty name")
	}
	return c.searchOrganizations(ctx, "name", name)
}

// SearchOrganizationsByExternalID returns the organizations with that
// external id.
func (c *Client) SearchOrganizationsByExternalID(ctx context.Context, id string) ([]Organization, error) {
	if id == "" {
		return nil, errors.New("zendesk: search organizations by external id: empty external id")
	}
	return c.searchOrganizations(ctx, "external_id", id)
}

func (c *Client) searchOrganizations(ctx context.Context, param, value string) ([]Organization, error) {
	var env organizationsEnvelope
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/organizations/search", query: listQuery(param, []string{value})}, &env); err != nil {
		return nil, err
	}
	return env.Organizations, nil
}

// ListOrganizations fetches one cursor page of organizations; opts.Role is
// ignored.
func (c *Client) ListOrganizations(ctx context.Context, opts *ListOptions) ([]Organization, *CursorPage, error) {
	q, err := opts.values()
	if err != nil {
		return nil, nil, fmt.Errorf("zendesk: list organizations: %w", err)
	}
	var p organizationsPage
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/organizations", query: q}, &p); err != nil {
		return nil, nil, err
	}
	return p.Organizations, p.page(), nil
}

// AllOrganizations walks every page of ListOrganizations.
func (c *Client) AllOrganizations(ctx context.Context, opts *ListOptions) iter.Seq2[Organization, error] {
	return walkCursor(ctx, opts, c.ListOrganizations)
}
