package salesforce_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

// BenchmarkQueryPages serves an incremental SOQL read of 100k contacts (with
// a parent field) over HTTP, following nextRecordsUrl to the end.
func BenchmarkQueryPages(b *testing.B) {
	const contacts = 100_000
	srv := salesforce.New(salesforce.Config{DailyLimit: 1 << 30}, benchContacts(contacts))
	hs := newBenchServer(b, srv)
	token := benchLogin(b, hs)
	q := url.QueryEscape("SELECT Id, FirstName, LastName, Email, Account.Name, SystemModstamp FROM Contact " +
		"WHERE SystemModstamp >= 2026-01-01T00:00:00Z ORDER BY SystemModstamp, Id")
	served := 0
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		next := "/services/data/v62.0/query?q=" + q
		for next != "" {
			body := benchGet(b, hs, token, next)
			served += bytes.Count(body, []byte(`{"attributes":{"type":"Contact"`))
			next = ""
			if k := bytes.Index(body, []byte(`"nextRecordsUrl":"`)); k >= 0 {
				rest := body[k+len(`"nextRecordsUrl":"`):]
				next = string(rest[:bytes.IndexByte(rest, '"')])
			}
		}
	}
	elapsed := time.Since(start)
	if served != b.N*contacts {
		b.Fatalf("served %d records, want %d", served, b.N*contacts)
	}
	b.ReportMetric(float64(served)/elapsed.Seconds(), "records/s")
}

// BenchmarkKeysetPages reads a whole table as the worker's scan does, one
// keyset query per page of 2000, at two table sizes: a page should cost
// the same in both, not a scan of the table.
func BenchmarkKeysetPages(b *testing.B) {
	for _, contacts := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("contacts=%d", contacts), func(b *testing.B) {
			srv := salesforce.New(salesforce.Config{DailyLimit: 1 << 30}, benchContacts(contacts))
			hs := newBenchServer(b, srv)
			token := benchLogin(b, hs)
			const head = "SELECT Id, FirstName, LastName, Email, SystemModstamp FROM Contact WHERE SystemModstamp >= 2026-01-01T00:00:00Z"
			const tail = " ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000"
			// The first ordered read after a write sorts the table: timed
			// on its own, it is not a page's cost.
			first := time.Now()
			benchGet(b, hs, token, "/services/data/v62.0/query?q="+url.QueryEscape(head+tail))
			firstPage := time.Since(first)
			served, pages := 0, 0
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				q := head + tail
				for {
					body := benchGet(b, hs, token, "/services/data/v62.0/query?q="+url.QueryEscape(q))
					pages++
					n := bytes.Count(body, []byte(`{"attributes":{"type":"Contact"`))
					served += n
					if n < 2000 {
						break
					}
					id, stamp := lastValue(body, "Id"), lastValue(body, "SystemModstamp")
					q = head + " AND (SystemModstamp > " + stamp + " OR (SystemModstamp = " + stamp + " AND Id > '" + id + "'))" + tail
				}
			}
			elapsed := time.Since(start)
			if served != b.N*contacts {
				b.Fatalf("served %d records, want %d", served, b.N*contacts)
			}
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(pages), "ns/page")
			b.ReportMetric(float64(firstPage.Nanoseconds()), "ns/first-page")
		})
	}
}

// lastValue is the last string value of field in a JSON body.
func lastValue(body []byte, field string) string {
	key := []byte(`"` + field + `":"`)
	rest := body[bytes.LastIndex(body, key)+len(key):]
	return string(rest[:bytes.IndexByte(rest, '"')])
}

// benchContacts is an org of contacts under 1,000 accounts, one a second.
func benchContacts(contacts int) seed.Salesforce {
	const accounts = 1_000
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var data seed.Salesforce
	for i := 1; i <= accounts; i++ {
		data.Accounts = append(data.Accounts, seed.Record{"Id": sfid.New(sfid.PrefixAccount, uint64(i)), "Name": fmt.Sprintf("Account %d", i),
			"CreatedDate": base, "LastModifiedDate": base, "SystemModstamp": base, "IsDeleted": false})
	}
	for i := 1; i <= contacts; i++ {
		t := base.Add(time.Duration(i) * time.Second)
		data.Contacts = append(data.Contacts, seed.Record{"Id": sfid.New(sfid.PrefixContact, uint64(i)),
			"FirstName": "First", "LastName": fmt.Sprintf("Last %d", i), "Email": fmt.Sprintf("c%d@example.com", i),
			"AccountId":   sfid.New(sfid.PrefixAccount, uint64(i%accounts+1)),
			"CreatedDate": t, "LastModifiedDate": t, "SystemModstamp": t, "IsDeleted": false})
	}
	return data
}

func newBenchServer(b *testing.B, h http.Handler) string {
	b.Helper()
	hs := httptest.NewServer(h)
	b.Cleanup(hs.Close)
	return hs.URL
}

func benchLogin(b *testing.B, base string) string {
	b.Helper()
	resp, err := http.PostForm(base+"/services/oauth2/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {"sandbox-client"}, "client_secret": {"sandbox-secret"}})
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	k := bytes.Index(body, []byte(`"access_token":"`))
	if k < 0 {
		b.Fatalf("no token: %s", body)
	}
	rest := body[k+len(`"access_token":"`):]
	return string(rest[:bytes.IndexByte(rest, '"')])
}

func benchGet(b *testing.B, base, token, path string) []byte {
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v %s", path, resp.StatusCode, err, body)
	}
	return body
}
