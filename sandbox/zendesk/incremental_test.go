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

func exportPath(kind string, start time.Time) string {
	return fmt.Sprintf("/api/v2/incremental/%s?start_time=%d", kind, start.Unix())
}

func TestUserExportStartTimeIsInclusive(t *testing.T) {
	f := newFixture(t, Config{})
	// Bob changed at t0+5s, the others at t0.
	r := f.do(t, http.MethodGet, exportPath("users/cursor.json", t0.Add(5*time.Second)), nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, []int64{12}, ids(list(r.body, "users")))
	assert.Equal(t, true, r.body["end_of_stream"])
	assert.NotEmpty(t, r.body["after_cursor"])
	assert.Contains(t, r.body["after_url"], f.ts.URL+"/api/v2/incremental/users/cursor.json?cursor=")
	assert.Contains(t, r.body, "before_cursor")
	assert.Contains(t, r.body, "before_url")
	assert.NotContains(t, r.body, "end_time")

	r = f.do(t, http.MethodGet, exportPath("users/cursor.json", t0), nil)
	assert.Equal(t, []int64{10, 11, 12}, ids(list(r.body, "users")), "ordered by change time, then id")
}

func TestUserExportPagesWithCursor(t *testing.T) {
	f := newFixture(t, Config{ExportRequestsPerMinute: -1})
	url := f.ts.URL + exportPath("users/cursor.json", t0) + "&per_page=2"
	var seen []int64
	for range 5 {
		r := f.do(t, http.MethodGet, url, nil)
		require.Equal(t, http.StatusOK, r.status, r.raw)
		seen = append(seen, ids(list(r.body, "users"))...)
		if r.body["end_of_stream"] == true {
			break
		}
		url = r.body["after_url"].(string)
	}
	assert.Equal(t, []int64{10, 11, 12}, seen)

	// A later change shows up from the stored cursor once it is a minute old.
	last := f.do(t, http.MethodGet, url, nil)
	resume := last.body["after_url"].(string)
	r := f.do(t, http.MethodPut, "/api/v2/users/11", map[string]any{"user": map[string]any{"name": "Alice Again"}})
	require.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, list(f.do(t, http.MethodGet, resume, nil).body, "users"), "the last minute is left out")
	f.clock.Advance(61 * time.Second)
	got := f.do(t, http.MethodGet, resume, nil)
	assert.Equal(t, []int64{11}, ids(list(got.body, "users")))
	assert.Equal(t, "Alice Again", list(got.body, "users")[0]["name"])
}

func TestExportRefusesRecentOrMissingStart(t *testing.T) {
	f := newFixture(t, Config{ExportRequestsPerMinute: -1})
	now := f.clock.Now()
	cases := []struct {
		name string
		path string
	}{
		{"future", exportPath("users/cursor.json", now.Add(time.Hour))},
		{"within the last minute", exportPath("tickets/cursor.json", now.Add(-30*time.Second))},
		{"organizations, recent", exportPath("organizations.json", now.Add(-10*time.Second))},
		{"missing", "/api/v2/incremental/users/cursor.json"},
		{"organizations, missing", "/api/v2/incremental/organizations.json"},
		{"not a number", "/api/v2/incremental/users/cursor.json?start_time=yesterday"},
		{"bad cursor", "/api/v2/incremental/tickets/cursor.json?cursor=%%%"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(t, http.MethodGet, tc.path, nil)
			assert.Equal(t, http.StatusBadRequest, r.status, r.raw)
			assert.NotEmpty(t, r.body["error"])
		})
	}
	r := f.do(t, http.MethodGet, exportPath("users/cursor.json", now.Add(-time.Minute)), nil)
	assert.Equal(t, http.StatusOK, r.status, "exactly a minute ago is allowed")
}

func TestTicketExportFollowsGeneratedTimestamp(t *testing.T) {
	f := newFixture(t, Config{ExportRequestsPerMinute: -1})
	changed := f.clock.Now()
	r := f.do(t, http.MethodPut, "/api/v2/tickets/100", map[string]any{"ticket": map[string]any{"comment": map[string]any{"body": "more"}}})
	require.Equal(t, http.StatusOK, r.status)
	f.clock.Advance(2 * time.Minute)

	r = f.do(t, http.MethodGet, exportPath("tickets/cursor.json", changed), nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	tickets := list(r.body, "tickets")
	assert.Equal(t, []int64{100}, ids(tickets))
	assert.Equal(t, float64(changed.Unix()), tickets[0]["generated_timestamp"])
	assert.Equal(t, true, r.body["end_of_stream"])

	r = f.do(t, http.MethodGet, exportPath("tickets/cursor.json", t0), nil)
	assert.Equal(t, []int64{101, 100}, ids(list(r.body, "tickets")))
}

func TestOrganizationTimeBasedExport(t *testing.T) {
	data := testSeed()
	for i := range 5 {
		data.Organizations = append(data.Organizations, seed.Organization{
			ID: int64(10 + i), Name: fmt.Sprintf("Org %d", i), CreatedAt: t0, UpdatedAt: t0.Add(time.Duration(20+i/2) * time.Second),
		})
	}
	// Change times: 1@t0, 2@+10, 10,11@+20, 12,13@+21, 14@+22.
	f := newFixtureWith(t, Config{ExportRequestsPerMinute: -1}, data)
	r := f.do(t, http.MethodGet, exportPath("organizations.json", t0)+"&per_page=3", nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, []int64{1, 2, 10, 11}, ids(list(r.body, "organizations")), "a second is not split across pages")
	assert.Equal(t, float64(4), r.body["count"])
	assert.Equal(t, float64(t0.Add(20*time.Second).Unix()), r.body["end_time"])
	assert.Equal(t, false, r.body["end_of_stream"])
	next := r.body["next_page"].(string)
	assert.Contains(t, next, f.ts.URL+"/api/v2/incremental/organizations.json?")
	assert.Contains(t, next, fmt.Sprintf("start_time=%d", t0.Add(20*time.Second).Unix()))

	r = f.do(t, http.MethodGet, next, nil)
	assert.Equal(t, []int64{10, 11, 12, 13}, ids(list(r.body, "organizations")), "the boundary second comes again")

	r = f.do(t, http.MethodGet, r.body["next_page"].(string), nil)
	assert.Equal(t, []int64{12, 13, 14}, ids(list(r.body, "organizations")))
	assert.Equal(t, true, r.body["end_of_stream"])
}

func TestOrganizationExportMakesProgressWithinOneSecond(t *testing.T) {
	data := testSeed()
	for i := range 4 {
		data.Organizations = append(data.Organizations, seed.Organization{ID: int64(10 + i), Name: fmt.Sprintf("Same %d", i), CreatedAt: t0, UpdatedAt: t0.Add(30 * time.Second)})
	}
	data.Organizations = append(data.Organizations, seed.Organization{ID: 20, Name: "Later", CreatedAt: t0, UpdatedAt: t0.Add(40 * time.Second)})
	f := newFixtureWith(t, Config{ExportRequestsPerMinute: -1}, data)
	r := f.do(t, http.MethodGet, exportPath("organizations.json", t0.Add(30*time.Second))+"&per_page=2", nil)
	assert.Equal(t, []int64{10, 11, 12, 13}, ids(list(r.body, "organizations")))
	assert.Equal(t, float64(t0.Add(31*time.Second).Unix()), r.body["end_time"])
	r = f.do(t, http.MethodGet, r.body["next_page"].(string), nil)
	assert.Equal(t, []int64{20}, ids(list(r.body, "organizations")))
	assert.Equal(t, true, r.body["end_of_stream"])
}
