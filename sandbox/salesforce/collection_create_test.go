package salesforce_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
)

// createCollection sends POST composite/sobjects with recs as they are.
func createCollection(t *testing.T, o *org, allOrNone bool, recs ...map[string]any) (*http.Response, []result, []byte) {
	t.Helper()
	return collectionCall(t, o, http.MethodPost, "/composite/sobjects", allOrNone, recs)
}

// collectionCall sends a collection body and decodes the results of a 200.
func collectionCall(t *testing.T, o *org, method, path string, allOrNone bool, recs []map[string]any) (*http.Response, []result, []byte) {
	t.Helper()
	resp, body := o.do(method, v+path, map[string]any{"allOrNone": allOrNone, "records": recs})
	var out []result
	if resp.StatusCode == http.StatusOK {
		require.NoError(t, json.Unmarshal(body, &out), string(body))
	}
	return resp, out, body
}

func TestCollectionCreate(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, res, body := createCollection(t, o, false,
		typed("CaseComment", map[string]any{"ParentId": case1ID, "CommentBody": "first", "IsPublished": true}),
		typed("CaseComment", map[string]any{"CommentBody": "no parent"}),
		typed("Contact", map[string]any{"LastName": "Zed", "Email": "zed@acme.test"}),
		typed("CaseComment", map[string]any{"ParentId": case2ID, "CommentBody": strings.Repeat("é", 2001)}),
		typed("CaseComment", map[string]any{"Id": note1ID, "ParentId": case1ID}),
		typed("User", map[string]any{"Username": "new@example.com", "Email": "new@example.com", "LastName": "New"}),
		map[string]any{"LastName": "No type"},
		typed("Widget", map[string]any{"Name": "x"}),
	)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Len(t, res, 8)
	assert.True(t, res[0].Success)
	assert.Regexp(t, `^00a`, res[0].ID)
	assert.Nil(t, res[0].Created, "a create result says nothing of created")
	assert.True(t, res[2].Success)
	assert.Regexp(t, `^003`, res[2].ID)
	for i, code := range map[int]string{1: "REQUIRED_FIELD_MISSING", 3: "STRING_TOO_LONG", 4: "INVALID_FIELD_FOR_INSERT_UPDATE",
		5: "INVALID_TYPE_FOR_OPERATION", 6: "INVALID_TYPE", 7: "INVALID_TYPE"} {
		assert.False(t, res[i].Success, i)
		assert.Empty(t, res[i].ID, i)
		require.NotEmpty(t, res[i].Errors, i)
		assert.Equal(t, code, res[i].Errors[0].StatusCode, "record %d: %+v", i, res[i].Errors)
		assert.NotNil(t, res[i].Errors[0].Fields, i)
	}
	assert.Equal(t, "cannot specify Id in an insert call", res[4].Errors[0].Message)

	c := getRecord(t, o, "CaseComment", res[0].ID)
	assert.Equal(t, case1ID, c["ParentId"])
	assert.Equal(t, true, c["IsPublished"])
	assert.Equal(t, ownerID, c["CreatedById"])
	writes := o.srv.Stats().Snapshot().Writes
	assert.Equal(t, int64(1), writes["CaseComment"])
	assert.Equal(t, int64(1), writes["Contact"])
}

func TestCollectionCreateAllOrNoneRollsBack(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	_, before := o.query("SELECT Id FROM CaseComment")
	resp, res, body := createCollection(t, o, true,
		typed("CaseComment", map[string]any{"ParentId": case1ID, "CommentBody": "kept?"}),
		typed("Case", map[string]any{"Subject": "x", "Status": "Done"}),
	)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Len(t, res, 2)
	assert.Equal(t, "ALL_OR_NONE_OPERATION_ROLLED_BACK", res[0].Errors[0].StatusCode)
	assert.Empty(t, res[0].ID)
	assert.Equal(t, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", res[1].Errors[0].StatusCode)
	_, after := o.query("SELECT Id FROM CaseComment")
	assert.Equal(t, ids(before), ids(after), "the comment was taken back")
	assert.Empty(t, o.srv.Stats().Snapshot().Writes)
}

func TestCollectionCreateRequestErrors(t *testing.T) {
	many := make([]map[string]any, 201)
	for i := range many {
		many[i] = typed("CaseComment", map[string]any{"ParentId": case1ID, "CommentBody": "x"})
	}
	tests := []struct {
		name string
		body any
		code string
	}{
		{"over 200 records", map[string]any{"records": many}, "EXCEEDED_ID_LIMIT"},
		{"unknown field fails the request", map[string]any{"records": []any{
			typed("CaseComment", map[string]any{"ParentId": case1ID}),
			typed("CaseComment", map[string]any{"ParentId": case1ID, "Zendesk_Comment_Id__c": "9"}),
		}}, "INVALID_FIELD"},
		{"not JSON", `{"records":[`, "JSON_PARSER_ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrg(t, salesforce.Config{}, smallOrg())
			resp, body := o.do(http.MethodPost, v+"/composite/sobjects", tt.body)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(body))
			assert.Equal(t, tt.code, decodeErrors(t, body)[0].ErrorCode)
			assert.Empty(t, o.srv.Stats().Snapshot().Writes, "nothing written")
		})
	}
}
