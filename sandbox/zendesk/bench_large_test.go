package zendesk

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// BenchmarkLargeAccount times reads against 100,000 users.
func BenchmarkLargeAccount(b *testing.B) {
	var data seed.Zendesk
	for i := range 100000 {
		data.Users = append(data.Users, seedUser(int64(i+1)))
	}
	srv := New(Config{RequestsPerMinute: -1, ExportRequestsPerMinute: -1}, data)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	auth := basicAuth(defaultEmail, defaultAPIToken)
	get := func(path string) {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		req.Header.Set("Authorization", auth)
		resp, err := ts.Client().Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
	cases := []struct{ name, path string }{
		{"search_email", "/api/v2/users/search.json?query=email:user77777@example.com"},
		{"show_many_external_ids", "/api/v2/users/show_many.json?external_ids=EXT-5,EXT-99999"},
		{"list_cursor_page", "/api/v2/users.json?page[size]=100&page[after]=" + encodeListCursor(50000)},
		{"export_page_1000", fmt.Sprintf("/api/v2/incremental/users/cursor.json?start_time=%d", t0.Unix())},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				get(tc.path)
			}
		})
	}
}
