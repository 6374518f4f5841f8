package salesforce

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUpsertSingle(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		wantID      string
		wantCreated bool
	}{
		{"created", 201, `{"id":"003NEW","success":true,"errors":[],"created":true}`, "003NEW", true},
		{"updated", 200, `{"id":"003OLD","success":true,"errors":[],"created":false}`, "003OLD", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, respond(tt.status, tt.body))
			c := org.client(t)
			res, err := c.Upsert(context.Background(), "Contact", "Zendesk_Id__c", "zd/42", Record{"LastName": "L"})
			require.NoError(t, err)
			assert.Equal(t, &UpsertResult{ID: tt.wantID, Created: tt.wantCreated}, res)

			req, body := org.lastRequest(t)
			assert.Equal(t, http.MethodPatch, req.Method)
			assert.Equal(t, "/services/data/v62.0/sobjects/Contact/Zendesk_Id__c/zd%2F42", req.URL.EscapedPath(), "the value is one path segment")
			assert.JSONEq(t, `{"LastName":"L"}`, body)
		})
	}
}

func TestUpsertNoContentLooksUpID(t *testing.T) {
	org := newFakeOrg(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPatch {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, `{"attributes":{"type":"Contact"},"Id":"003FOUND"}`)
	})
	c := org.client(t)
	res, err := c.Upsert(context.Background(), "Contact", "Ext__c", "e1", Record{"LastName": "L"})
	require.NoError(t, err)
	assert.Equal(t, &UpsertResult{ID: "003FOUND", Created: false}, res)
	req, _ := org.lastRequest(t)
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/services/data/v62.0/sobjects/Contact/Ext__c/e1", req.URL.Path)
	assert.Equal(t, "Id", req.URL.Query().Get("fields"))
}

func TestUpsertMultipleMatches(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusMultipleChoices,
		`["/services/data/v62.0/sobjects/Contact/003A","/services/data/v62.0/sobjects/Contact/003B"]`))
	c := org.client(t)
	_, err := c.Upsert(context.Background(), "Contact", "Email__c", "dup@example.com", Record{"LastName": "L"})
	var me *MultipleMatchesError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []string{"003A", "003B"}, me.IDs)
	assert.False(t, IsRetryable(err))
}

func TestUpsertUnknownExternalIDField(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusNotFound, `[{"errorCode":"NOT_FOUND","message":"Provided external ID field does not exist or is not accessible: Nope__c"}]`))
	c := org.client(t)
	_, err := c.Upsert(context.Background(), "Contact", "Nope__c", "1", Record{})
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Contains(t, err.Error(), "Nope__c")
}

func TestUpsertCollection(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `[
		{"id":"003A","success":true,"errors":[],"created":true},
		{"success":false,"errors":[{"statusCode":"INVALID_EMAIL_ADDRESS","message":"Email: invalid email address: nope","fields":["Email"]}]}]`))
	c := org.client(t)
	recs := []Record{
		{"Ext__c": "e1", "LastName": "A"},
		{"Ext__c": "e2", "LastName": "B", "Email": "nope", "attributes": map[string]any{"type": "Contact", "url": "/x"}},
	}
	res, err := c.UpsertCollection(context.Background(), "Contact", "Ext__c", recs, false)
	require.NoError(t, err)
	require.Len(t, res, 2)
	assert.Equal(t, SaveResult{ID: "003A", Success: true, Created: true, Errors: []RecordError{}}, res[0])
	assert.False(t, res[1].Success)
	assert.True(t, res[1].HasCode("INVALID_EMAIL_ADDRESS"))
	assert.Equal(t, []string{"Email"}, res[1].Errors[0].Fields)
	assert.NotContains(t, recs[0], "attributes", "caller's records are not modified")

	req, body := org.lastRequest(t)
	assert.Equal(t, http.MethodPatch, req.Method)
	assert.Equal(t, "/services/data/v62.0/composite/sobjects/Contact/Ext__c", req.URL.Path)
	assert.JSONEq(t, `{"allOrNone":false,"records":[
		{"attributes":{"type":"Contact"},"Ext__c":"e1","LastName":"A"},
		{"attributes":{"type":"Contact"},"Ext__c":"e2","LastName":"B","Email":"nope"}]}`, body)
}

func TestUpsertCollectionValidation(t *testing.T) {
	tooMany := make([]Record, MaxCollectionSize+1)
	for i := range tooMany {
		tooMany[i] = Record{"Ext__c": fmt.Sprint(i)}
	}
	tests := []struct {
		name string
		recs []Record
		want string
	}{
		{"too many", tooMany, "at most 200"},
		{"has Id", []Record{{"Id": "003", "Ext__c": "e"}}, "has an Id"},
		{"no external id", []Record{{"LastName": "x"}}, "has no Ext__c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, respond(http.StatusOK, `[]`))
			c := org.client(t)
			_, err := c.UpsertCollection(context.Background(), "Contact", "Ext__c", tt.recs, true)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Zero(t, org.apiCalls())
		})
	}
}

func TestUpsertCollectionEmptyAndMismatch(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `[{"id":"003A","success":true,"errors":[]}]`))
	c := org.client(t)
	res, err := c.UpsertCollection(context.Background(), "Contact", "Ext__c", nil, true)
	require.NoError(t, err)
	assert.Empty(t, res)
	assert.Zero(t, org.apiCalls())

	_, err = c.UpsertCollection(context.Background(), "Contact", "Ext__c", []Record{{"Ext__c": "1"}, {"Ext__c": "2"}}, true)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "got 1 results for 2 records")
}
