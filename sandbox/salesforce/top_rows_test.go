package salesforce_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
)

// A LIMIT keeps only the first rows while scanning instead of sorting
// every match: the rows must be those a full sort gives, ties in the same
// order, nulls where ORDER BY puts them, OFFSET honoured.
func TestLimitedOrderedQueriesMatchAFullSort(t *testing.T) {
	data := seed.Generate(seed.Options{Seed: 5, Accounts: 300, Contacts: 10, Tickets: 1}).Salesforce
	o := newOrg(t, salesforce.Config{}, data)
	for _, order := range []string{
		"ORDER BY SystemModstamp, Id",
		"ORDER BY Industry NULLS LAST, Name DESC",
		"ORDER BY BillingCountry DESC NULLS FIRST",
		"ORDER BY Type",
	} {
		resp, all := o.query("SELECT Id FROM Account " + order)
		require.Equal(t, http.StatusOK, resp.StatusCode, order)
		want := ids(all)
		require.Greater(t, len(want), 40, order)
		for _, cut := range []struct{ limit, offset int }{{1, 0}, {25, 0}, {25, 10}, {1000, 0}} {
			q := "SELECT Id FROM Account " + order + " LIMIT " + itoa(cut.limit)
			if cut.offset > 0 {
				q += " OFFSET " + itoa(cut.offset)
			}
			resp, got := o.query(q)
			require.Equal(t, http.StatusOK, resp.StatusCode, q)
			end := min(cut.offset+cut.limit, len(want))
			assert.Equal(t, want[cut.offset:end], ids(got), q)
		}
	}
}
