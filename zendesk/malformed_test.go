package zendesk

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// call is one client method under test, reduced to its error.
type call struct {
	name  string
	op    string // method and path in the error prefix
	valid string // a minimal well-formed body, to prove the malformed ones are what fails
	run   func(ctx context.Context, c *Client) error
}

func allCalls() []call {
	start := time.Unix(1700000000, 0)
	return []call{
		{"CreateOrUpdateUser", "POST /api/v2/users/create_or_update", `{"user":{"id":1}}`, func(ctx context.Context, c *Client) error {
			_, _, err := c.CreateOrUpdateUser(ctx, &User{Email: "a@b.c"})
			return err
		}},
		{"CreateOrUpdateUsers", "POST /api/v2/users/create_or_update_many", `{"job_status":{"id":"j1"}}`, func(ctx context.Context, c *Client) error {
			_, err := c.CreateOrUpdateUsers(ctx, []User{{Email: "a@b.c"}})
			return err
		}},
		{"ShowUsers", "GET /api/v2/users/show_many", `{"users":[]}`, func(ctx context.Context, c *Client) error {
			_, err := c.ShowUsers(ctx, []int64{1})
			return err
		}},
		{"SearchUsersByEmail", "GET /api/v2/users/search", `{"users":[]}`, func(ctx context.Context, c *Client) error {
			_, err := c.SearchUsersByEmail(ctx, "a@b.c")
			return err
		}},
		{"ListUsers", "GET /api/v2/users", `{"users":[],"meta":{"has_more":false}}`, func(ctx context.Context, c *Client) error {
			_, _, err := c.ListUsers(ctx, nil)
			return err
		}},
		{"CreateOrUpdateOrganization", "POST /api/v2/organizations/create_or_update", `{"organization":{"id":1}}`, func(ctx context.Context, c *Client) error {
			_, _, err := c.CreateOrUpdateOrganization(ctx, &Organization{Name: "Acme"})
			return err
		}},
		{"SearchOrganizationsByName", "GET /api/v2/organizations/search", `{"organizations":[]}`, func(ctx context.Context, c *Client) error {
			_, err := c.SearchOrganizationsByName(ctx, "Acme")
			return err
		}},
		{"ListOrganizations", "GET /api/v2/organizations", `{"organizations":[],"meta":{"has_more":false}}`, func(ctx context.Context, c *Client) error {
			_, _, err := c.ListOrganizations(ctx, nil)
			return err
		}},
		{"ShowTicket", "GET /api/v2/tickets/7", `{"ticket":{"id":7}}`, func(ctx context.Context, c *Client) error {
			_, err := c.ShowTicket(ctx, 7)
			return err
		}},
		{"ListTicketComments", "GET /api/v2/tickets/7/comments", `{"comments":[],"meta":{"has_more":false}}`, func(ctx context.Context, c *Client) error {
			_, _, err := c.ListTicketComments(ctx, 7, nil)
			return err
		}},
		{"ShowJobStatus", "GET /api/v2/job_statuses/j1", `{"job_status":{"id":"j1"}}`, func(ctx context.Context, c *Client) error {
			_, err := c.ShowJobStatus(ctx, "j1")
			return err
		}},
		{"ShowJobStatuses", "GET /api/v2/job_statuses/show_many", `{"job_statuses":[]}`, func(ctx context.Context, c *Client) error {
			_, err := c.ShowJobStatuses(ctx, []string{"j1"})
			return err
		}},
		{"IncrementalUsers", "GET /api/v2/incremental/users/cursor.json", `{"users":[],"end_of_stream":true}`, func(ctx context.Context, c *Client) error {
			_, err := c.IncrementalUsers(ctx, start, "", 0)
			return err
		}},
		{"IncrementalTickets", "GET /api/v2/incremental/tickets/cursor.json", `{"tickets":[],"end_of_stream":true}`, func(ctx context.Context, c *Client) error {
			_, err := c.IncrementalTickets(ctx, start, "", 0)
			return err
		}},
		{"IncrementalOrganizations", "GET /api/v2/incremental/organizations.json", `{"organizations":[],"end_time":1700000000,"end_of_stream":true}`, func(ctx context.Context, c *Client) error {
			_, err := c.IncrementalOrganizations(ctx, start, 0)
			return err
		}},
	}
}

func TestMalformedSuccessResponses(t *testing.T) {
	bodies := []struct {
		name        string
		body        string
		contentType string
	}{
		{"empty body", "", ""},
		{"whitespace body", " \n", ""},
		{"truncated json", `{"user":{"id":1,"na`, ""},
		{"html page", "<!DOCTYPE html><html><body>Help Center</body></html>", "text/html"},
		{"json null", "null", ""},
		{"empty object", "{}", ""},
		{"top-level array", "[1,2]", ""},
		{"wrong types", `{"user":{"id":"one"},"users":"x","organization":[],"organizations":{},"ticket":1,` +
			`"comments":3,"job_status":"done","job_statuses":{},"tickets":"x","meta":[]}`, ""},
	}
	for _, cl := range allCalls() {
		t.Run(cl.name+"/valid", func(t *testing.T) {
			c, _ := newTestClient(t, ok(cl.valid))
			require.NoError(t, cl.run(context.Background(), c))
		})
		for _, b := range bodies {
			t.Run(cl.name+"/"+b.name, func(t *testing.T) {
				rp := ok(b.body)
				if b.contentType != "" {
					rp.header = map[string]string{"Content-Type": b.contentType}
				}
				c, _ := newTestClient(t, rp)
				err := cl.run(context.Background(), c)
				var de *DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, 200, de.StatusCode)
				assert.True(t, strings.HasPrefix(err.Error(), "zendesk: "+cl.op+": decode status 200 response"), err.Error())
				assert.False(t, IsRetryable(err))
			})
		}
	}
}

func TestInconsistentPagingIsAnError(t *testing.T) {
	tests := []struct {
		name string
		body string
		run  func(c *Client) error
		want string
	}{
		{"list without meta", `{"users":[],"next_page":null}`, func(c *Client) error {
			_, _, err := c.ListUsers(context.Background(), nil)
			return err
		}, `no "meta"`},
		{"has_more without cursor", `{"users":[],"meta":{"has_more":true}}`, func(c *Client) error {
			_, _, err := c.ListUsers(context.Background(), nil)
			return err
		}, "after_cursor is empty"},
		{"export mid-stream without cursor", `{"users":[],"end_of_stream":false}`, func(c *Client) error {
			_, err := c.IncrementalUsers(context.Background(), time.Unix(1, 0), "", 0)
			return err
		}, "after_cursor is empty"},
		{"org export without end_time", `{"organizations":[],"end_of_stream":false}`, func(c *Client) error {
			_, err := c.IncrementalOrganizations(context.Background(), time.Unix(1, 0), 0)
			return err
		}, `no "end_time"`},
		{"job status without id", `{"job_status":{"status":"queued"}}`, func(c *Client) error {
			_, err := c.ShowJobStatus(context.Background(), "x")
			return err
		}, "no id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, ok(tt.body))
			err := tt.run(c)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
