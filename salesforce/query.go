package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// QueryOptions tunes a query. BatchSize is a hint (200..2000) Salesforce may
// ignore; All uses queryAll, which also returns soft-deleted rows.
type QueryOptions struct {
	BatchSize int
	All       bool
}

// QueryResult is one page of a query.
type QueryResult struct {
	TotalSize      int      `json:"totalSize"`
	Done           bool     `json:"done"`
	NextRecordsURL string   `json:"nextRecordsUrl"`
	Records        []Record `json:"records"`
}

// Query runs soql and returns the first page.
func (c *Client) Query(ctx context.Context, soql string, opts *QueryOptions) (*QueryResult, error) {
	if strings.TrimSpace(soql) == "" {
		return nil, errors.New("salesforce: query: empty SOQL")
	}
	path := "/query"
	if opts != nil && opts.All {
		path = "/queryAll"
	}
	return c.queryPage(ctx, &apiRequest{
		method: http.MethodGet,
		path:   path,
		query:  url.Values{"q": {soql}},
		header: queryHeaders(opts),
	})
}

// QueryMore fetches the page at nextRecordsURL, as returned by the previous page.
func (c *Client) QueryMore(ctx context.Context, nextRecordsURL string, opts *QueryOptions) (*QueryResult, error) {
	// Only a path on the instance is accepted: the bearer token must never be
	// sent to a host named by a response body.
	if !strings.HasPrefix(nextRecordsURL, "/services/data/") {
		return nil, fmt.Errorf("salesforce: query more: nextRecordsUrl %q is not a /services/data/ path", nextRecordsURL)
	}
	path, rawQuery, _ := strings.Cut(nextRecordsURL, "?")
	var query url.Values
	if rawQuery != "" {
		var err error
		if query, err = url.ParseQuery(rawQuery); err != nil {
			return nil, fmt.Errorf("salesforce: query more: parse nextRecordsUrl: %w", err)
		}
	}
	return c.queryPage(ctx, &apiRequest{
		method:   http.MethodGet,
		path:     path,
		absolute: true,
		query:    query,
		header:   queryHeaders(opts),
	})
}

// QueryEach runs soql and calls fn for every page in order, following
// nextRecordsUrl until done. An error from fn stops the walk and is returned.
func (c *Client) QueryEach(ctx context.Context, soql string, opts *QueryOptions, fn func(page *QueryResult) error) error {
	page, err := c.Query(ctx, soql, opts)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for {
		if err := fn(page); err != nil {
			return err
		}
		if page.Done {
			return nil
		}
		next := page.NextRecordsURL
		// A server that says "not done" without a new cursor would loop forever.
		if next == "" {
			return errors.New("salesforce: query: page is not done but has no nextRecordsUrl")
		}
		if seen[next] {
			return fmt.Errorf("salesforce: query: nextRecordsUrl %q repeated", next)
		}
		seen[next] = true
		if page, err = c.QueryMore(ctx, next, opts); err != nil {
			return err
		}
	}
}

func (c *Client) queryPage(ctx context.Context, r *apiRequest) (*QueryResult, error) {
	var res QueryResult
	if _, err := c.doJSON(ctx, r, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

func queryHeaders(opts *QueryOptions) map[string]string {
	if opts == nil || opts.BatchSize <= 0 {
		return nil
	}
	return map[string]string{"Sforce-Query-Options": "batchSize=" + strconv.Itoa(opts.BatchSize)}
}
