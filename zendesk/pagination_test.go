package zendesk

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAllUsersWalksEveryPage(t *testing.T) {
	c, s := newTestClient(t,
		ok(`{"users":[{"id":1},{"id":2}],"meta":{"has_more":true,"after_cursor":"c1"}}`),
		ok(`{"users":[],"meta":{"has_more":true,"after_cursor":"c2"}}`),
		ok(`{"users":[{"id":3}],"meta":{"has_more":false,"after_cursor":"c3"}}`),
	)
	var ids []int64
	for u, err := range c.AllUsers(context.Background(), &ListOptions{Role: RoleAgent, PageSize: 2}) {
		require.NoError(t, err)
		ids = append(ids, u.ID)
	}
	assert.Equal(t, []int64{1, 2, 3}, ids)

	reqs := s.requests()
	require.Len(t, reqs, 3)
	for i, after := range []string{"", "c1", "c2"} {
		assert.Equal(t, after, reqs[i].Query.Get("page[after]"), "request %d", i)
		assert.Equal(t, "2", reqs[i].Query.Get("page[size]"))
		assert.Equal(t, "agent", reqs[i].Query.Get("role"))
	}
}

func TestAllOrganizationsWalksEveryPage(t *testing.T) {
	c, s := newTestClient(t,
		ok(`{"organizations":[{"id":10,"name":"A"}],"meta":{"has_more":true,"after_cursor":"n1"}}`),
		ok(`{"organizations":[{"id":11,"name":"B"}],"meta":{"has_more":false}}`),
	)
	var names []string
	for o, err := range c.AllOrganizations(context.Background(), nil) {
		require.NoError(t, err)
		names = append(names, o.Name)
	}
	assert.Equal(t, []string{"A", "B"}, names)
	assert.Equal(t, "n1", s.requests()[1].Query.Get("page[after]"))
}

func TestAllUsersStopsWhenConsumerBreaks(t *testing.T) {
	c, s := newTestClient(t,
		ok(`{"users":[{"id":1},{"id":2}],"meta":{"has_more":true,"after_cursor":"c1"}}`),
	)
	n := 0
	for _, err := range c.AllUsers(context.Background(), nil) {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Len(t, s.requests(), 1)
}

func TestAllUsersReportsErrors(t *testing.T) {
	tests := []struct {
		name    string
		replies []reply
		want    string
		items   int
	}{
		{
			name: "error on second page",
			replies: []reply{
				ok(`{"users":[{"id":1}],"meta":{"has_more":true,"after_cursor":"c1"}}`),
				{status: 500, body: "oops"},
			},
			want:  "transient: status 500",
			items: 1,
		},
		{
			name: "repeated cursor",
			replies: []reply{
				ok(`{"users":[{"id":1}],"meta":{"has_more":true,"after_cursor":"same"}}`),
				ok(`{"users":[{"id":2}],"meta":{"has_more":true,"after_cursor":"same"}}`),
			},
			want:  `cursor "same" repeated`,
			items: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, tt.replies...)
			var items int
			var errs []error
			for _, err := range c.AllUsers(context.Background(), nil) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				items++
			}
			assert.Equal(t, tt.items, items)
			require.Len(t, errs, 1)
			assert.Contains(t, errs[0].Error(), tt.want)
		})
	}
}

func TestChunks(t *testing.T) {
	for _, n := range []int{0, 1, 99, 100, 101, 250} {
		in := make([]int, n)
		for i := range in {
			in[i] = i
		}
		var got []int
		var sizes []int
		for c := range chunks(in, 100) {
			sizes = append(sizes, len(c))
			got = append(got, c...)
		}
		assert.Len(t, got, n, fmt.Sprint(n))
		if n > 0 {
			assert.Equal(t, in, got, fmt.Sprint(n))
		}
		assert.Len(t, sizes, (n+99)/100, fmt.Sprint(n))
		for _, size := range sizes {
			assert.LessOrEqual(t, size, 100)
		}
	}
}
