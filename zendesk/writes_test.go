package zendesk

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSingleRecordWrites checks what each single-record write sends and
// what it makes of the answer.
func TestSingleRecordWrites(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		reply    reply
		call     func(c *Client) (any, error)
		method   string
		path     string
		body     string // JSON; "" for none
		wantName string // of the returned record; "" for none
	}{
		{"update user", ok(`{"user":` + userJSON + `}`), func(c *Client) (any, error) {
			return c.UpdateUser(ctx, 35436, &User{Phone: String("+1 555")})
		}, http.MethodPut, "/api/v2/users/35436", `{"user":{"phone":"+1 555"}}`, "Johnny Agent"},
		{"delete user", ok(`{"user":` + userJSON + `}`), func(c *Client) (any, error) {
			return c.DeleteUser(ctx, 35436)
		}, http.MethodDelete, "/api/v2/users/35436", "", "Johnny Agent"},
		{"update organization", ok(`{"organization":` + orgJSON + `}`), func(c *Client) (any, error) {
			return c.UpdateOrganization(ctx, 57542, &Organization{Notes: String("moved"), Tags: []string{"a"}})
		}, http.MethodPut, "/api/v2/organizations/57542", `{"organization":{"notes":"moved","tags":["a"]}}`, "Acme Corp"},
		{"delete organization", reply{status: http.StatusNoContent}, func(c *Client) (any, error) {
			return nil, c.DeleteOrganization(ctx, 57542)
		}, http.MethodDelete, "/api/v2/organizations/57542", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := newTestClient(t, tt.reply)
			got, err := tt.call(c)
			require.NoError(t, err)
			switch rec := got.(type) {
			case *User:
				assert.Equal(t, tt.wantName, rec.Name)
			case *Organization:
				assert.Equal(t, tt.wantName, rec.Name)
			default:
				assert.Empty(t, tt.wantName)
			}
			req := s.only()
			assert.Equal(t, tt.method, req.Method)
			assert.Equal(t, tt.path, req.Path)
			if tt.body == "" {
				assert.Empty(t, req.Body)
			} else {
				assert.JSONEq(t, tt.body, req.Body, "unset fields stay out of the body")
			}
		})
	}
}

func TestSingleRecordWritesRefuseBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"update user, nil", func(c *Client) error { _, err := c.UpdateUser(ctx, 1, nil); return err }, "nil user"},
		{"update user, id 0", func(c *Client) error { _, err := c.UpdateUser(ctx, 0, &User{}); return err }, "invalid id 0"},
		{"delete user, negative id", func(c *Client) error { _, err := c.DeleteUser(ctx, -3); return err }, "invalid id -3"},
		{"update organization, nil", func(c *Client) error { _, err := c.UpdateOrganization(ctx, 1, nil); return err }, "nil organization"},
		{"update organization, id 0", func(c *Client) error { _, err := c.UpdateOrganization(ctx, 0, &Organization{}); return err }, "invalid id 0"},
		{"delete organization, id 0", func(c *Client) error { return c.DeleteOrganization(ctx, 0) }, "invalid id 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := newTestClient(t)
			err := tt.call(c)
			assert.ErrorContains(t, err, tt.want)
			assert.Empty(t, s.requests(), "nothing is sent")
		})
	}
}

func TestSingleRecordWriteErrors(t *testing.T) {
	ctx := context.Background()
	notFound := reply{status: http.StatusNotFound, body: `{"error":"RecordNotFound","description":"Not found"}`}
	invalid := reply{status: http.StatusUnprocessableEntity, body: `{"error":"RecordInvalid","description":"Record validation errors","details":{"name":[{"description":"Name: has already been taken","error":"DuplicateValue"}]}}`}
	tests := []struct {
		name  string
		reply reply
		call  func(c *Client) error
		check func(t *testing.T, err error)
	}{
		{"update user, unknown", notFound, func(c *Client) error { _, err := c.UpdateUser(ctx, 9, &User{Name: "x"}); return err }, isNotFound},
		{"delete user, already deleted", notFound, func(c *Client) error { _, err := c.DeleteUser(ctx, 9); return err }, isNotFound},
		{"delete organization, unknown", notFound, func(c *Client) error { return c.DeleteOrganization(ctx, 9) }, isNotFound},
		{"update organization, name taken", invalid, func(c *Client) error {
			_, err := c.UpdateOrganization(ctx, 9, &Organization{Name: "Acme"})
			return err
		}, func(t *testing.T, err error) {
			var ri *RecordInvalidError
			require.ErrorAs(t, err, &ri)
			assert.True(t, ri.Field("name"))
			assert.Contains(t, err.Error(), "zendesk: PUT /api/v2/organizations/9: record invalid")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, tt.reply)
			err := tt.call(c)
			tt.check(t, err)
			assert.False(t, IsRetryable(err))
		})
	}
}

func isNotFound(t *testing.T, err error) {
	t.Helper()
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Not found", nf.Description)
}

func TestOrganizationExportDecodesDeletedAt(t *testing.T) {
	c, _ := newTestClient(t, ok(`{"organizations":[
		{"id":1,"name":"Gone","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-06-01T08:00:05Z","deleted_at":"2024-06-01T08:00:05Z"},
		{"id":2,"name":"Live","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-06-01T08:00:00Z","deleted_at":null},
		{"id":3,"name":"Older shape"}],
		"count":3,"end_time":1717228805,"next_page":null,"end_of_stream":true}`))
	page, err := c.IncrementalOrganizations(context.Background(), time.Unix(1, 0), 0)
	require.NoError(t, err)
	require.Len(t, page.Organizations, 3)
	require.NotNil(t, page.Organizations[0].DeletedAt)
	assert.Equal(t, time.Date(2024, 6, 1, 8, 0, 5, 0, time.UTC), *page.Organizations[0].DeletedAt)
	assert.Nil(t, page.Organizations[1].DeletedAt, "null: not deleted")
	assert.Nil(t, page.Organizations[2].DeletedAt, "absent: not deleted")
}
