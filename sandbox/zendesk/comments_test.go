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

// commentsFixture has ticket 100 with five comments, ids 1000..1004, a
// minute apart.
func commentsFixture(t *testing.T) *fixture {
	data := testSeed()
	tk := &data.Tickets[0]
	for i := 1; i < 5; i++ {
		tk.Comments = append(tk.Comments, seed.Comment{ID: int64(1000 + i), AuthorID: 10, Body: fmt.Sprintf("reply %d", i),
			Public: i%2 == 0, CreatedAt: t0.Add(time.Duration(i) * time.Minute)})
	}
	data.Tickets[1].Comments[0].ID = 999
	return newFixtureWith(t, Config{}, data)
}

func TestListCommentsShape(t *testing.T) {
	f := commentsFixture(t)
	r := f.do(t, http.MethodGet, "/api/v2/tickets/100/comments.json", nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	comments := list(r.body, "comments")
	require.Len(t, comments, 5)
	first := comments[0]
	for _, key := range []string{"id", "type", "body", "html_body", "plain_body", "public", "author_id", "audit_id", "via", "metadata", "attachments", "created_at"} {
		assert.Contains(t, first, key)
	}
	assert.Equal(t, "Comment", first["type"])
	assert.Equal(t, "It burns", first["plain_body"])
	assert.Equal(t, `<div class="zd-comment" dir="auto"><p dir="auto">It burns</p></div>`, first["html_body"])
	assert.Equal(t, "web", obj(first, "via")["channel"], "seeded comments came in through the web")
	assert.Equal(t, map[string]any{}, obj(obj(first, "metadata"), "custom"))
	assert.Equal(t, []any{}, first["attachments"])
	assert.Equal(t, "2024-03-01T12:00:00Z", first["created_at"])
	assert.NotZero(t, first["audit_id"])
	assert.NotEqual(t, first["audit_id"], comments[1]["audit_id"], "each comment came with its own audit")
	assert.Equal(t, false, comments[1]["public"])
}

func TestListCommentsPagination(t *testing.T) {
	f := commentsFixture(t)
	walk := func(url string) []int64 {
		var got []int64
		for range 10 {
			r := f.do(t, http.MethodGet, url, nil)
			require.Equal(t, http.StatusOK, r.status, r.raw)
			got = append(got, ids(list(r.body, "comments"))...)
			next, _ := obj(r.body, "links")["next"].(string)
			if obj(r.body, "meta")["has_more"] != true {
				assert.Empty(t, next)
				return got
			}
			url = next
		}
		t.Fatal("pagination does not end")
		return nil
	}
	assert.Equal(t, []int64{1000, 1001, 1002, 1003, 1004}, walk(f.ts.URL+"/api/v2/tickets/100/comments?page[size]=2"), "oldest first")
	assert.Equal(t, []int64{1004, 1003, 1002, 1001, 1000}, walk(f.ts.URL+"/api/v2/tickets/100/comments?page[size]=2&sort=-created_at"))
	assert.Equal(t, []int64{1000, 1001, 1002, 1003, 1004}, walk(f.ts.URL+"/api/v2/tickets/100/comments?page[size]=3&sort=created_at"))

	r := f.do(t, http.MethodGet, "/api/v2/tickets/100/comments?per_page=2&page=2&sort_order=desc", nil)
	require.Equal(t, http.StatusOK, r.status, r.raw)
	assert.Equal(t, []int64{1002, 1001}, ids(list(r.body, "comments")), "offset pages, newest first")
	assert.Equal(t, float64(5), r.body["count"])

	for _, bad := range []string{"page[size]=101", "page[size]=2&sort=newest", "sort_order=sideways"} {
		r := f.do(t, http.MethodGet, "/api/v2/tickets/100/comments?"+bad, nil)
		assert.Equal(t, http.StatusBadRequest, r.status, bad)
	}
}
