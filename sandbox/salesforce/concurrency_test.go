package salesforce_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
)

// Concurrent upserts of distinct and of shared external ids, with queries
// running alongside: no race, no lost write, no duplicate external id.
func TestConcurrentWritesAndQueries(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	const workers, each = 8, 15
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				resp, _ := o.do(http.MethodPatch, fmt.Sprintf("%s/sobjects/Contact/Zendesk_User_Id__c/c-%d-%d", v, w, i), map[string]any{"LastName": "Par"})
				assert.Equal(t, http.StatusCreated, resp.StatusCode)
				// Every worker also races on one shared key.
				resp, _ = o.do(http.MethodPatch, v+"/sobjects/Contact/Zendesk_User_Id__c/shared", map[string]any{"LastName": "Shared"})
				assert.Contains(t, []int{http.StatusCreated, http.StatusOK}, resp.StatusCode)
				resp, _ = o.query("SELECT Id, Account.Name FROM Contact WHERE LastName = 'Par'")
				assert.Equal(t, http.StatusOK, resp.StatusCode)
			}
		}(w)
	}
	wg.Wait()
	_, p := o.query("SELECT COUNT() FROM Contact WHERE LastName = 'Par'")
	require.Equal(t, workers*each, p.TotalSize)
	_, p = o.query("SELECT COUNT() FROM Contact WHERE Zendesk_User_Id__c = 'shared'")
	assert.Equal(t, 1, p.TotalSize)
}
