package zendesk

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const orgJSON = `{"id":57542,"url":"https://acme.zendesk.com/api/v2/organizations/57542.json","name":"Acme Corp",
"external_id":"001XX0001","domain_names":["acme.com","acme.io"],"details":"HQ in Berlin","notes":null,"group_id":null,
"tags":["enterprise"],"organization_fields":{"sf_id":"001XX0001"},"shared_tickets":true,"shared_comments":false,
"created_at":"2023-01-01T00:00:00Z","updated_at":"2024-06-01T08:00:00Z"}`

func TestOrganizationDecodesDocumentedFields(t *testing.T) {
	c, _ := newTestClient(t, ok(`{"organizations":[`+orgJSON+`]}`))
	orgs, err := c.ShowOrganizationsByExternalIDs(context.Background(), []string{"001XX0001"})
	require.NoError(t, err)
	require.Len(t, orgs, 1)
	o := orgs[0]
	assert.Equal(t, int64(57542), o.ID)
	assert.Equal(t, "https://acme.zendesk.com/api/v2/organizations/57542.json", o.URL)
	assert.Equal(t, "Acme Corp", o.Name)
	assert.Equal(t, "001XX0001", o.ExternalID)
	assert.Equal(t, []string{"acme.com", "acme.io"}, o.DomainNames)
	assert.Equal(t, "HQ in Berlin", o.GetDetails())
	assert.Nil(t, o.Notes)
	assert.Equal(t, "", o.GetNotes())
	assert.Nil(t, o.GroupID)
	assert.Equal(t, []string{"enterprise"}, o.Tags)
	assert.Equal(t, map[string]any{"sf_id": "001XX0001"}, o.OrganizationFields)
	assert.Equal(t, Bool(true), o.SharedTickets)
	assert.Equal(t, Bool(false), o.SharedComments)
	assert.Equal(t, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), o.CreatedAt)
	assert.Equal(t, time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC), o.UpdatedAt)
}

func TestCreateOrUpdateOrganization(t *testing.T) {
	for _, tt := range []struct {
		status  int
		created bool
	}{{201, true}, {200, false}} {
		c, s := newTestClient(t, reply{status: tt.status, body: `{"organization":` + orgJSON + `}`})
		o, created, err := c.CreateOrUpdateOrganization(context.Background(), &Organization{
			Name: "Acme Corp", ExternalID: "001XX0001", DomainNames: []string{"acme.com"}, Notes: String(""),
		})
		require.NoError(t, err)
		assert.Equal(t, tt.created, created)
		assert.Equal(t, int64(57542), o.ID)
		req := s.only()
		assert.Equal(t, http.MethodPost, req.Method)
		assert.Equal(t, "/api/v2/organizations/create_or_update", req.Path)
		assert.JSONEq(t, `{"organization":{"name":"Acme Corp","external_id":"001XX0001","domain_names":["acme.com"],"notes":""}}`, req.Body)
	}
}

func TestCreateOrUpdateOrganizationDuplicateName(t *testing.T) {
	c, _ := newTestClient(t, reply{status: 422, body: `{"error":"RecordInvalid","description":"Record validation errors","details":{"name":[{"description":"Name: has already been taken","error":"DuplicateValue"}]}}`})
	_, _, err := c.CreateOrUpdateOrganization(context.Background(), &Organization{Name: "Acme Corp"})
	var ri *RecordInvalidError
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("name"))
	assert.Contains(t, err.Error(), "zendesk: POST /api/v2/organizations/create_or_update: record invalid")
	assert.Contains(t, err.Error(), "name: Name: has already been taken")
}

func TestCreateOrganizations(t *testing.T) {
	c, s := newTestClient(t, ok(`{"job_status":{"id":"job-1","status":"queued"}}`))
	job, err := c.CreateOrganizations(context.Background(), []Organization{{Name: "A"}, {Name: "B", ExternalID: "x"}})
	require.NoError(t, err)
	assert.Equal(t, "job-1", job.ID)
	req := s.only()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/api/v2/organizations/create_many", req.Path)
	assert.JSONEq(t, `{"organizations":[{"name":"A"},{"name":"B","external_id":"x"}]}`, req.Body)
}

func TestUpdateOrganizations(t *testing.T) {
	c, s := newTestClient(t, ok(`{"job_status":{"id":"job-2","status":"queued"}}`))
	job, err := c.UpdateOrganizations(context.Background(), []Organization{{ID: 1, Notes: String("n")}, {ID: 2, Name: "B"}})
	require.NoError(t, err)
	assert.Equal(t, "job-2", job.ID)
	req := s.only()
	assert.Equal(t, http.MethodPut, req.Method)
	assert.Equal(t, "/api/v2/organizations/update_many", req.Path)
	assert.Empty(t, req.Query)
	assert.JSONEq(t, `{"organizations":[{"id":1,"notes":"n"},{"id":2,"name":"B"}]}`, req.Body)
}

func TestUpdateOrganizationsNeedsIDs(t *testing.T) {
	c, s := newTestClient(t)
	_, err := c.UpdateOrganizations(context.Background(), []Organization{{ID: 1}, {Name: "no id"}})
	assert.ErrorContains(t, err, `organization 1 ("no id") has no id`)
	assert.Empty(t, s.requests())
}

func TestShowOrganizationsByExternalIDs(t *testing.T) {
	c, s := newTestClient(t, ok(`{"organizations":[{"id":1},{"id":2}]}`))
	orgs, err := c.ShowOrganizationsByExternalIDs(context.Background(), []string{"a", "B"})
	require.NoError(t, err)
	assert.Len(t, orgs, 2)
	req := s.only()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v2/organizations/show_many", req.Path)
	assert.Equal(t, "a,B", req.Query.Get("external_ids"))
}

func TestSearchOrganizations(t *testing.T) {
	tests := []struct {
		name  string
		run   func(c *Client) ([]Organization, error)
		param string
		value string
	}{
		{"by name", func(c *Client) ([]Organization, error) {
			return c.SearchOrganizationsByName(context.Background(), "Acme & Sons")
		}, "name", "Acme & Sons"},
		{"by external id", func(c *Client) ([]Organization, error) {
			return c.SearchOrganizationsByExternalID(context.Background(), "001XX0001")
		}, "external_id", "001XX0001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := newTestClient(t, ok(`{"organizations":[`+orgJSON+`],"count":1}`))
			orgs, err := tt.run(c)
			require.NoError(t, err)
			require.Len(t, orgs, 1)
			assert.Equal(t, "Acme Corp", orgs[0].Name)
			req := s.only()
			assert.Equal(t, "/api/v2/organizations/search", req.Path)
			assert.Equal(t, tt.value, req.Query.Get(tt.param))
			assert.Len(t, req.Query, 1)
		})
	}
}

func TestListOrganizations(t *testing.T) {
	c, s := newTestClient(t, ok(`{"organizations":[{"id":1}],"meta":{"has_more":false,"after_cursor":"a","before_cursor":"b"},"links":{"next":null,"prev":null}}`))
	orgs, page, err := c.ListOrganizations(context.Background(), &ListOptions{Role: "ignored", PageSize: 50})
	require.NoError(t, err)
	assert.Len(t, orgs, 1)
	assert.False(t, page.HasMore)
	assert.Equal(t, "a", page.AfterCursor)
	req := s.only()
	assert.Equal(t, "/api/v2/organizations", req.Path)
	assert.Equal(t, "50", req.Query.Get("page[size]"))
	assert.False(t, req.Query.Has("role"))
}
