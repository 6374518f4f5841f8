package salesforce

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each fuzzer feeds one status code and body to a client method. Whatever
// comes back, the method must not panic and must return either a value that
// keeps its promises or an error with context (see requireCallError). Seeds
// live in testdata/fuzz/<FuzzName>/.

func FuzzDecodeQueryResult(f *testing.F) {
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := fuzzStatus(code)
		res, err := cannedClient(t, grantedOrg(status, body)).Query(context.Background(), "SELECT Id FROM Contact", nil)
		if err != nil {
			requireCallError(t, err, "GET "+fuzzAPIPrefix+"/query", status)
			return
		}
		require.NotNil(t, res)
		for _, rec := range res.Records {
			// Accessors must cope with any shape a record arrives in.
			_ = rec.ID()
			_ = rec.Type()
			_, _ = rec.Time("LastModifiedDate")
			_ = rec.String("Account.Name")
		}
	})
}

// FuzzDecodeErrorBody covers error statuses only: the body is whatever the
// server sent with a 4xx or 5xx, from the documented JSON array to an HTML
// page.
func FuzzDecodeErrorBody(f *testing.F) {
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := 400 + int(code)%200
		_, err := cannedClient(t, grantedOrg(status, body)).Limits(context.Background())
		requireCallError(t, err, "GET "+fuzzAPIPrefix+"/limits/", status)
	})
}

func FuzzDecodeCollectionResults(f *testing.F) {
	recs := []Record{{"Ext__c": "a", "LastName": "A"}, {"Ext__c": "b", "LastName": "B"}}
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := fuzzStatus(code)
		results, err := cannedClient(t, grantedOrg(status, body)).UpsertCollection(context.Background(), "Contact", "Ext__c", recs, false)
		if err != nil {
			requireCallError(t, err, "PATCH "+fuzzAPIPrefix+"/composite/sobjects/Contact/Ext__c", status)
			return
		}
		assert.Len(t, results, len(recs), "one result per record, in order")
		for _, r := range results {
			_ = r.HasCode("DUPLICATE_VALUE")
		}
	})
}

// FuzzDecodeTokenResponse fuzzes the token endpoint's answer: the body holds
// the access token, so besides context the error must never quote it.
func FuzzDecodeTokenResponse(f *testing.F) {
	f.Fuzz(func(t *testing.T, code uint16, body []byte) {
		status := fuzzStatus(code)
		c := cannedClient(t, cannedOrg{tokenStatus: status, tokenBody: body, apiStatus: http.StatusOK, apiBody: []byte(`{}`)})
		err := c.Authenticate(context.Background())
		if err != nil {
			requireCallError(t, err, "POST "+tokenPath, status)
			if status == http.StatusOK {
				assertTokenNotQuoted(t, err, body)
			}
			return
		}
		require.NotNil(t, c.tok)
		assert.NotEmpty(t, c.tok.accessToken)
		assert.Regexp(t, `^https?://`, c.tok.instanceURL)
	})
}
