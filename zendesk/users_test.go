package zendesk

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const userJSON = `{"id":35436,"url":"https://acme.zendesk.com/api/v2/users/35436.json","name":"Johnny Agent",
"email":"johnny@example.com","phone":null,"external_id":"003XX0001","organization_id":57542,"role":"end-user",
"active":true,"suspended":false,"verified":true,"tags":["vip"],"user_fields":{"tier":"gold"},
"created_at":"2024-05-01T10:00:00Z","updated_at":"2024-05-02T11:30:00Z"}`

func TestUserDecodesDocumentedFields(t *testing.T) {
	c, _ := newTestClient(t, ok(`{"users":[`+userJSON+`]}`))
	users, err := c.ShowUsers(context.Background(), []int64{35436})
	require.NoError(t, err)
	require.Len(t, users, 1)
	u := users[0]
	assert.Equal(t, int64(35436), u.ID)
	assert.Equal(t, "https://acme.zendesk.com/api/v2/users/35436.json", u.URL)
	assert.Equal(t, "Johnny Agent", u.Name)
	assert.Equal(t, "johnny@example.com", u.Email)
	assert.Nil(t, u.Phone)
	assert.Equal(t, "", u.GetPhone())
	assert.Equal(t, "003XX0001", u.ExternalID)
	assert.Equal(t, int64(57542), u.GetOrganizationID())
	assert.Equal(t, RoleEndUser, u.Role)
	assert.True(t, u.GetActive())
	require.NotNil(t, u.Suspended)
	assert.False(t, *u.Suspended)
	require.NotNil(t, u.Verified)
	assert.True(t, *u.Verified)
	assert.Equal(t, []string{"vip"}, u.Tags)
	assert.Equal(t, map[string]any{"tier": "gold"}, u.UserFields)
	assert.Equal(t, time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), u.CreatedAt)
	assert.Equal(t, time.Date(2024, 5, 2, 11, 30, 0, 0, time.UTC), u.UpdatedAt)
}

func TestCreateOrUpdateUser(t *testing.T) {
	tests := []struct {
		status  int
		created bool
	}{{http.StatusCreated, true}, {http.StatusOK, false}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			c, s := newTestClient(t, reply{status: tt.status, body: `{"user":` + userJSON + `}`})
			u, created, err := c.CreateOrUpdateUser(context.Background(), &User{
				Name: "Johnny Agent", Email: "johnny@example.com", ExternalID: "003XX0001",
				OrganizationID: Int64(57542), Phone: String(""),
			})
			require.NoError(t, err)
			assert.Equal(t, tt.created, created)
			assert.Equal(t, int64(35436), u.ID)

			req := s.only()
			assert.Equal(t, http.MethodPost, req.Method)
			assert.Equal(t, "/api/v2/users/create_or_update", req.Path)
			assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			// Unset fields stay out of the body; a set-but-empty phone is sent to clear it.
			assert.JSONEq(t, `{"user":{"name":"Johnny Agent","email":"johnny@example.com","external_id":"003XX0001","organization_id":57542,"phone":""}}`, req.Body)
		})
	}
}

func TestCreateOrUpdateUserRejectsNil(t *testing.T) {
	c, s := newTestClient(t)
	_, _, err := c.CreateOrUpdateUser(context.Background(), nil)
	require.Error(t, err)
	assert.Empty(t, s.requests())
}

func TestCreateOrUpdateUsers(t *testing.T) {
	c, s := newTestClient(t, ok(`{"job_status":{"id":"8b726e606741012ffc2d782bcb7848fe","url":"https://acme.zendesk.com/api/v2/job_statuses/8b72.json","status":"queued","total":2,"progress":0}}`))
	job, err := c.CreateOrUpdateUsers(context.Background(), []User{
		{Name: "A", Email: "a@example.com"},
		{Name: "B", ExternalID: "ext-b", Active: Bool(false)},
	})
	require.NoError(t, err)
	assert.Equal(t, "8b726e606741012ffc2d782bcb7848fe", job.ID)
	assert.Equal(t, JobQueued, job.Status)
	assert.Equal(t, 2, job.Total)
	assert.False(t, job.Done())

	req := s.only()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/api/v2/users/create_or_update_many", req.Path)
	assert.JSONEq(t, `{"users":[{"name":"A","email":"a@example.com"},{"name":"B","external_id":"ext-b","active":false}]}`, req.Body)
}

func TestBulkSizeLimits(t *testing.T) {
	tests := []struct {
		name string
		run  func(c *Client, n int) error
	}{
		{"CreateOrUpdateUsers", func(c *Client, n int) error {
			_, err := c.CreateOrUpdateUsers(context.Background(), make([]User, n))
			return err
		}},
		{"CreateOrganizations", func(c *Client, n int) error {
			_, err := c.CreateOrganizations(context.Background(), make([]Organization, n))
			return err
		}},
		{"UpdateOrganizations", func(c *Client, n int) error {
			orgs := make([]Organization, n)
			for i := range orgs {
				orgs[i].ID = int64(i + 1)
			}
			_, err := c.UpdateOrganizations(context.Background(), orgs)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := newTestClient(t, ok(`{"job_status":{"id":"j"}}`))
			assert.ErrorContains(t, tt.run(c, 0), "no ")
			assert.ErrorContains(t, tt.run(c, 101), "101")
			assert.Empty(t, s.requests())
			require.NoError(t, tt.run(c, 100))
			assert.Len(t, s.requests(), 1)
		})
	}
}

func TestShowUsersChunksByHundred(t *testing.T) {
	ids := make([]int64, 150)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	c, s := newTestClient(t, ok(`{"users":[{"id":1}]}`), ok(`{"users":[{"id":150}]}`))
	users, err := c.ShowUsers(context.Background(), ids)
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 150}, []int64{users[0].ID, users[1].ID})

	reqs := s.requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, http.MethodGet, r.Method)
		assert.Equal(t, "/api/v2/users/show_many", r.Path)
	}
	assert.Len(t, strings.Split(reqs[0].Query.Get("ids"), ","), 100)
	assert.True(t, strings.HasPrefix(reqs[0].Query.Get("ids"), "1,2,3,"))
	assert.Len(t, strings.Split(reqs[1].Query.Get("ids"), ","), 50)
	assert.True(t, strings.HasSuffix(reqs[1].Query.Get("ids"), ",149,150"))
}

func TestShowUsersEmptyInputSendsNothing(t *testing.T) {
	c, s := newTestClient(t)
	users, err := c.ShowUsers(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, users)
	_, err = c.ShowUsersByExternalIDs(context.Background(), []string{})
	require.NoError(t, err)
	assert.Empty(t, s.requests())
}

func TestShowUsersByExternalIDs(t *testing.T) {
	c, s := newTestClient(t, ok(`{"users":[{"id":1,"external_id":"a"},{"id":2,"external_id":"b"}]}`))
	users, err := c.ShowUsersByExternalIDs(context.Background(), []string{"a", "b"})
	require.NoError(t, err)
	assert.Len(t, users, 2)
	req := s.only()
	assert.Equal(t, "/api/v2/users/show_many", req.Path)
	assert.Equal(t, "a,b", req.Query.Get("external_ids"))
	assert.Empty(t, req.Query.Get("ids"))
}

func TestSearchUsersByEmailKeepsExactMatches(t *testing.T) {
	c, s := newTestClient(t, ok(`{"users":[{"id":1,"email":"Jo@Example.com"},{"id":2,"email":"jo@example.com.au"},{"id":3,"name":"jo@example.com"}],"count":3}`))
	users, err := c.SearchUsersByEmail(context.Background(), "jo@example.com")
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, int64(1), users[0].ID)
	req := s.only()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v2/users/search", req.Path)
	assert.Equal(t, "email:jo@example.com", req.Query.Get("query"))
}

func TestSearchUsersByExternalID(t *testing.T) {
	c, s := newTestClient(t, ok(`{"users":[{"id":9,"external_id":"003XX"}]}`))
	users, err := c.SearchUsersByExternalID(context.Background(), "003XX")
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, int64(9), users[0].ID)
	req := s.only()
	assert.Equal(t, "/api/v2/users/search", req.Path)
	assert.Equal(t, "003XX", req.Query.Get("external_id"))
	assert.Empty(t, req.Query.Get("query"))
}

func TestSearchArgumentsAreRequired(t *testing.T) {
	c, s := newTestClient(t)
	ctx := context.Background()
	_, err := c.SearchUsersByEmail(ctx, " ")
	assert.Error(t, err)
	_, err = c.SearchUsersByExternalID(ctx, "")
	assert.Error(t, err)
	_, err = c.SearchOrganizationsByName(ctx, "")
	assert.Error(t, err)
	_, err = c.SearchOrganizationsByExternalID(ctx, "")
	assert.Error(t, err)
	assert.Empty(t, s.requests())
}

func TestListUsers(t *testing.T) {
	c, s := newTestClient(t, ok(`{"users":[{"id":1},{"id":2}],"meta":{"has_more":true,"after_cursor":"xyz","before_cursor":"abc"},"links":{"next":"https://acme/api/v2/users?page[after]=xyz","prev":"https://acme/p"}}`))
	users, page, err := c.ListUsers(context.Background(), &ListOptions{Role: RoleEndUser, PageSize: 2, After: "cur0"})
	require.NoError(t, err)
	assert.Len(t, users, 2)
	assert.Equal(t, &CursorPage{HasMore: true, AfterCursor: "xyz", BeforeCursor: "abc", Next: "https://acme/api/v2/users?page[after]=xyz", Prev: "https://acme/p"}, page)

	req := s.only()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v2/users", req.Path)
	assert.Equal(t, "2", req.Query.Get("page[size]"))
	assert.Equal(t, "cur0", req.Query.Get("page[after]"))
	assert.Equal(t, "end-user", req.Query.Get("role"))
}

func TestListOptionsPageSize(t *testing.T) {
	tests := []struct {
		opts    *ListOptions
		want    string
		wantErr bool
	}{
		{nil, "100", false},
		{&ListOptions{}, "100", false},
		{&ListOptions{PageSize: 1}, "1", false},
		{&ListOptions{PageSize: 100}, "100", false},
		{&ListOptions{PageSize: 101}, "", true},
		{&ListOptions{PageSize: -1}, "", true},
	}
	for _, tt := range tests {
		q, err := tt.opts.values()
		if tt.wantErr {
			assert.Error(t, err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, q.Get("page[size]"))
		assert.False(t, q.Has("page[after]"))
	}
}
