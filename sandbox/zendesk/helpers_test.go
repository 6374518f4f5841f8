package zendesk

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// t0 anchors the test data; the clock starts an hour later.
var t0 = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	srv   *Server
	ts    *httptest.Server
	clock *clock
}

func testSeed() seed.Zendesk {
	return seed.Zendesk{
		Organizations: []seed.Organization{
			{ID: 1, Name: "Acme", ExternalID: "ACC-1", DomainNames: []string{"acme.com"}, CreatedAt: t0, UpdatedAt: t0},
			{ID: 2, Name: "Globex", ExternalID: "ACC-2", CreatedAt: t0, UpdatedAt: t0.Add(10 * time.Second)},
		},
		Users: []seed.User{
			// The API token's user, from before the data the tests export.
			{ID: 1, Name: "Admin", Email: defaultEmail, Role: "admin", Active: true, CreatedAt: t0.Add(-time.Hour), UpdatedAt: t0.Add(-time.Hour)},
			{ID: 10, Name: "Agent Smith", Email: "agent@example.com", Role: "agent", Active: true, CreatedAt: t0, UpdatedAt: t0},
			{ID: 11, Name: "Alice", Email: "alice@example.com", ExternalID: "CON-1", OrganizationID: 1, Role: "end-user", Active: true, CreatedAt: t0, UpdatedAt: t0},
			{ID: 12, Name: "Bob", Email: "bob@example.com", OrganizationID: 2, Role: "end-user", Active: true, CreatedAt: t0, UpdatedAt: t0.Add(5 * time.Second)},
		},
		Tickets: []seed.Ticket{
			{ID: 100, Subject: "Printer on fire", Status: "open", Priority: "high", RequesterID: 11, AssigneeID: 10, OrganizationID: 1,
				Comments: []seed.Comment{{ID: 1000, AuthorID: 11, Body: "It burns", Public: true, CreatedAt: t0}}, CreatedAt: t0, UpdatedAt: t0},
			{ID: 101, Subject: "Old issue", Status: "closed", RequesterID: 12, AssigneeID: 10,
				Comments: []seed.Comment{{ID: 1001, AuthorID: 12, Body: "Long ago", Public: true, CreatedAt: t0}}, CreatedAt: t0, UpdatedAt: t0},
		},
	}
}

func newFixture(t testing.TB, cfg Config) *fixture {
	t.Helper()
	return newFixtureWith(t, cfg, testSeed())
}

func newFixtureWith(t testing.TB, cfg Config, data seed.Zendesk) *fixture {
	t.Helper()
	clk := &clock{t: t0.Add(time.Hour)}
	if cfg.Now == nil {
		cfg.Now = clk.Now
	}
	srv := New(cfg, data)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{srv: srv, ts: ts, clock: clk}
}

func basicAuth(email, token string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(email+"/token:"+token))
}

type reply struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// do sends a request with the default API token.
func (f *fixture) do(t testing.TB, method, path string, body any) reply {
	t.Helper()
	return f.doAuth(t, method, path, body, basicAuth(defaultEmail, defaultAPIToken))
}

func (f *fixture) doAuth(t testing.TB, method, path string, body any, auth string) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(data)
	}
	url := path
	if !strings.HasPrefix(path, "http") {
		url = f.ts.URL + path
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: string(data)}
	if len(data) > 0 {
		require.NoError(t, json.Unmarshal(data, &r.body), "body: %s", data)
	}
	return r
}

// waitJob polls a job until it is completed and returns its status.
func (f *fixture) waitJob(t testing.TB, r reply) map[string]any {
	t.Helper()
	require.Equal(t, http.StatusOK, r.status, r.raw)
	js := r.body["job_status"].(map[string]any)
	id := js["id"].(string)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		got := f.do(t, http.MethodGet, "/api/v2/job_statuses/"+id+".json", nil)
		require.Equal(t, http.StatusOK, got.status, got.raw)
		js = got.body["job_status"].(map[string]any)
		if js["status"] == "completed" {
			return js
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("job %s did not complete: %v", id, js)
	return nil
}

func results(js map[string]any) []map[string]any {
	var out []map[string]any
	for _, r := range js["results"].([]any) {
		out = append(out, r.(map[string]any))
	}
	return out
}

// obj digs a nested object out of a decoded body.
func obj(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}

func list(m map[string]any, key string) []map[string]any {
	var out []map[string]any
	items, _ := m[key].([]any)
	for _, it := range items {
		out = append(out, it.(map[string]any))
	}
	return out
}

// firstDetail is details.<field>[0].description of a 422 body.
func firstDetail(t testing.TB, body map[string]any, field string) string {
	t.Helper()
	details := obj(body, "details")
	require.NotNil(t, details, "no details in %v", body)
	entries, ok := details[field].([]any)
	require.True(t, ok && len(entries) > 0, "no details.%s in %v", field, body)
	return entries[0].(map[string]any)["description"].(string)
}

func ids(items []map[string]any) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = int64(it["id"].(float64))
	}
	return out
}

func seedUser(id int64) seed.User {
	return seed.User{
		ID: id, Name: fmt.Sprintf("User %d", id), Email: fmt.Sprintf("user%d@example.com", id),
		ExternalID: fmt.Sprintf("EXT-%d", id), Role: "end-user", Active: true, CreatedAt: t0, UpdatedAt: t0,
	}
}
