package zendesk

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShowUser(t *testing.T) {
	f := newFixture(t, Config{})
	for _, path := range []string{"/api/v2/users/11.json", "/api/v2/users/11"} {
		r := f.do(t, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.status, r.raw)
		u := obj(r.body, "user")
		assert.Equal(t, float64(11), u["id"])
		assert.Equal(t, f.ts.URL+"/api/v2/users/11.json", u["url"])
		assert.Equal(t, "alice@example.com", u["email"])
		assert.Equal(t, "CON-1", u["external_id"])
		assert.Equal(t, float64(1), u["organization_id"])
		assert.Equal(t, "end-user", u["role"])
		assert.Equal(t, true, u["active"])
		assert.Equal(t, "2024-03-01T12:00:00Z", u["created_at"])
		for _, k := range []string{"name", "phone", "suspended", "verified", "tags", "user_fields", "updated_at"} {
			assert.Contains(t, u, k)
		}
	}
	r := f.do(t, http.MethodGet, "/api/v2/users/999", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, map[string]any{"error": "RecordNotFound", "description": "Not found"}, r.body)
}

func TestBaseURLConfig(t *testing.T) {
	f := newFixture(t, Config{BaseURL: "https://acme.zendesk.test/"})
	r := f.do(t, http.MethodGet, "/api/v2/users/11", nil)
	assert.Equal(t, "https://acme.zendesk.test/api/v2/users/11.json", obj(r.body, "user")["url"])
}

func TestCreateOrUpdateUser(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update.json",
		map[string]any{"user": map[string]any{"name": "Carol", "email": "carol@example.com", "external_id": "CON-9"}})
	require.Equal(t, http.StatusCreated, r.status, r.raw)
	carol := obj(r.body, "user")
	assert.Equal(t, "end-user", carol["role"])
	assert.Equal(t, float64(13), carol["id"], "ids follow the highest seeded id")

	t.Run("matches by email", func(t *testing.T) {
		r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update",
			map[string]any{"user": map[string]any{"email": "CAROL@example.com", "phone": "+1 555"}})
		require.Equal(t, http.StatusOK, r.status, r.raw)
		assert.Equal(t, carol["id"], obj(r.body, "user")["id"])
		assert.Equal(t, "+1 555", obj(r.body, "user")["phone"])
	})
	t.Run("matches external_id case-insensitively", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update",
			map[string]any{"user": map[string]any{"external_id": "con-9", "name": "Carol B"}})
		require.Equal(t, http.StatusOK, r.status, r.raw)
		u := obj(r.body, "user")
		assert.Equal(t, carol["id"], u["id"])
		assert.Equal(t, "Carol B", u["name"])
		assert.NotEqual(t, carol["updated_at"], u["updated_at"])
	})
	t.Run("a no-op update keeps updated_at", func(t *testing.T) {
		before := obj(f.do(t, http.MethodGet, "/api/v2/users/13", nil).body, "user")["updated_at"]
		f.clock.Advance(time.Minute)
		r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update",
			map[string]any{"user": map[string]any{"external_id": "con-9", "name": "Carol B"}})
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, before, obj(r.body, "user")["updated_at"])
	})
	assert.Equal(t, int64(4), f.srv.Stats().Snapshot().Writes["users"])
}

func TestUserValidation(t *testing.T) {
	cases := []struct {
		name   string
		user   map[string]any
		field  string
		detail string
	}{
		{"badly formatted email", map[string]any{"name": "X", "email": "foo@"}, "email", "Email: foo@ is not properly formatted"},
		{"email with a trailing dot in the local part", map[string]any{"name": "X", "email": "jane.@acme.com"}, "email", "Email: jane.@acme.com is not properly formatted"},
		{"email with a digit in the TLD", map[string]any{"name": "X", "email": "jane@acme.c0m"}, "email", "Email: jane@acme.c0m is not properly formatted"},
		{"email taken", map[string]any{"name": "X", "email": "Alice@Example.com"}, "email", "Email: Alice@Example.com is already being used by another user"},
		{"external_id taken, other case", map[string]any{"name": "X", "external_id": "con-1"}, "external_id", "External: has already been taken"},
		{"unknown organization", map[string]any{"name": "X", "organization_id": 77}, "organization_id", "Organization: is invalid"},
		{"missing name", map[string]any{"email": "new@example.com"}, "name", "Name:  is too short (minimum is 1 character)"},
		{"unknown role", map[string]any{"name": "X", "role": "boss"}, "role", "Role: is invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Config{})
			r := f.do(t, http.MethodPost, "/api/v2/users", map[string]any{"user": tc.user})
			require.Equal(t, http.StatusUnprocessableEntity, r.status, r.raw)
			assert.Equal(t, "RecordInvalid", r.body["error"])
			assert.Equal(t, "Record validation errors", r.body["description"])
			assert.Equal(t, tc.detail, firstDetail(t, r.body, tc.field))
			entry := obj(r.body, "details")[tc.field].([]any)[0].(map[string]any)
			assert.Equal(t, "InvalidValue", entry["error"])
		})
	}
}

func TestMalformedRequests(t *testing.T) {
	f := newFixture(t, Config{})
	cases := []struct {
		name, method, path string
		body               any
		code               string
	}{
		{"not json", http.MethodPost, "/api/v2/users/create_or_update", "{nope", "InvalidJSON"},
		{"empty body", http.MethodPost, "/api/v2/users/create_or_update", "", "InvalidJSON"},
		{"missing root", http.MethodPost, "/api/v2/users/create_or_update", map[string]any{"name": "x"}, "ParameterMissing"},
		{"wrong type", http.MethodPost, "/api/v2/users/create_or_update", `{"user":{"name":5}}`, "InvalidValue"},
		{"bad ids", http.MethodGet, "/api/v2/users/show_many?ids=1,x", nil, "InvalidValue"},
		{"show_many without ids", http.MethodGet, "/api/v2/users/show_many", nil, "ParameterMissing"},
		{"search without query", http.MethodGet, "/api/v2/users/search", nil, "ParameterMissing"},
		{"too many ids", http.MethodGet, "/api/v2/users/show_many?ids=" + numbers(101), nil, "TooManyValues"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(t, tc.method, tc.path, tc.body)
			require.Equal(t, http.StatusBadRequest, r.status, r.raw)
			assert.Equal(t, tc.code, r.body["error"])
			assert.NotEmpty(t, r.body["description"])
		})
	}
}

func numbers(n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprint(i + 1)
	}
	return strings.Join(s, ",")
}

func TestShowManyAndSearchUsers(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodGet, "/api/v2/users/show_many.json?ids=12,11,999", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, []int64{12, 11}, ids(list(r.body, "users")))

	r = f.do(t, http.MethodGet, "/api/v2/users/show_many?external_ids=con-1,nope", nil)
	assert.Equal(t, []int64{11}, ids(list(r.body, "users")))

	cases := []struct {
		query string
		want  []int64
	}{
		{"query=email:BOB@example.com", []int64{12}},
		{"query=email:nobody@example.com", []int64{}},
		{"external_id=con-1", []int64{11}},
		{"query=type:user%20role:end-user", []int64{11, 12}},
		{"query=ali", []int64{11}},
	}
	for _, tc := range cases {
		r := f.do(t, http.MethodGet, "/api/v2/users/search.json?"+tc.query, nil)
		require.Equal(t, http.StatusOK, r.status, tc.query)
		assert.Equal(t, tc.want, ids(list(r.body, "users")), tc.query)
		assert.Equal(t, float64(len(tc.want)), r.body["count"], tc.query)
	}
}

// manyUsers is a seed with n extra end-users (ids 1000..).
func manyUsersFixture(t *testing.T, n int) *fixture {
	data := testSeed()
	for i := range n {
		data.Users = append(data.Users, seedUser(int64(1000+i)))
	}
	return newFixtureWith(t, Config{RequestsPerMinute: -1}, data)
}

func TestListUsersOffsetPagination(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodGet, "/api/v2/users.json?per_page=3", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, []int64{1, 10, 11}, ids(list(r.body, "users")))
	assert.Equal(t, float64(4), r.body["count"])
	assert.Nil(t, r.body["previous_page"])
	next := r.body["next_page"].(string)
	assert.True(t, strings.HasPrefix(next, f.ts.URL+"/api/v2/users.json?"), next)

	r = f.do(t, http.MethodGet, next, nil)
	assert.Equal(t, []int64{12}, ids(list(r.body, "users")))
	assert.Nil(t, r.body["next_page"])
	assert.NotNil(t, r.body["previous_page"])

	r = f.do(t, http.MethodGet, "/api/v2/users?role=agent", nil)
	assert.Equal(t, []int64{10}, ids(list(r.body, "users")))
	r = f.do(t, http.MethodGet, "/api/v2/users?role=admin", nil)
	assert.Equal(t, []int64{1}, ids(list(r.body, "users")), "the API user")
	r = f.do(t, http.MethodGet, "/api/v2/users?role[]=agent&role[]=end-user&per_page=500", nil)
	assert.Equal(t, []int64{10, 11, 12}, ids(list(r.body, "users")), "per_page is capped at 100, not refused")
}

func TestOffsetPaginationDepth(t *testing.T) {
	f := newFixture(t, Config{})
	assert.Equal(t, http.StatusOK, f.do(t, http.MethodGet, "/api/v2/users?page=100&per_page=100", nil).status)
	r := f.do(t, http.MethodGet, "/api/v2/users?page=101&per_page=100", nil)
	require.Equal(t, http.StatusBadRequest, r.status)
	errs := r.body["errors"].([]any)
	assert.Equal(t, "InvalidPaginationDepth", errs[0].(map[string]any)["code"])
}

func TestListUsersCursorPagination(t *testing.T) {
	f := manyUsersFixture(t, 250)
	var seen []int64
	next := f.ts.URL + "/api/v2/users.json?page[size]=100"
	pages := 0
	for next != "" {
		r := f.do(t, http.MethodGet, next, nil)
		require.Equal(t, http.StatusOK, r.status, r.raw)
		seen = append(seen, ids(list(r.body, "users"))...)
		pages++
		meta, links := obj(r.body, "meta"), obj(r.body, "links")
		next = ""
		if meta["has_more"] == true {
			next = links["next"].(string)
			assert.Contains(t, next, "page[after]="+meta["after_cursor"].(string))
		} else {
			assert.Nil(t, links["next"])
		}
		if pages > 1 {
			assert.Contains(t, links["prev"], "page[before]=")
		}
	}
	assert.Equal(t, 3, pages)
	require.Len(t, seen, 254)
	for i := 1; i < len(seen); i++ {
		require.Less(t, seen[i-1], seen[i])
	}

	r := f.do(t, http.MethodGet, "/api/v2/users?page[size]=101", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	r = f.do(t, http.MethodGet, "/api/v2/users?page[size]=2&page[after]=garbage", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
}

func TestCursorPaginationBackwards(t *testing.T) {
	f := manyUsersFixture(t, 10)
	first := f.do(t, http.MethodGet, "/api/v2/users?page[size]=5", nil)
	second := f.do(t, http.MethodGet, obj(first.body, "links")["next"].(string), nil)
	back := f.do(t, http.MethodGet, obj(second.body, "links")["prev"].(string), nil)
	assert.Equal(t, ids(list(first.body, "users")), ids(list(back.body, "users")))
	assert.Equal(t, false, obj(back.body, "meta")["has_more"])
}

func TestBulkUpsertUsersJob(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update_many.json", map[string]any{"users": []any{
		map[string]any{"name": "New One", "email": "one@example.com", "external_id": "X-1"},
		map[string]any{"name": "Broken", "email": "foo@"},
		map[string]any{"email": "bob@example.com", "name": "Robert"},
		map[string]any{"external_id": "con-1", "phone": "123"},
	}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	queued := obj(r.body, "job_status")
	assert.Contains(t, []any{"queued", "working", "completed"}, queued["status"])
	assert.Equal(t, float64(4), queued["total"])
	assert.Equal(t, f.ts.URL+"/api/v2/job_statuses/"+queued["id"].(string)+".json", queued["url"])

	js := f.waitJob(t, r)
	res := results(js)
	require.Len(t, res, 4)
	for i, want := range []struct{ status, action string }{{"Created", "create"}, {"Failed", ""}, {"Updated", "update"}, {"Updated", "update"}} {
		assert.Equal(t, float64(i), res[i]["index"])
		assert.Equal(t, want.status, res[i]["status"], "result %d", i)
		if want.action != "" {
			assert.Equal(t, want.action, res[i]["action"])
		}
	}
	assert.Equal(t, "X-1", res[0]["external_id"])
	assert.Equal(t, "one@example.com", res[0]["email"])
	assert.Equal(t, float64(12), res[2]["id"])
	assert.Equal(t, float64(11), res[3]["id"])
	assert.Equal(t, "UserCreateError", res[1]["error"])
	assert.Equal(t, "Email: foo@ is not properly formatted", res[1]["details"])

	alice := obj(f.do(t, http.MethodGet, "/api/v2/users/11", nil).body, "user")
	assert.Equal(t, "123", alice["phone"])
	assert.Equal(t, int64(3), f.srv.Stats().Snapshot().Writes["users"])
}

func TestBulkUserLimits(t *testing.T) {
	f := newFixture(t, Config{})
	users := make([]any, 101)
	for i := range users {
		users[i] = map[string]any{"name": "u", "email": fmt.Sprintf("u%d@example.com", i)}
	}
	for _, path := range []string{"/api/v2/users/create_or_update_many", "/api/v2/users/create_many"} {
		r := f.do(t, http.MethodPost, path, map[string]any{"users": users})
		assert.Equal(t, http.StatusBadRequest, r.status, path)
		assert.Equal(t, "TooManyValues", r.body["error"])
	}
	r := f.do(t, http.MethodDelete, "/api/v2/users/destroy_many?ids="+numbers(101), nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	r = f.do(t, http.MethodDelete, "/api/v2/users/destroy_many", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
}

func TestCreateManyUsersRefusesDuplicates(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/users/create_many", map[string]any{"users": []any{
		map[string]any{"name": "Dup", "email": "alice@example.com"},
		map[string]any{"name": "Fresh", "email": "fresh@example.com"},
		map[string]any{"name": "Fresh again", "email": "FRESH@example.com"},
	}}))
	res := results(js)
	assert.Equal(t, "Failed", res[0]["status"])
	assert.Equal(t, "Created", res[1]["status"])
	assert.Equal(t, "Failed", res[2]["status"], "a later record sees the earlier one of the same job")
}

func TestUpdateManyUsers(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/users/update_many.json?ids=11,12,999",
		map[string]any{"user": map[string]any{"tags": []string{"VIP", "vip", " gold "}}}))
	res := results(js)
	assert.Equal(t, []any{"Updated", "Updated", "Failed"}, []any{res[0]["status"], res[1]["status"], res[2]["status"]})
	assert.Equal(t, "RecordNotFound", res[2]["error"])
	bob := obj(f.do(t, http.MethodGet, "/api/v2/users/12", nil).body, "user")
	assert.Equal(t, []any{"vip", "gold"}, bob["tags"])

	js = f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/users/update_many?external_ids=CON-1",
		map[string]any{"user": map[string]any{"name": "Alice A"}}))
	assert.Equal(t, "Updated", results(js)[0]["status"])

	js = f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/users/update_many", map[string]any{"users": []any{
		map[string]any{"id": 12, "name": "Bobby"},
		map[string]any{"external_id": "con-1", "name": "Alicia"},
		map[string]any{"external_id": "none", "name": "Ghost"},
	}}))
	res = results(js)
	assert.Equal(t, []any{"Updated", "Updated", "Failed"}, []any{res[0]["status"], res[1]["status"], res[2]["status"]})
	alice := obj(f.do(t, http.MethodGet, "/api/v2/users/11", nil).body, "user")
	assert.Equal(t, "Alicia", alice["name"])
	assert.Equal(t, "CON-1", alice["external_id"], "the external id only named the record")

	r := f.do(t, http.MethodPut, "/api/v2/users/update_many?ids=11", map[string]any{"users": []any{}})
	assert.Equal(t, http.StatusBadRequest, r.status)
}

func TestDestroyManyUsersSoftDeletes(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodDelete, "/api/v2/users/destroy_many.json?ids=12,999", nil))
	res := results(js)
	assert.Equal(t, "Deleted", res[0]["status"])
	assert.Equal(t, true, res[0]["success"])
	assert.Equal(t, "Failed", res[1]["status"])

	bob := obj(f.do(t, http.MethodGet, "/api/v2/users/12", nil).body, "user")
	assert.Equal(t, false, bob["active"])
	assert.Equal(t, []int64{1, 10, 11}, ids(list(f.do(t, http.MethodGet, "/api/v2/users", nil).body, "users")))
	assert.Empty(t, list(f.do(t, http.MethodGet, "/api/v2/users/search?query=email:bob@example.com", nil).body, "users"))

	f.clock.Advance(2 * time.Minute)
	exp := f.do(t, http.MethodGet, fmt.Sprintf("/api/v2/incremental/users/cursor.json?start_time=%d", t0.Add(time.Hour).Unix()), nil)
	exported := list(exp.body, "users")
	require.Len(t, exported, 1)
	assert.Equal(t, float64(12), exported[0]["id"])
	assert.Equal(t, false, exported[0]["active"])

	// The address is free again once its owner is deleted.
	r := f.do(t, http.MethodPost, "/api/v2/users", map[string]any{"user": map[string]any{"name": "Bob 2", "email": "bob@example.com"}})
	assert.Equal(t, http.StatusCreated, r.status, r.raw)
}

func TestSingleUserUpdateAndDelete(t *testing.T) {
	f := newFixture(t, Config{})
	r := f.do(t, http.MethodPut, "/api/v2/users/12.json", map[string]any{"user": map[string]any{"organization_id": 1, "user_fields": map[string]any{"tier": "gold"}}})
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, float64(1), obj(r.body, "user")["organization_id"])
	assert.Equal(t, "gold", obj(obj(r.body, "user"), "user_fields")["tier"])
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodPut, "/api/v2/users/999", map[string]any{"user": map[string]any{}}).status)

	r = f.do(t, http.MethodDelete, "/api/v2/users/12", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, false, obj(r.body, "user")["active"])
	assert.Equal(t, http.StatusNotFound, f.do(t, http.MethodDelete, "/api/v2/users/12", nil).status)
}
