package zendesk

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentWriters races single upserts, bulk jobs and reads; every
// write must land once, with distinct ids.
func TestConcurrentWriters(t *testing.T) {
	f := newFixture(t, Config{RequestsPerMinute: -1})
	const writers, each = 6, 10
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				email := fmt.Sprintf("w%d-%d@example.com", w, i)
				r := f.do(t, http.MethodPost, "/api/v2/users/create_or_update", map[string]any{"user": map[string]any{"name": "W", "email": email}})
				assert.Equal(t, http.StatusCreated, r.status, r.raw)
				f.do(t, http.MethodGet, "/api/v2/users?page[size]=50", nil)
			}
			users := make([]any, each)
			for i := range users {
				users[i] = map[string]any{"name": "B", "email": fmt.Sprintf("b%d-%d@example.com", w, i)}
			}
			js := f.waitJob(t, f.do(t, http.MethodPost, "/api/v2/users/create_or_update_many", map[string]any{"users": users}))
			for _, res := range results(js) {
				assert.Equal(t, "Created", res["status"])
			}
		})
	}
	wg.Wait()

	seen := map[int64]bool{}
	next := f.ts.URL + "/api/v2/users?page[size]=100"
	for next != "" {
		r := f.do(t, http.MethodGet, next, nil)
		require.Equal(t, http.StatusOK, r.status)
		for _, id := range ids(list(r.body, "users")) {
			require.False(t, seen[id], "id %d listed twice", id)
			seen[id] = true
		}
		next, _ = obj(r.body, "links")["next"].(string)
	}
	assert.Len(t, seen, 4+2*writers*each, "the seeded four and every write")
}
