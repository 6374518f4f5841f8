package salesforce_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// org is a running sandbox org and a logged-in client for it.
type org struct {
	t     *testing.T
	srv   *salesforce.Server
	http  *httptest.Server
	clock *clock
	token string
}

const v = "/services/data/v62.0"

func newOrg(t *testing.T, cfg salesforce.Config, data seed.Salesforce) *org {
	t.Helper()
	c := newClock()
	if cfg.Now == nil {
		cfg.Now = c.Now
	}
	srv := salesforce.New(cfg, data)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	o := &org{t: t, srv: srv, http: hs, clock: c}
	o.token = o.login()
	return o
}

func (o *org) login() string {
	o.t.Helper()
	resp, body := o.form("/services/oauth2/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"sandbox-client"}, "client_secret": {"sandbox-secret"}})
	require.Equal(o.t, http.StatusOK, resp.StatusCode, string(body))
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(o.t, json.Unmarshal(body, &tok))
	require.NotEmpty(o.t, tok.AccessToken)
	return tok.AccessToken
}

func (o *org) form(path string, form url.Values) (*http.Response, []byte) {
	o.t.Helper()
	resp, err := http.PostForm(o.http.URL+path, form)
	require.NoError(o.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(o.t, err)
	return resp, body
}

// do sends an authenticated request; body is JSON-encoded unless it is a
// string, sent as is. Extra headers come as name, value pairs.
func (o *org) do(method, path string, body any, headers ...string) (*http.Response, []byte) {
	o.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(o.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, o.http.URL+path, rd)
	require.NoError(o.t, err)
	req.Header.Set("Authorization", "Bearer "+o.token)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(o.t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(o.t, err)
	return resp, out
}

// query runs SOQL and returns the decoded first page.
func (o *org) query(soql string, headers ...string) (*http.Response, page) {
	o.t.Helper()
	resp, body := o.do(http.MethodGet, v+"/query?q="+url.QueryEscape(soql), nil, headers...)
	var p page
	if resp.StatusCode == http.StatusOK {
		require.NoError(o.t, json.Unmarshal(body, &p), string(body))
	}
	p.raw = body
	return resp, p
}

type page struct {
	TotalSize      int              `json:"totalSize"`
	Done           bool             `json:"done"`
	NextRecordsURL string           `json:"nextRecordsUrl"`
	Records        []map[string]any `json:"records"`
	raw            []byte
}

type apiErr struct {
	Message   string   `json:"message"`
	ErrorCode string   `json:"errorCode"`
	Fields    []string `json:"fields"`
}

func decodeErrors(t *testing.T, body []byte) []apiErr {
	t.Helper()
	var errs []apiErr
	require.NoError(t, json.Unmarshal(body, &errs), string(body))
	require.NotEmpty(t, errs)
	return errs
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Fixed Ids of the hand-built test org.
var (
	acmeID    = sfid.New(sfid.PrefixAccount, 1)
	globexID  = sfid.New(sfid.PrefixAccount, 2)
	initechID = sfid.New(sfid.PrefixAccount, 3)
	annaID    = sfid.New(sfid.PrefixContact, 1)
	bobID     = sfid.New(sfid.PrefixContact, 2)
	carlaID   = sfid.New(sfid.PrefixContact, 3)
	danID     = sfid.New(sfid.PrefixContact, 4)
	eveID     = sfid.New(sfid.PrefixContact, 5)
	case1ID   = sfid.New(sfid.PrefixCase, 1)
	case2ID   = sfid.New(sfid.PrefixCase, 2)
	lead1ID   = sfid.New(sfid.PrefixLead, 1)
	note1ID   = sfid.New(sfid.PrefixCaseComment, 1)
	note2ID   = sfid.New(sfid.PrefixCaseComment, 2)
	note3ID   = sfid.New(sfid.PrefixCaseComment, 3)
	ownerID   = sfid.New(sfid.PrefixUser, 1)
	agentID   = sfid.New(sfid.PrefixUser, 2)
	formerID  = sfid.New(sfid.PrefixUser, 3)
)

func rec(id string, created string, fields seed.Record) seed.Record {
	t := ts(created)
	r := seed.Record{"Id": id, "CreatedDate": t, "LastModifiedDate": t, "SystemModstamp": t, "IsDeleted": false}
	for k, v := range fields {
		r[k] = v
	}
	return r
}

// smallOrg is the hand-built data most tests use.
func smallOrg() seed.Salesforce {
	return seed.Salesforce{
		Users: []seed.Record{
			rec(ownerID, "2025-01-01T00:00:00Z", seed.Record{"Username": "integration@example.com", "Email": "integration@example.com", "FirstName": "Int", "LastName": "User", "IsActive": true}),
			rec(agentID, "2025-01-01T00:00:00Z", seed.Record{"Username": "agent@example.com", "Email": "agent@example.com", "FirstName": "Ada", "LastName": "Agent", "IsActive": true}),
		},
		Accounts: []seed.Record{
			rec(acmeID, "2026-01-01T10:00:00Z", seed.Record{"Name": "Acme", "Industry": "Technology", "OwnerId": agentID, "Zendesk_Organization_Id__c": "9001"}),
			rec(globexID, "2026-01-02T10:00:00Z", seed.Record{"Name": "Globex", "Industry": "Energy", "OwnerId": ownerID}),
			rec(initechID, "2026-01-03T10:00:00Z", seed.Record{"Name": "Initech", "ParentId": acmeID}),
		},
		Contacts: []seed.Record{
			rec(annaID, "2026-02-01T00:00:00Z", seed.Record{"FirstName": "Anna", "LastName": "Adams", "Email": "anna@acme.test", "AccountId": acmeID, "Zendesk_User_Id__c": "501"}),
			rec(bobID, "2026-02-02T00:00:00Z", seed.Record{"FirstName": "Bob", "LastName": "brown", "Email": "bob@globex.test", "AccountId": globexID}),
			rec(carlaID, "2026-02-03T00:00:00Z", seed.Record{"FirstName": "Carla", "LastName": "Cruz", "Email": nil, "AccountId": acmeID, "Title": "CTO"}),
			rec(danID, "2026-02-04T00:00:00Z", seed.Record{"FirstName": "Dan", "LastName": "O'Neil", "Email": "dan_o@acme.test"}),
			rec(eveID, "2026-02-05T00:00:00Z", seed.Record{"FirstName": "Eve", "LastName": "Evans", "Email": "eve@acme.test", "AccountId": acmeID, "IsDeleted": true}),
		},
		Cases: []seed.Record{
			rec(case1ID, "2026-03-01T00:00:00Z", seed.Record{"CaseNumber": "00001001", "Subject": "Printer on fire", "Status": "New", "Priority": "High", "ContactId": annaID, "AccountId": acmeID, "Zendesk_Ticket_Id__c": "77"}),
			rec(case2ID, "2026-03-02T00:00:00Z", seed.Record{"CaseNumber": "00001002", "Subject": "Login broken", "Status": "Closed", "Priority": "Low", "ContactId": bobID}),
		},
		CaseComments: []seed.Record{
			rec(note1ID, "2026-03-01T01:00:00Z", seed.Record{"ParentId": case1ID, "CommentBody": "Called the customer", "IsPublished": false, "CreatedById": agentID}),
			rec(note2ID, "2026-03-01T02:00:00Z", seed.Record{"ParentId": case1ID, "CommentBody": "We are on it", "IsPublished": true}),
			rec(note3ID, "2026-03-02T01:00:00Z", seed.Record{"ParentId": case2ID, "CommentBody": "Fixed by a reset", "IsPublished": true, "CreatedById": agentID}),
		},
		Leads: []seed.Record{
			rec(lead1ID, "2026-03-03T00:00:00Z", seed.Record{"FirstName": "Lee", "LastName": "Lead", "Company": "Hooli", "Status": "Open - Not Contacted"}),
		},
	}
}
