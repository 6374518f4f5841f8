package zendesk

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The requests in this file are the ones the sync sends; the simulator must
// answer them as Zendesk does, or client bugs go unseen.

func TestUpsertManyAdoptsUserByEmail(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/users/create_or_update_many", map[string]any{"users": []any{
		map[string]any{"name": "Bob", "email": "BOB@example.com", "external_id": "003SF0000000001AAA"},
		map[string]any{"name": "Newcomer", "email": "new@example.com", "external_id": "003SF0000000002AAA"},
	}}))
	res := results(js)
	require.Len(t, res, 2)
	assert.Equal(t, "Updated", res[0]["status"])
	assert.Equal(t, "update", res[0]["action"])
	assert.Equal(t, float64(12), res[0]["id"], "the existing user is adopted, not duplicated")
	assert.Equal(t, "003SF0000000001AAA", res[0]["external_id"])
	assert.Equal(t, "Created", res[1]["status"])

	bob := obj(f.do(t, http.MethodGet, "/api/v2/users/12", nil).body, "user")
	assert.Equal(t, "003SF0000000001AAA", bob["external_id"])
	assert.True(t, strings.EqualFold("bob@example.com", bob["email"].(string)), "still the same address: %v", bob["email"])
	found := f.do(t, http.MethodGet, "/api/v2/users/search?external_id=003sf0000000001aaa", nil)
	assert.Equal(t, []int64{12}, ids(list(found.body, "users")))
}

func TestCreateManyOrganizationsNameTaken(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/organizations/create_many", map[string]any{"organizations": []any{
		map[string]any{"name": " acme ", "external_id": "001SF0000000001AAA"},
	}}))
	res := results(js)
	require.Len(t, res, 1)
	assert.Equal(t, "Failed", res[0]["status"])
	assert.Contains(t, res[0]["details"], "Name: has already been taken")
	assert.Nil(t, res[0]["id"], "a failed create names no record")
	r := f.do(t, http.MethodGet, "/api/v2/organizations/search?external_id=001SF0000000001AAA", nil)
	assert.Empty(t, list(r.body, "organizations"), "nothing was written")
}

func TestUpdateManyOrganizationsSetsExternalID(t *testing.T) {
	f := newFixture(t, Config{})
	js := f.waitJob(t, f.do(t, http.MethodPut, "/api/v2/organizations/update_many", map[string]any{"organizations": []any{
		map[string]any{"id": 2, "external_id": "001SF0000000002AAA"},
		map[string]any{"id": 99, "external_id": "001SF0000000003AAA"},
	}}))
	res := results(js)
	require.Len(t, res, 2)
	assert.Equal(t, "Updated", res[0]["status"])
	assert.Equal(t, "001SF0000000002AAA", res[0]["external_id"])
	assert.Equal(t, "Failed", res[1]["status"])
	assert.Equal(t, "RecordNotFound", res[1]["error"])

	globex := obj(f.do(t, http.MethodGet, "/api/v2/organizations/2", nil).body, "organization")
	assert.Equal(t, "001SF0000000002AAA", globex["external_id"])
	assert.Equal(t, "Globex", globex["name"], "fields the body leaves out stay as they were")
	found := f.do(t, http.MethodGet, "/api/v2/organizations/show_many?external_ids=001sf0000000002aaa", nil)
	assert.Equal(t, []int64{2}, ids(list(found.body, "organizations")))
}
