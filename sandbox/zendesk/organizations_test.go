package zendesk

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShowOrganization(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodGet, "/api/v2/organizations/1.json", nil)
	require.Equal(t, http.StatusOK, r.status)
	o := obj(r.body, "organization")
	assert.Equal(t, "Acme", o["name"])
	assert.Equal(t, "ACC-1", o["external_id"])
	assert.Equal(t, []any{"acme.com"}, o["domain_names"])
	assert.Equal(t, f.ts.URL+"/api/v2/organizations/1.json", o["url"])
	for _, k := range []string{"details", "notes", "group_id", "tags", "organization_fields", "shared_tickets", "shared_comments", "created_at", "updated_at"} {
		assert.Contains(t, o, k)
	}
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/organizations/99", nil).status)
}

func TestCreateOrUpdateOrganization(t *testing.T) {
	f := newFixture(t, Config{})
	cases := []struct {
		name   string
		org    map[string]any
		status int
		id     float64
	}{
		{"creates", map[string]any{"name": "Initech", "external_id": "ACC-3", "domain_names": []string{"Initech.com"}}, http.StatusCreated, 3},
		{"updates by external_id, any case", map[string]any{"external_id": "acc-3", "notes": "big"}, http.StatusOK, 3},
		{"updates by id", map[string]any{"id": 2, "details": "HQ"}, http.StatusOK, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(t, http.MethodPost, "/api/v2/organizations/create_or_update.json", map[string]any{"organization": tc.org})
			require.Equal(t, tc.status, r.status, r.raw)
			assert.Equal(t, tc.id, obj(r.body, "organization")["id"])
		})
	}
	o := obj(f.do(t, http.MethodGet, "/api/v2/organizations/3", nil).body, "organization")
	assert.Equal(t, "big", o["notes"])
	assert.Equal(t, []any{"initech.com"}, o["domain_names"])

	r := f.do(t, http.MethodPost, "/api/v2/organizations/create_or_update", map[string]any{"organization": map[string]any{"id": 99, "name": "Nope"}})
	assert.Equal(t, http.StatusNotFound, r.status)
}

func TestOrganizationValidation(t *testing.T) {
	cases := []struct {
		name   string
		org    map[string]any
		field  string
		detail string
	}{
		{"name never matches: a clash is an error", map[string]any{"name": "Acme"}, "name", "Name: has already been taken"},
		{"name clash after trimming", map[string]any{"name": "  Acme  ", "external_id": "NEW"}, "name", "Name: has already been taken"},
		{"name clash in another case", map[string]any{"name": "acme"}, "name", "Name: has already been taken"},
		{"name required", map[string]any{"external_id": "NEW"}, "name", "Name: cannot be blank"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Config{})
			r := f.do(t, http.MethodPost, "/api/v2/organizations/create_or_update", map[string]any{"organization": tc.org})
			require.Equal(t, http.StatusUnprocessableEntity, r.status, r.raw)
			assert.Equal(t, tc.detail, firstDetail(t, r.body, tc.field))
		})
	}
	t.Run("external_id unique regardless of case", func(t *testing.T) {
		f := newFixture(t, Config{})
		r := f.do(t, http.MethodPut, "/api/v2/organizations/2", map[string]any{"organization": map[string]any{"external_id": "acc-1"}})
		require.Equal(t, http.StatusUnprocessableEntity, r.status, r.raw)
		assert.Equal(t, "External: has already been taken", firstDetail(t, r.body, "external_id"))
	})
}

func TestOrganizationSearchAndShowMany(t *testing.T) {
	f := newFixture(t, Config{})
	cases := []struct {
		path string
		want []int64
	}{
		{"/api/v2/organizations/search.json?external_id=acc-2", []int64{2}},
		{"/api/v2/organizations/search?name=Acme", []int64{1}},
		{"/api/v2/organizations/search?name=Nobody", []int64{}},
		{"/api/v2/organizations/show_many?ids=2,1", []int64{2, 1}},
		{"/api/v2/organizations/show_many.json?external_ids=ACC-1,zzz", []int64{1}},
		{"/api/v2/organizations.json", []int64{1, 2}},
		{"/api/v2/organizations?page[size]=1", []int64{1}},
	}
	for _, tc := range cases {
		r := f.do(t, http.MethodGet, tc.path, nil)
		require.Equal(t, http.StatusOK, r.status, tc.path)
		assert.Equal(t, tc.want, ids(list(r.body, "organizations")), tc.path)
	}
	assert.Equal(t, http.StatusBadRequest, f.do(t, http.MethodGet, "/api/v2/organizations/search", nil).status)
}

func TestOrganizationBulkJobs(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/organizations/create_many.json", map[string]any{"organizations": []any{
		map[string]any{"name": "Umbrella", "external_id": "ACC-7"},
		map[string]any{"name": "Globex"},
		map[string]any{"name": "Hooli"},
	}}))
	res := results(js)
	assert.Equal(t, []any{"Created", "Failed", "Created"}, []any{res[0]["status"], res[1]["status"], res[2]["status"]})
	assert.Equal(t, "Name: has already been taken", res[1]["details"])
	assert.Equal(t, "ACC-7", res[0]["external_id"])

	js = f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/organizations/update_many?ids=1,2", map[string]any{"organization": map[string]any{"notes": "bulk"}}))
	assert.Len(t, results(js), 2)
	js = f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/organizations/update_many", map[string]any{"organizations": []any{
		map[string]any{"external_id": "acc-7", "notes": "by ext"},
		map[string]any{"id": 1, "name": "Globex"},
	}}))
	res = results(js)
	assert.Equal(t, "Updated", res[0]["status"])
	assert.Equal(t, "Failed", res[1]["status"])
	assert.Equal(t, "bulk", obj(f.do(t, http.MethodGet, "/api/v2/organizations/2", nil).body, "organization")["notes"])
	assert.Equal(t, int64(5), f.srv.Stats().Snapshot().Writes["organizations"])
}
