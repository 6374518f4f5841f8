package salesforce_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

func ids(p page) []string {
	out := make([]string, len(p.Records))
	for i, r := range p.Records {
		out[i], _ = r["Id"].(string)
	}
	return out
}

func TestQueryMatchesExactRows(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	cases := []struct {
		name    string
		soql    string
		want    []string
		ordered bool
	}{
		{"all live contacts", "SELECT Id FROM Contact", []string{annaID, bobID, carlaID, danID}, false},
		{"equality is case-insensitive", "SELECT Id FROM Contact WHERE LastName = 'BROWN'", []string{bobID}, false},
		{"not equal keeps nulls", "SELECT Id FROM Contact WHERE Email != 'anna@acme.test'", []string{bobID, carlaID, danID}, false},
		{"null", "SELECT Id FROM Contact WHERE Email = NULL", []string{carlaID}, false},
		{"not null", "SELECT Id FROM Contact WHERE Email != null", []string{annaID, bobID, danID}, false},
		{"and", "SELECT Id FROM Contact WHERE AccountId = '" + acmeID + "' AND Email != NULL", []string{annaID}, false},
		{"or", "SELECT Id FROM Contact WHERE FirstName = 'Anna' OR FirstName = 'Dan'", []string{annaID, danID}, false},
		{"parentheses", "SELECT Id FROM Contact WHERE (FirstName = 'Anna' OR FirstName = 'Bob') AND Account.Name = 'Globex'", []string{bobID}, false},
		{"not", "SELECT Id FROM Contact WHERE NOT (FirstName = 'Anna' OR FirstName = 'Bob')", []string{carlaID, danID}, false},
		{"not on a condition", "SELECT Id FROM Contact WHERE NOT FirstName = 'Anna'", []string{bobID, carlaID, danID}, false},
		{"in", "SELECT Id FROM Contact WHERE FirstName IN ('anna', 'Carla', 'Zed')", []string{annaID, carlaID}, false},
		{"not in", "SELECT Id FROM Contact WHERE FirstName NOT IN ('Anna', 'Carla')", []string{bobID, danID}, false},
		{"in with ids, 15 chars", "SELECT Id FROM Contact WHERE Id IN ('" + bobID[:15] + "')", []string{bobID}, false},
		{"like prefix", "SELECT Id FROM Contact WHERE Email LIKE '%@acme.test'", []string{annaID, danID}, false},
		{"like one char", "SELECT Id FROM Contact WHERE FirstName LIKE '_ob'", []string{bobID}, false},
		{"like escaped underscore", "SELECT Id FROM Contact WHERE Email LIKE 'dan\\_%'", []string{danID}, false},
		{"escaped quote", "SELECT Id FROM Contact WHERE LastName = 'O\\'Neil'", []string{danID}, false},
		{"datetime >=", "SELECT Id FROM Contact WHERE CreatedDate >= 2026-02-03T00:00:00Z", []string{carlaID, danID}, false},
		{"datetime with offset and millis", "SELECT Id FROM Contact WHERE CreatedDate < 2026-02-02T01:00:01.000+01:00", []string{annaID, bobID}, false},
		{"datetime range", "SELECT Id FROM Contact WHERE SystemModstamp > 2026-02-01T00:00:00Z AND SystemModstamp <= 2026-02-03T00:00:00Z", []string{bobID, carlaID}, false},
		{"boolean", "SELECT Id FROM Case WHERE IsClosed = true", []string{case2ID}, false},
		{"boolean false", "SELECT Id FROM Case WHERE IsClosed = FALSE", []string{case1ID}, false},
		{"relationship filter", "SELECT Id FROM Contact WHERE Account.Industry = 'Technology'", []string{annaID, carlaID}, false},
		{"two-hop relationship", "SELECT Id FROM Contact WHERE Account.Owner.Email = 'agent@example.com'", []string{annaID, carlaID}, false},
		{"order by text, case-insensitive", "SELECT Id FROM Contact ORDER BY LastName", []string{annaID, bobID, carlaID, danID}, true},
		{"order desc", "SELECT Id FROM Contact ORDER BY CreatedDate DESC", []string{danID, carlaID, bobID, annaID}, true},
		{"nulls first by default", "SELECT Id FROM Contact ORDER BY Email", []string{carlaID, annaID, bobID, danID}, true},
		{"nulls first even descending", "SELECT Id FROM Contact ORDER BY Email DESC", []string{carlaID, danID, bobID, annaID}, true},
		{"nulls last", "SELECT Id FROM Contact ORDER BY Email ASC NULLS LAST", []string{annaID, bobID, danID, carlaID}, true},
		{"several order fields", "SELECT Id FROM Contact ORDER BY Account.Name DESC NULLS LAST, FirstName DESC", []string{bobID, carlaID, annaID, danID}, true},
		{"limit", "SELECT Id FROM Contact ORDER BY LastName LIMIT 2", []string{annaID, bobID}, true},
		{"offset", "SELECT Id FROM Contact ORDER BY LastName LIMIT 2 OFFSET 1", []string{bobID, carlaID}, true},
		{"lower-case keywords and names", "select id from contact where firstname = 'bob'", []string{bobID}, false},
		{"object-qualified field", "SELECT Contact.Id FROM Contact WHERE Contact.FirstName = 'Bob'", []string{bobID}, false},
		{"deleted rows are hidden", "SELECT Id FROM Contact WHERE IsDeleted = true", []string{}, false},
		{"lead", "SELECT Id FROM Lead WHERE Company = 'Hooli'", []string{lead1ID}, false},
		{"user", "SELECT Id FROM User WHERE IsActive = true ORDER BY Username", []string{agentID, ownerID}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, p := o.query(tc.soql)
			require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
			assert.True(t, p.Done)
			assert.Equal(t, len(tc.want), p.TotalSize)
			if tc.ordered {
				assert.Equal(t, tc.want, ids(p))
			} else {
				assert.ElementsMatch(t, tc.want, ids(p))
			}
		})
	}
}

func TestQueryRejectsWhatItDoesNotUnderstand(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	cases := []struct {
		soql, code, mentions string
	}{
		{"SELECT Id FROM Contact WHERE", "MALFORMED_QUERY", "<EOF>"},
		{"SELECT FROM Contact", "MALFORMED_QUERY", "FROM"},
		{"SELECT Id Contact", "MALFORMED_QUERY", "Contact"},
		{"SELECT Id FROM Contact WHERE A = 'x' AND B = 'y' OR C = 'z'", "MALFORMED_QUERY", "OR"},
		{"SELECT Id FROM Contact WHERE Name = 'unterminated", "MALFORMED_QUERY", ""},
		{"SELECT Id, Id FROM Contact", "MALFORMED_QUERY", "duplicate field selected: Id"},
		{"SELECT COUNT(Id) FROM Contact", "MALFORMED_QUERY", "COUNT"},
		{"SELECT Id, (SELECT Id FROM Contacts) FROM Account", "MALFORMED_QUERY", "subquer"},
		{"SELECT Id FROM Contact WHERE CreatedDate > TODAY", "MALFORMED_QUERY", "TODAY"},
		{"SELECT Id FROM Contact WHERE CreatedDate > 2026-01-01", "MALFORMED_QUERY", "2026-01-01"},
		{"SELECT Id FROM Contact GROUP BY Email", "MALFORMED_QUERY", "GROUP"},
		{"SELECT Id FROM Contact LIMIT x", "MALFORMED_QUERY", "x"},
		{"SELECT Id FROM Contact WHERE Email IN (SELECT Email FROM Lead)", "MALFORMED_QUERY", "subquer"},
		{"SELECT Id FROM Contact OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE", "2000"},
		{"SELECT Id, Foo__c FROM Contact", "INVALID_FIELD", "Foo__c"},
		{"SELECT Id FROM Contact WHERE Nickname = 'x'", "INVALID_FIELD", "Nickname"},
		{"SELECT Id FROM Contact ORDER BY Shoe", "INVALID_FIELD", "Shoe"},
		{"SELECT Id, Boss.Name FROM Contact", "INVALID_FIELD", "Boss"},
		{"SELECT Id FROM Contact WHERE Description = 'x'", "INVALID_FIELD", "Description"},
		{"SELECT Id FROM Widget__c", "INVALID_TYPE", "Widget__c"},
		{"SELECT Id FROM Case WHERE IsClosed = 'true'", "INVALID_QUERY_FILTER_OPERATOR", "IsClosed"},
		{"SELECT Id FROM Contact WHERE CreatedDate > '2026-01-01T00:00:00Z'", "INVALID_QUERY_FILTER_OPERATOR", "CreatedDate"},
		{"SELECT Id FROM Contact WHERE LastName = 5", "INVALID_QUERY_FILTER_OPERATOR", "LastName"},
		{"SELECT Id FROM Contact WHERE AccountId = 'nope'", "INVALID_QUERY_FILTER_OPERATOR", "nope"},
		{"SELECT Id FROM Contact WHERE CreatedDate LIKE '2026%'", "INVALID_QUERY_FILTER_OPERATOR", "LIKE"},
		{"SELECT Id FROM Contact WHERE LastName > NULL", "INVALID_QUERY_FILTER_OPERATOR", "null"},
	}
	for _, tc := range cases {
		t.Run(tc.soql, func(t *testing.T) {
			resp, p := o.query(tc.soql)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(p.raw))
			errs := decodeErrors(t, p.raw)
			assert.Equal(t, tc.code, errs[0].ErrorCode)
			assert.Contains(t, errs[0].Message, tc.mentions)
			assert.Contains(t, errs[0].Message, "ERROR at Row:1:Column:")
		})
	}
}

func TestQueryRecordShape(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	_, body := o.do(http.MethodGet, v+"/query?q="+url.QueryEscape(
		"SELECT Name, Account.Name, Account.Owner.Email, CreatedDate, Email FROM Contact WHERE Id IN ('"+annaID+"','"+danID+"') ORDER BY LastName"), nil)
	// Field order is SELECT order, attributes first; exact bytes matter to
	// clients that stream-decode.
	want := `{"totalSize":2,"done":true,"records":[` +
		`{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/` + annaID + `"},` +
		`"Name":"Anna Adams","Account":{"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/` + acmeID + `"},` +
		`"Name":"Acme","Owner":{"attributes":{"type":"User","url":"/services/data/v62.0/sobjects/User/` + agentID + `"},"Email":"agent@example.com"}},` +
		`"CreatedDate":"2026-02-01T00:00:00.000+0000","Email":"anna@acme.test"},` +
		`{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/` + danID + `"},` +
		`"Name":"Dan O'Neil","Account":null,"CreatedDate":"2026-02-04T00:00:00.000+0000","Email":"dan_o@acme.test"}]}`
	assert.Equal(t, want, string(body))
}

func TestQueryAllIncludesDeletedRows(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, body := o.do(http.MethodGet, v+"/queryAll?q="+url.QueryEscape("SELECT Id, IsDeleted FROM Contact WHERE IsDeleted = true"), nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var p page
	require.NoError(t, json.Unmarshal(body, &p))
	assert.Equal(t, []string{eveID}, ids(p))
	assert.Equal(t, true, p.Records[0]["IsDeleted"])

	_, live := o.query("SELECT Id FROM Contact WHERE IsDeleted = true")
	assert.Equal(t, 0, live.TotalSize)
}

func TestQueryCount(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, p := o.query("SELECT COUNT() FROM Contact WHERE Email LIKE '%acme%'")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
	assert.Equal(t, 2, p.TotalSize)
	assert.True(t, p.Done)
	assert.Empty(t, p.Records)
	assert.Contains(t, string(p.raw), `"records":[]`)
}

func sfidContact(n int) string { return sfid.New(sfid.PrefixContact, uint64(n)) }

func itoa(n int) string { return strconv.Itoa(n) }

func TestQueryPagesThroughCursor(t *testing.T) {
	data := smallOrg()
	for i := 0; i < 450; i++ {
		data.Contacts = append(data.Contacts, rec(sfidContact(100+i), "2026-01-01T00:00:00Z", map[string]any{"LastName": "Bulk", "FirstName": strings.Repeat("x", i%5)}))
	}
	o := newOrg(t, salesforce.Config{}, data)
	resp, first := o.query("SELECT Id FROM Contact WHERE LastName = 'Bulk'", "Sforce-Query-Options", "batchSize=200")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(first.raw))
	assert.Equal(t, 450, first.TotalSize)
	assert.False(t, first.Done)
	assert.Len(t, first.Records, 200)
	assert.Regexp(t, `^/services/data/v62\.0/query/01g[0-9A-Za-z]{15}-200$`, first.NextRecordsURL)

	seen := map[string]bool{}
	for _, id := range ids(first) {
		seen[id] = true
	}
	// A write after the query does not change the snapshot's later pages.
	resp, _ = o.do(http.MethodPatch, v+"/sobjects/Contact/"+sfidContact(449), map[string]any{"LastName": "Renamed"})
	require.Equal(t, http.StatusNoContent, resp.StatusCode)

	next, pages := first.NextRecordsURL, 1
	for next != "" {
		resp, body := o.do(http.MethodGet, next, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
		var p page
		require.NoError(t, json.Unmarshal(body, &p))
		assert.Equal(t, 450, p.TotalSize)
		for _, id := range ids(p) {
			assert.False(t, seen[id], "row %s served twice", id)
			seen[id] = true
		}
		pages++
		if p.Done {
			assert.Empty(t, p.NextRecordsURL)
		}
		next = p.NextRecordsURL
	}
	assert.Equal(t, 3, pages)
	assert.Len(t, seen, 450)
	assert.True(t, seen[sfidContact(449)], "the renamed row is still in the snapshot")
}

func TestQueryBatchSizeBoundsAndDefault(t *testing.T) {
	data := smallOrg()
	for i := 0; i < 2100; i++ {
		data.Contacts = append(data.Contacts, rec(sfidContact(100+i), "2026-01-01T00:00:00Z", map[string]any{"LastName": "Bulk"}))
	}
	o := newOrg(t, salesforce.Config{}, data)
	for _, tc := range []struct {
		header string
		want   int
	}{{"", 2000}, {"batchSize=50", 200}, {"batchSize=5000", 2000}, {"batchSize=700", 700}} {
		_, p := o.query("SELECT Id FROM Contact WHERE LastName = 'Bulk'", "Sforce-Query-Options", tc.header)
		assert.Len(t, p.Records, tc.want, tc.header)
		assert.True(t, strings.HasSuffix(p.NextRecordsURL, "-"+itoa(tc.want)), p.NextRecordsURL)
	}
}

func TestQueryLocatorErrors(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	for _, path := range []string{v + "/query/01g5g0000000009AAA-2000", v + "/query/garbage"} {
		resp, body := o.do(http.MethodGet, path, nil)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		assert.Equal(t, "INVALID_QUERY_LOCATOR", decodeErrors(t, body)[0].ErrorCode)
	}
	resp, body := o.do(http.MethodGet, v+"/query", nil)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "MALFORMED_QUERY", decodeErrors(t, body)[0].ErrorCode)
}
