package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/zendesk"
)

const benchContacts = 100_000

var benchNow = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func benchDataset() *seed.Dataset {
	return seed.Generate(seed.Options{Seed: 1, Accounts: benchContacts / 50, Contacts: benchContacts, Tickets: 1000, Now: benchNow})
}

// sfToken runs the client-credentials grant.
func sfToken(b *testing.B, client *http.Client, base string) string {
	b.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {sfClientID}, "client_secret": {sfClientSecret}}
	resp, err := client.PostForm(base+"/services/oauth2/token", form)
	if err != nil {
		b.Fatalf("token: %v", err)
	}
	defer func() { _ = resp.Body.Close() }()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		b.Fatalf("token: %s: %s", resp.Status, body)
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		b.Fatalf("token answer: %v", err)
	}
	return tok.AccessToken
}

type queryPage struct {
	TotalSize      int               `json:"totalSize"`
	Done           bool              `json:"done"`
	NextRecordsURL string            `json:"nextRecordsUrl"`
	Records        []json.RawMessage `json:"records"`
}

// BenchmarkSOQLPages reads every contact through a SOQL query and its
// nextRecordsUrl pages, decoding each page as a client would.
func BenchmarkSOQLPages(b *testing.B) {
	data := benchDataset()
	sf := salesforce.New(salesforce.Config{DailyLimit: 1 << 30, Now: func() time.Time { return benchNow }}, data.Salesforce)
	srv := httptest.NewServer(sf)
	defer srv.Close()
	client := srv.Client()
	token := sfToken(b, client, srv.URL)
	q := url.QueryEscape("SELECT Id, FirstName, LastName, Email, Phone, Title, AccountId, SystemModstamp FROM Contact")

	records := 0
	b.ResetTimer()
	for b.Loop() {
		next := "/services/data/v62.0/query?q=" + q
		for next != "" {
			page := getPage(b, client, srv.URL+next, token)
			records += len(page.Records)
			next = ""
			if !page.Done {
				next = page.NextRecordsURL
			}
		}
	}
	if want := benchContacts * b.N; records < want*9/10 {
		b.Fatalf("read %d records, want about %d", records, want)
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

func getPage(b *testing.B, client *http.Client, u, token string) queryPage {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		b.Fatalf("query: %v", err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		b.Fatalf("query: %s: %s", resp.Status, body)
	}
	var page queryPage
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		b.Fatalf("decode page: %v", err)
	}
	return page
}

// zdClient talks to the Zendesk simulator with the API token.
type zdClient struct {
	b      *testing.B
	http   *http.Client
	base   string
	header string
}

func (c *zdClient) do(method, path string, body any, out any) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			c.b.Errorf("encode: %v", err)
			return
		}
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	req.SetBasicAuth(zendeskEmail+"/token", zendeskToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		c.b.Errorf("%s %s: %v", method, path, err)
		return
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode >= 300 {
		raw, _ := io.ReadAll(resp.Body)
		c.b.Errorf("%s %s: %s: %s", method, path, resp.Status, raw)
		return
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		c.b.Errorf("decode %s: %v", path, err)
	}
}

type jobStatus struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Total   int    `json:"total"`
	Results []struct {
		Status string `json:"status"`
	} `json:"results"`
}

const (
	usersPerJob  = 100
	jobsInFlight = 8
	jobsPerRound = 100
)

// BenchmarkBulkJobs upserts users through create_or_update_many jobs of
// 100, several in flight, polling job_statuses/show_many until each job
// completes, as the sync's bulk writer does.
func BenchmarkBulkJobs(b *testing.B) {
	data := benchDataset()
	zd := zendesk.New(zendesk.Config{RequestsPerMinute: -1, ExportRequestsPerMinute: -1}, data.Zendesk)
	srv := httptest.NewServer(zd)
	defer srv.Close()
	c := &zdClient{b: b, http: srv.Client(), base: srv.URL}
	c.http.Transport.(*http.Transport).MaxIdleConnsPerHost = jobsInFlight * 2

	applied := 0
	round := 0
	b.ResetTimer()
	for b.Loop() {
		round++
		applied += runJobs(c, round)
	}
	if b.Failed() {
		return
	}
	if want := jobsPerRound * usersPerJob * b.N; applied != want {
		b.Fatalf("applied %d records, want %d", applied, want)
	}
	b.ReportMetric(float64(applied)/b.Elapsed().Seconds(), "records/s")
}

// runJobs submits jobsPerRound jobs with at most jobsInFlight unfinished
// and returns the records the finished jobs report as created or updated.
func runJobs(c *zdClient, round int) int {
	var (
		mu      sync.Mutex
		applied int
		wg      sync.WaitGroup
		slots   = make(chan struct{}, jobsInFlight)
	)
	for j := range jobsPerRound {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			users := make([]map[string]any, usersPerJob)
			for i := range users {
				// Half the rounds update what earlier rounds created.
				n := (round/2)*jobsPerRound*usersPerJob + j*usersPerJob + i
				users[i] = map[string]any{"name": fmt.Sprintf("Bench User %d", n), "email": fmt.Sprintf("bench%d@example.org", n)}
			}
			var submitted struct {
				JobStatus jobStatus `json:"job_status"`
			}
			c.do(http.MethodPost, "/api/v2/users/create_or_update_many", map[string]any{"users": users}, &submitted)
			if submitted.JobStatus.ID == "" {
				c.b.Errorf("job %d: no job status", j)
				return
			}
			done := waitJob(c, submitted.JobStatus.ID)
			mu.Lock()
			applied += done
			mu.Unlock()
		}()
	}
	wg.Wait()
	return applied
}

func waitJob(c *zdClient, id string) int {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var got struct {
			JobStatuses []jobStatus `json:"job_statuses"`
		}
		c.do(http.MethodGet, "/api/v2/job_statuses/show_many?ids="+id, nil, &got)
		if len(got.JobStatuses) != 1 {
			c.b.Errorf("job %s: %d statuses", id, len(got.JobStatuses))
			return 0
		}
		switch js := got.JobStatuses[0]; js.Status {
		case "completed":
			ok := 0
			for _, r := range js.Results {
				if r.Status == "Created" || r.Status == "Updated" {
					ok++
				}
			}
			return ok
		case "failed", "killed":
			c.b.Errorf("job %s %s", id, js.Status)
			return 0
		}
		time.Sleep(2 * time.Millisecond)
	}
	c.b.Errorf("job %s did not complete", id)
	return 0
}

// BenchmarkMemoryPerRecord measures the heap both simulators hold for a
// dataset of 100k contacts, per generated record.
func BenchmarkMemoryPerRecord(b *testing.B) {
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		data := benchDataset()
		zd := zendesk.New(zendesk.Config{}, data.Zendesk)
		sf := salesforce.New(salesforce.Config{}, data.Salesforce)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(zd)
		runtime.KeepAlive(sf)
		runtime.KeepAlive(data)

		s := data.Summary()
		records := s.SalesforceUsers + s.Accounts + s.Contacts + s.Cases + s.Leads +
			s.ZendeskUsers + s.ZendeskOrganizations + s.ZendeskTickets
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(records), "bytes/record")
		b.ReportMetric(float64(records), "records")
	}
}
