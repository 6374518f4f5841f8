package zendesk

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIncrementalUsersRequests(t *testing.T) {
	start := time.Unix(1700000000, 0)
	tests := []struct {
		name    string
		cursor  string
		perPage int
		want    map[string]string
		absent  []string
	}{
		{"first page", "", 0, map[string]string{"start_time": "1700000000"}, []string{"cursor", "per_page"}},
		{"next page", "MTU3NjYxMzUzOS4wfHw0NTF8", 500, map[string]string{"cursor": "MTU3NjYxMzUzOS4wfHw0NTF8", "per_page": "500"}, []string{"start_time"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := newTestClient(t, ok(`{"users":[{"id":1,"active":false},{"id":2}],"after_cursor":"next","after_url":"https://acme/next",
				"before_cursor":null,"before_url":null,"end_of_stream":false}`))
			page, err := c.IncrementalUsers(context.Background(), start, tt.cursor, tt.perPage)
			require.NoError(t, err)
			assert.Len(t, page.Users, 2)
			assert.False(t, page.Users[0].GetActive())
			assert.Equal(t, "next", page.AfterCursor)
			assert.Equal(t, "https://acme/next", page.AfterURL)
			assert.Empty(t, page.BeforeCursor)
			assert.False(t, page.EndOfStream)

			req := s.only()
			assert.Equal(t, http.MethodGet, req.Method)
			assert.Equal(t, "/api/v2/incremental/users/cursor.json", req.Path)
			for k, v := range tt.want {
				assert.Equal(t, v, req.Query.Get(k), k)
			}
			for _, k := range tt.absent {
				assert.False(t, req.Query.Has(k), k)
			}
		})
	}
}

func TestIncrementalTickets(t *testing.T) {
	c, s := newTestClient(t, ok(`{"tickets":[{"id":5,"status":"deleted","generated_timestamp":1700000100}],"after_cursor":"z","end_of_stream":true}`))
	page, err := c.IncrementalTickets(context.Background(), time.Unix(1700000000, 0), "", 1000)
	require.NoError(t, err)
	require.Len(t, page.Tickets, 1)
	assert.Equal(t, StatusDeleted, page.Tickets[0].Status)
	assert.Equal(t, int64(1700000100), page.Tickets[0].GeneratedTimestamp)
	assert.True(t, page.EndOfStream)
	req := s.only()
	assert.Equal(t, "/api/v2/incremental/tickets/cursor.json", req.Path)
	assert.Equal(t, "1700000000", req.Query.Get("start_time"))
	assert.Equal(t, "1000", req.Query.Get("per_page"))
}

func TestIncrementalOrganizations(t *testing.T) {
	c, s := newTestClient(t, ok(`{"organizations":[{"id":1,"name":"A"},{"id":1,"name":"A"}],"count":2,"end_time":1700000500,
		"next_page":"https://acme/api/v2/incremental/organizations.json?start_time=1700000500","end_of_stream":false}`))
	page, err := c.IncrementalOrganizations(context.Background(), time.Unix(1700000000, 0), 100)
	require.NoError(t, err)
	assert.Len(t, page.Organizations, 2)
	assert.Equal(t, 2, page.Count)
	assert.Equal(t, time.Unix(1700000500, 0).UTC(), page.EndTime)
	assert.Equal(t, "https://acme/api/v2/incremental/organizations.json?start_time=1700000500", page.NextPage)
	assert.False(t, page.EndOfStream)
	req := s.only()
	assert.Equal(t, "/api/v2/incremental/organizations.json", req.Path)
	assert.Equal(t, "1700000000", req.Query.Get("start_time"))
	assert.Equal(t, "100", req.Query.Get("per_page"))
}

func TestIncrementalOrganizationsEndOfStreamWithoutNext(t *testing.T) {
	c, _ := newTestClient(t, ok(`{"organizations":[],"count":0,"end_time":null,"next_page":null,"end_of_stream":true}`))
	page, err := c.IncrementalOrganizations(context.Background(), time.Unix(1700000000, 0), 0)
	require.NoError(t, err)
	assert.True(t, page.EndOfStream)
	assert.True(t, page.EndTime.IsZero())
	assert.Empty(t, page.NextPage)
}

func TestIncrementalArguments(t *testing.T) {
	c, s := newTestClient(t)
	ctx := context.Background()
	_, err := c.IncrementalUsers(ctx, time.Time{}, "", 0)
	assert.ErrorContains(t, err, "start time or cursor required")
	_, err = c.IncrementalTickets(ctx, time.Unix(1, 0), "", 1001)
	assert.ErrorContains(t, err, "per_page 1001")
	_, err = c.IncrementalOrganizations(ctx, time.Unix(1, 0), -1)
	assert.ErrorContains(t, err, "per_page -1")
	assert.Empty(t, s.requests())
}

func TestIncrementalFutureStartIsAnErrorResponse(t *testing.T) {
	c, _ := newTestClient(t, reply{status: 400, body: `{"error":"InvalidValue","description":"start_time is too recent"}`})
	_, err := c.IncrementalUsers(context.Background(), time.Now().Add(time.Hour), "", 0)
	var er *ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Equal(t, 400, er.StatusCode)
	assert.False(t, IsRetryable(err))
}
