package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQueryRequestShape(t *testing.T) {
	tests := []struct {
		name       string
		opts       *QueryOptions
		wantPath   string
		wantHeader string
	}{
		{"defaults", nil, "/services/data/v62.0/query", ""},
		{"batch size", &QueryOptions{BatchSize: 500}, "/services/data/v62.0/query", "batchSize=500"},
		{"query all", &QueryOptions{All: true}, "/services/data/v62.0/queryAll", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, respond(http.StatusOK, `{"totalSize":0,"done":true,"records":[]}`))
			c := org.client(t)
			soql := "SELECT Id, Email FROM Contact WHERE Email = " + QuoteString("a&b@example.com")
			res, err := c.Query(context.Background(), soql, tt.opts)
			require.NoError(t, err)
			assert.True(t, res.Done)

			req, _ := org.lastRequest(t)
			assert.Equal(t, http.MethodGet, req.Method)
			assert.Equal(t, tt.wantPath, req.URL.Path)
			assert.Equal(t, soql, req.URL.Query().Get("q"))
			assert.Equal(t, tt.wantHeader, req.Header.Get("Sforce-Query-Options"))
			assert.Equal(t, "application/json", req.Header.Get("Accept"))
		})
	}
}

func TestQueryDecodesRecords(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"totalSize":3,"done":false,
		"nextRecordsUrl":"/services/data/v62.0/query/01gD0000002HU6KIAW-2000",
		"records":[{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/003000000000001AAA"},
		"Id":"003000000000001AAA","Email":"ada@example.com","Account":{"attributes":{"type":"Account"},"Name":"Acme"},
		"SystemModstamp":"2026-01-02T03:04:05.000+0000"}]}`))
	c := org.client(t)

	res, err := c.Query(context.Background(), "SELECT Id FROM Contact", nil)
	require.NoError(t, err)
	assert.Equal(t, 3, res.TotalSize)
	assert.False(t, res.Done)
	assert.Equal(t, "/services/data/v62.0/query/01gD0000002HU6KIAW-2000", res.NextRecordsURL)
	require.Len(t, res.Records, 1)
	rec := res.Records[0]
	assert.Equal(t, "003000000000001AAA", rec.ID())
	assert.Equal(t, "Contact", rec.Type())
	assert.Equal(t, "Acme", rec.String("Account.Name"))
	ts, ok := rec.Time("SystemModstamp")
	require.True(t, ok)
	assert.Equal(t, "2026-01-02T03:04:05Z", FormatDateTime(ts))
}

// pagedHandler serves n pages of one record each, cursor "/query/cur-<i>".
func pagedHandler(n int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		page := 0
		if rest, ok := strings.CutPrefix(r.URL.Path, "/services/data/v62.0/query/cur-"); ok {
			_, _ = fmt.Sscanf(rest, "%d", &page)
		}
		next := ""
		if page+1 < n {
			next = fmt.Sprintf(`"nextRecordsUrl":"/services/data/v62.0/query/cur-%d",`, page+1)
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"totalSize":%d,"done":%t,%s"records":[{"Id":"rec-%d"}]}`,
			n, page+1 == n, next, page))
	}
}

func TestQueryEachWalksAllPages(t *testing.T) {
	org := newFakeOrg(t, pagedHandler(4))
	c := org.client(t)

	var ids []string
	err := c.QueryEach(context.Background(), "SELECT Id FROM Contact", &QueryOptions{BatchSize: 200}, func(p *QueryResult) error {
		for _, r := range p.Records {
			ids = append(ids, r.ID())
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"rec-0", "rec-1", "rec-2", "rec-3"}, ids)
	assert.Equal(t, 4, org.apiCalls())
	req, _ := org.lastRequest(t)
	assert.Equal(t, "/services/data/v62.0/query/cur-3", req.URL.Path)
	assert.Equal(t, "batchSize=200", req.Header.Get("Sforce-Query-Options"), "batch size applies to every page")
}

func TestQueryEachStopsOnCallbackError(t *testing.T) {
	org := newFakeOrg(t, pagedHandler(5))
	c := org.client(t)
	stop := errors.New("stop here")
	pages := 0
	err := c.QueryEach(context.Background(), "SELECT Id FROM Contact", nil, func(*QueryResult) error {
		pages++
		if pages == 2 {
			return stop
		}
		return nil
	})
	require.ErrorIs(t, err, stop)
	assert.Equal(t, 2, org.apiCalls())
}

func TestQueryEachRefusesBrokenCursors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"not done without cursor", `{"totalSize":2,"done":false,"records":[]}`, "no nextRecordsUrl"},
		{"same cursor again", `{"totalSize":2,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/same","records":[]}`, "repeated"},
		{"foreign host cursor", `{"totalSize":2,"done":false,"nextRecordsUrl":"https://evil.example.com/services/data/v62.0/query/x","records":[]}`, "not a /services/data/ path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, respond(http.StatusOK, tt.body))
			c := org.client(t)
			err := c.QueryEach(context.Background(), "SELECT Id FROM Contact", nil, func(*QueryResult) error { return nil })
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.LessOrEqual(t, org.apiCalls(), 2)
		})
	}
}

func TestQueryMoreKeepsCursorQueryString(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"totalSize":0,"done":true,"records":[]}`))
	c := org.client(t)
	_, err := c.QueryMore(context.Background(), "/services/data/v62.0/query/01g-2000?foo=bar", nil)
	require.NoError(t, err)
	req, _ := org.lastRequest(t)
	assert.Equal(t, "/services/data/v62.0/query/01g-2000", req.URL.Path)
	assert.Equal(t, "bar", req.URL.Query().Get("foo"))
}

func TestQueryRejectsEmptySOQL(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	c := org.client(t)
	_, err := c.Query(context.Background(), "  ", nil)
	require.Error(t, err)
	assert.Zero(t, org.apiCalls())
}
