package salesforce

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetRecord(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"attributes":{"type":"Contact"},"Id":"003A","LastName":"Lovelace","Age__c":36}`))
	c := org.client(t)

	rec, err := c.Get(context.Background(), "Contact", "003A", []string{"Id", "LastName"})
	require.NoError(t, err)
	assert.Equal(t, "Lovelace", rec.String("LastName"))
	assert.Equal(t, "36", rec.String("Age__c"))

	req, _ := org.lastRequest(t)
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/services/data/v62.0/sobjects/Contact/003A", req.URL.Path)
	assert.Equal(t, "Id,LastName", req.URL.Query().Get("fields"))
}

func TestCreateRecord(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusCreated, `{"id":"003NEW","success":true,"errors":[]}`))
	c := org.client(t)

	rec := Record{"attributes": map[string]any{"type": "Contact"}, "LastName": "Hopper", "Email": "grace@example.com"}
	id, err := c.Create(context.Background(), "Contact", rec)
	require.NoError(t, err)
	assert.Equal(t, "003NEW", id)
	assert.Contains(t, rec, "attributes", "the caller's record is not modified")

	req, body := org.lastRequest(t)
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/services/data/v62.0/sobjects/Contact/", req.URL.Path)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"LastName":"Hopper","Email":"grace@example.com"}`, body)
}

func TestCreateReportsUnsuccessfulResult(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusCreated, `{"id":"","success":false,"errors":[{"statusCode":"DUPLICATE_VALUE","message":"duplicate","fields":["Email"]}]}`))
	c := org.client(t)
	_, err := c.Create(context.Background(), "Contact", Record{"LastName": "X"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, apiErr.HasCode("DUPLICATE_VALUE"))
}

func TestUpdateAndDelete(t *testing.T) {
	tests := []struct {
		name       string
		call       func(c *Client) error
		wantMethod string
		wantBody   string
	}{
		{"update", func(c *Client) error {
			return c.Update(context.Background(), "Case", "500X", Record{"Status": "Closed"})
		}, http.MethodPatch, `{"Status":"Closed"}`},
		{"delete", func(c *Client) error {
			return c.Delete(context.Background(), "Case", "500X")
		}, http.MethodDelete, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
			c := org.client(t)
			require.NoError(t, tt.call(c))
			req, body := org.lastRequest(t)
			assert.Equal(t, tt.wantMethod, req.Method)
			assert.Equal(t, "/services/data/v62.0/sobjects/Case/500X", req.URL.Path)
			if tt.wantBody == "" {
				assert.Empty(t, body)
			} else {
				assert.JSONEq(t, tt.wantBody, body)
			}
		})
	}
}

func TestRecordCallsRefuseEmptyIDs(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	c := org.client(t)
	ctx := context.Background()
	_, err := c.Get(ctx, "Contact", "", nil)
	assert.Error(t, err)
	assert.Error(t, c.Update(ctx, "Contact", "", Record{}))
	assert.Error(t, c.Delete(ctx, "", "003"))
	_, err = c.Create(ctx, "", Record{})
	assert.Error(t, err)
	assert.Zero(t, org.apiCalls())
}

func TestUnencodableRecordFailsBeforeSending(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{}`))
	c := org.client(t)
	err := c.Update(context.Background(), "Contact", "003", Record{"Bad": make(chan int)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "encode request body")
	assert.Zero(t, org.apiCalls())
}

func TestDescribe(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"name":"Case","label":"Case","fields":[
		{"name":"Status","type":"picklist","length":255,"nillable":false,"externalId":false,"unique":false,
		 "picklistValues":[{"value":"New","active":true},{"value":"Old","active":false}]},
		{"name":"Zendesk_Id__c","type":"string","length":40,"nillable":true,"externalId":true,"unique":true,"picklistValues":[]}]}`))
	c := org.client(t)

	d, err := c.Describe(context.Background(), "Case")
	require.NoError(t, err)
	req, _ := org.lastRequest(t)
	assert.Equal(t, "/services/data/v62.0/sobjects/Case/describe", req.URL.Path)
	assert.Equal(t, "Case", d.Name)
	status, ok := d.Field("Status")
	require.True(t, ok)
	assert.Equal(t, []PicklistValue{{Value: "New", Active: true}, {Value: "Old", Active: false}}, status.PicklistValues)
	ext, ok := d.Field("Zendesk_Id__c")
	require.True(t, ok)
	assert.Equal(t, Field{Name: "Zendesk_Id__c", Type: "string", Length: 40, Nillable: true, ExternalID: true, Unique: true, PicklistValues: []PicklistValue{}}, ext)
	_, ok = d.Field("Nope")
	assert.False(t, ok)
}

func TestWritableDropsAttributesOnly(t *testing.T) {
	in := Record{"attributes": map[string]any{"type": "Contact"}, "A": 1}
	out := writable(in)
	b, err := json.Marshal(out)
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":1}`, string(b))
	assert.Len(t, in, 2)
}
