package zendesk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// BenchmarkBulkUpsertUsers pushes create_or_update_many jobs of 100 users
// (half updates of seeded users, half new ones) through the HTTP API and
// reports the records applied per second, job completion included. The
// client keeps at most 25 jobs in flight, under the account's job limit.
func BenchmarkBulkUpsertUsers(b *testing.B) {
	const batch, inFlight, seeded = 100, 25, 10000
	var data seed.Zendesk
	for i := range seeded {
		data.Users = append(data.Users, seedUser(int64(i+1)))
	}
	srv := New(Config{RequestsPerMinute: -1}, data)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	auth := basicAuth(defaultEmail, defaultAPIToken)
	client := ts.Client()

	bodies := make([][]byte, 64)
	for n := range bodies {
		users := make([]map[string]any, batch)
		for i := range users {
			if i%2 == 0 {
				id := (n*batch+i)%seeded + 1
				users[i] = map[string]any{"email": fmt.Sprintf("user%d@example.com", id), "phone": fmt.Sprint(n)}
			} else {
				users[i] = map[string]any{"name": "New", "email": fmt.Sprintf("new-%d-%d-%%d@example.com", n, i)}
			}
		}
		bodies[n], _ = json.Marshal(map[string]any{"users": users})
	}

	send := func(method, url string, body []byte) map[string]any {
		req, _ := http.NewRequest(method, url, bytes.NewReader(body))
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("%s %s: %d %v", method, url, resp.StatusCode, err)
		}
		return out
	}
	var pending []string
	drain := func(keep int) {
		for len(pending) > keep {
			out := send(http.MethodGet, ts.URL+"/api/v2/job_statuses/show_many.json?ids="+strings.Join(pending, ","), nil)
			done := map[string]bool{}
			for _, js := range out["job_statuses"].([]any) {
				m := js.(map[string]any)
				if m["status"] == "completed" {
					done[m["id"].(string)] = true
				}
			}
			rest := pending[:0]
			for _, id := range pending {
				if !done[id] {
					rest = append(rest, id)
				}
			}
			pending = rest
			if len(pending) > keep {
				time.Sleep(100 * time.Microsecond)
			}
		}
	}

	n := 0
	for b.Loop() {
		i := n
		n++
		// Unique emails per iteration keep the creates creating.
		body := bytes.ReplaceAll(bodies[i%len(bodies)], []byte("%d"), fmt.Appendf(nil, "%d", i))
		out := send(http.MethodPost, ts.URL+"/api/v2/users/create_or_update_many.json", body)
		pending = append(pending, out["job_status"].(map[string]any)["id"].(string))
		drain(inFlight - 1)
	}
	drain(0)
	b.ReportMetric(float64(n*batch)/b.Elapsed().Seconds(), "records/s")
	if got := srv.Stats().Snapshot().Writes["users"]; got != int64(n*batch) {
		b.Fatalf("%d records applied, want %d: some results failed", got, n*batch)
	}
}
