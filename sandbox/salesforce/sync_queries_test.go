package salesforce_test

import (
	"net/http"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
)

// The queries in this file are the ones the sync sends; the simulator must
// answer them exactly as an org would, or client bugs go unseen.

func TestQueryDatetimeLiteralWithMilliseconds(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	cases := []struct {
		name string
		soql string
		want []string
	}{
		{"zero millis equal the second", "SELECT Id FROM Contact WHERE SystemModstamp = 2026-02-02T00:00:00.000Z", []string{bobID}},
		{"millis past the second exclude it from >=", "SELECT Id FROM Contact WHERE SystemModstamp >= 2026-02-02T00:00:00.123Z", []string{carlaID, danID}},
		{"millis past the second include it in <", "SELECT Id FROM Contact WHERE SystemModstamp < 2026-02-02T00:00:00.123Z", []string{annaID, bobID}},
		{"millis never equal a whole second", "SELECT Id FROM Contact WHERE SystemModstamp = 2026-02-02T00:00:00.123Z", []string{}},
		{"millis with an offset", "SELECT Id FROM Contact WHERE SystemModstamp > 2026-02-03T01:59:59.999+02:00", []string{carlaID, danID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, p := o.query(tc.soql)
			require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
			assert.ElementsMatch(t, tc.want, ids(p))
		})
	}
}

// TestQueryKeysetPagesVisitEveryRowOnce pages as the sync does: strictly
// after the last (SystemModstamp, Id) seen. Many rows share one stamp and
// their Ids differ in case only in places, so Id order and Id > must agree.
func TestQueryKeysetPagesVisitEveryRowOnce(t *testing.T) {
	data := smallOrg()
	var want []string
	for _, n := range []int{11, 36, 12, 37, 61, 62 + 11, 62 + 36, 3844} {
		id := sfidContact(n)
		data.Contacts = append(data.Contacts, rec(id, "2026-01-05T00:00:00Z", seed.Record{"LastName": "Same stamp"}))
		want = append(want, id)
	}
	for _, c := range smallOrg().Contacts {
		if c["IsDeleted"] != true {
			want = append(want, c["Id"].(string))
		}
	}
	o := newOrg(t, salesforce.Config{}, data)

	var got []string
	stamp, last := "2000-01-01T00:00:00.000Z", ""
	for range len(want) {
		soql := "SELECT Id, SystemModstamp FROM Contact WHERE SystemModstamp > " + stamp +
			" ORDER BY SystemModstamp ASC, Id ASC LIMIT 3"
		if last != "" {
			soql = "SELECT Id, SystemModstamp FROM Contact WHERE (SystemModstamp > " + stamp +
				" OR (SystemModstamp = " + stamp + " AND Id > '" + last + "'))" +
				" ORDER BY SystemModstamp ASC, Id ASC LIMIT 3"
		}
		resp, p := o.query(soql)
		require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
		if len(p.Records) == 0 {
			break
		}
		for _, r := range p.Records {
			got = append(got, r["Id"].(string))
		}
		end := p.Records[len(p.Records)-1]
		last = end["Id"].(string)
		// The sync writes the stamp back in the literal form SOQL takes.
		stamp = end["SystemModstamp"].(string)[:23] + "Z"
	}
	assert.ElementsMatch(t, want, got)
	assert.Len(t, got, len(want), "no row may come twice")
	sameStamp := got[:8]
	assert.True(t, sort.StringsAreSorted(sameStamp), "ties come in Id order: %v", sameStamp)
}

func TestQueryKeysetFullLimitAnswersInOnePage(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, p := o.query("SELECT Id FROM Contact WHERE (SystemModstamp > 2026-02-02T00:00:00.000Z OR " +
		"(SystemModstamp = 2026-02-02T00:00:00.000Z AND Id > '" + annaID + "')) ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
	assert.True(t, p.Done)
	assert.Equal(t, []string{bobID, carlaID, danID}, ids(p))
}

func TestQueryCountWithNegatedFilter(t *testing.T) {
	data := smallOrg()
	data.Accounts[1]["Type"] = "Prospect"
	data.Accounts[2]["Type"] = "Customer - Direct"
	o := newOrg(t, salesforce.Config{}, data)
	cases := []struct {
		soql string
		want int
	}{
		{"SELECT COUNT() FROM Account WHERE NOT (Type = 'Prospect') AND (SystemModstamp >= 2026-01-01T00:00:00.000Z)", 2},
		{"SELECT COUNT() FROM Account WHERE NOT (Type = 'prospect') AND (SystemModstamp >= 2026-01-02T10:00:00.001Z)", 1},
		{"SELECT COUNT() FROM Contact WHERE NOT (Title = 'CTO') AND (SystemModstamp >= 2026-02-02T00:00:00Z)", 2},
		{"SELECT COUNT() FROM Contact WHERE NOT (LastName = 'x') AND (SystemModstamp >= 2026-01-01T00:00:00.000Z)", 4},
	}
	for _, tc := range cases {
		t.Run(tc.soql, func(t *testing.T) {
			resp, p := o.query(tc.soql)
			require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
			assert.Equal(t, tc.want, p.TotalSize)
			assert.Empty(t, p.Records)
		})
	}
}
