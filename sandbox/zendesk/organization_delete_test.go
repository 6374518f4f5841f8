package zendesk

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// deleteSeed adds to the test seed a closed ticket of Acme (1), which a
// delete must leave alone.
func deleteSeed() seed.Zendesk {
	data := testSeed()
	data.Tickets = append(data.Tickets, seed.Ticket{ID: 102, Subject: "Archived", Status: "closed", RequesterID: 11, AssigneeID: 10, OrganizationID: 1,
		Comments: []seed.Comment{{ID: 1002, AuthorID: 11, Body: "Done", Public: true, CreatedAt: t0}}, CreatedAt: t0, UpdatedAt: t0})
	return data
}

func TestDeleteOrganization(t *testing.T) {
	f := newFixtureWith(t, Config{ExportRequestsPerMinute: -1}, deleteSeed())
	// Half a second in: deleted_at must still be whole seconds.
	f.clock.Advance(1500 * time.Millisecond)
	deletedAt := zendeskTime(f.clock.Now())

	r := f.do(t, http.MethodDelete, "/api/v2/organizations/1.json", nil)
	require.Equal(t, http.StatusNoContent, r.status, r.raw)
	assert.Empty(t, r.raw, "204 has no body")
	assert.Equal(t, int64(1), f.srv.Stats().Snapshot().Writes["organizations"])

	for _, path := range []string{"/api/v2/organizations/1", "/api/v2/organizations/99"} {
		r = f.do(t, http.MethodDelete, path, nil)
		require.Equal(t, http.StatusNotFound, r.status, path)
		assert.Equal(t, map[string]any{"error": "RecordNotFound", "description": "Not found"}, r.body, path)
	}

	t.Run("gone from every read", func(t *testing.T) {
		assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodGet, "/api/v2/organizations/1", nil).status)
		for _, path := range []string{
			"/api/v2/organizations",
			"/api/v2/organizations?page[size]=10",
			"/api/v2/organizations/search?name=Acme",
			"/api/v2/organizations/search?external_id=ACC-1",
			"/api/v2/organizations/show_many?ids=1,2",
			"/api/v2/organizations/show_many?external_ids=ACC-1,ACC-2",
		} {
			r := f.do(t, http.MethodGet, path, nil)
			require.Equal(t, http.StatusOK, r.status, path)
			assert.NotContains(t, ids(list(r.body, "organizations")), int64(1), path)
		}
		assert.Equal(t, float64(1), f.do(t, http.MethodGet, "/api/v2/organizations", nil).body["count"])
		r := f.do(t, http.MethodPut, "/api/v2/organizations/1", map[string]any{"organization": map[string]any{"notes": "x"}})
		assert.Equal(t, http.StatusNotFound, r.status, "a deleted organization cannot be updated")
	})

	t.Run("its users and open tickets lose it", func(t *testing.T) {
		alice := obj(f.do(t, http.MethodGet, "/api/v2/users/11", nil).body, "user")
		assert.Nil(t, alice["organization_id"])
		assert.Equal(t, deletedAt, alice["updated_at"])
		bob := obj(f.do(t, http.MethodGet, "/api/v2/users/12", nil).body, "user")
		assert.Equal(t, float64(2), bob["organization_id"], "another organization's user is untouched")

		open := obj(f.do(t, http.MethodGet, "/api/v2/tickets/100", nil).body, "ticket")
		assert.Nil(t, open["organization_id"])
		assert.Equal(t, float64(f.clock.Now().Unix()), open["generated_timestamp"])
		closed := obj(f.do(t, http.MethodGet, "/api/v2/tickets/102", nil).body, "ticket")
		assert.Equal(t, float64(1), closed["organization_id"], "a closed ticket cannot change")

		r := f.do(t, http.MethodPut, "/api/v2/users/11", map[string]any{"user": map[string]any{"organization_id": 1}})
		require.Equal(t, http.StatusUnprocessableEntity, r.status)
		assert.Equal(t, "Organization: is invalid", firstDetail(t, r.body, "organization_id"))
	})

	t.Run("its name and external id are free again", func(t *testing.T) {
		r := f.do(t, http.MethodPost, "/api/v2/organizations", map[string]any{"organization": map[string]any{"name": "Acme", "external_id": "acc-1"}})
		require.Equal(t, http.StatusCreated, r.status, r.raw)
		assert.Equal(t, float64(3), obj(r.body, "organization")["id"], "ids are never reused")
	})

	t.Run("the export reports it with deleted_at", func(t *testing.T) {
		f.clock.Advance(2 * time.Minute)
		r := f.do(t, http.MethodGet, exportPath("organizations.json", t0), nil)
		require.Equal(t, http.StatusOK, r.status, r.raw)
		orgs := list(r.body, "organizations")
		byID := map[int64]map[string]any{}
		for _, o := range orgs {
			byID[int64(o["id"].(float64))] = o
		}
		require.Contains(t, byID, int64(1))
		assert.Equal(t, deletedAt, byID[1]["deleted_at"])
		assert.Equal(t, deletedAt, byID[1]["updated_at"], "the delete is a change")
		assert.Equal(t, "Acme", byID[1]["name"])
		require.Contains(t, byID[2], "deleted_at")
		assert.Nil(t, byID[2]["deleted_at"], "a live organization has deleted_at null")
		assert.Equal(t, []int64{2, 1, 3}, ids(orgs), "in change order")

		users := list(f.do(t, http.MethodGet, exportPath("users/cursor.json", f.clock.Now().Add(-3*time.Minute)), nil).body, "users")
		assert.Equal(t, []int64{11}, ids(users), "a user who lost the organization is a change")
		assert.Nil(t, users[0]["organization_id"])
	})

	r = f.do(t, http.MethodGet, "/api/v2/organizations/2", nil)
	assert.NotContains(t, obj(r.body, "organization"), "deleted_at", "only the export renders deleted_at")
}

// TestWritesReachTheExports checks that every single-record write moves
// updated_at, so the next export returns the change, and that a no-op
// write does not.
func TestWritesReachTheExports(t *testing.T) {
	cases := []struct {
		name, method, path string
		body               any
		export             string
		key                string
		want               map[string]any // fields of the exported record
	}{
		{"user update", http.MethodPut, "/api/v2/users/12", map[string]any{"user": map[string]any{"phone": "+1 555"}},
			"users/cursor.json", "users", map[string]any{"id": float64(12), "phone": "+1 555", "active": true}},
		{"user delete", http.MethodDelete, "/api/v2/users/12", nil,
			"users/cursor.json", "users", map[string]any{"id": float64(12), "active": false}},
		{"organization update", http.MethodPut, "/api/v2/organizations/2", map[string]any{"organization": map[string]any{"notes": "moved"}},
			"organizations.json", "organizations", map[string]any{"id": float64(2), "notes": "moved", "deleted_at": nil}},
		{"organization delete", http.MethodDelete, "/api/v2/organizations/2", nil,
			"organizations.json", "organizations", map[string]any{"id": float64(2), "name": "Globex"}},
		{"user no-op", http.MethodPut, "/api/v2/users/12", map[string]any{"user": map[string]any{"name": "Bob"}},
			"users/cursor.json", "users", nil},
		{"organization no-op", http.MethodPut, "/api/v2/organizations/2", map[string]any{"organization": map[string]any{"name": "Globex"}},
			"organizations.json", "organizations", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Config{ExportRequestsPerMinute: -1})
			changed := f.clock.Now()
			r := f.do(t, tc.method, tc.path, tc.body)
			require.Less(t, r.status, 300, r.raw)
			f.clock.Advance(61 * time.Second)

			got := list(f.do(t, http.MethodGet, exportPath(tc.export, changed), nil).body, tc.key)
			if tc.want == nil {
				assert.Empty(t, got, "a no-op write does not move updated_at")
				return
			}
			require.Len(t, got, 1)
			assert.Equal(t, zendeskTime(changed), got[0]["updated_at"])
			for k, v := range tc.want {
				assert.Equal(t, v, got[0][k], k)
			}
		})
	}
}

func TestPutReplacesTags(t *testing.T) {
	for _, kind := range []struct{ one, many string }{{"user", "users"}, {"organization", "organizations"}} {
		t.Run(kind.many, func(t *testing.T) {
			f := newFixture(t, Config{})
			path := fmt.Sprintf("/api/v2/%s/%d", kind.many, map[string]int{"users": 12, "organizations": 2}[kind.many])
			for _, step := range []struct {
				tags []string
				want []any
			}{
				{[]string{"Gold", "vip"}, []any{"gold", "vip"}},
				{[]string{"silver"}, []any{"silver"}},
				{[]string{}, []any{}},
			} {
				r := f.do(t, http.MethodPut, path, map[string]any{kind.one: map[string]any{"tags": step.tags}})
				require.Equal(t, http.StatusOK, r.status, r.raw)
				assert.Equal(t, step.want, obj(r.body, kind.one)["tags"], "PUT %v", step.tags)
				assert.Equal(t, step.want, obj(f.do(t, http.MethodGet, path, nil).body, kind.one)["tags"])
			}
		})
	}
}
