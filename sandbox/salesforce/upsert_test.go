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

func TestUpsertByExternalID(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	// Unknown: created, 201 with a body.
	resp, body := o.do(http.MethodPatch, v+"/sobjects/Contact/Zendesk_User_Id__c/888", map[string]any{"LastName": "New", "Email": "new@x.test"})
	require.Equal(t, http.StatusCreated, resp.StatusCode, string(body))
	var res struct {
		ID      string            `json:"id"`
		Success bool              `json:"success"`
		Errors  []json.RawMessage `json:"errors"`
		Created bool              `json:"created"`
	}
	require.NoError(t, json.Unmarshal(body, &res))
	assert.True(t, res.Success)
	assert.True(t, res.Created)
	assert.Equal(t, "888", getRecord(t, o, "Contact", res.ID)["Zendesk_User_Id__c"])

	// Known: updated in place, 200 with created:false.
	resp, body = o.do(http.MethodPatch, v+"/sobjects/Contact/Zendesk_User_Id__c/501", map[string]any{"Title": "VP"})
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.JSONEq(t, `{"id":"`+annaID+`","success":true,"errors":[],"created":false}`, string(body))
	assert.Equal(t, "VP", getRecord(t, o, "Contact", annaID)["Title"])

	// GET by external id reads the same row.
	resp, body = o.do(http.MethodGet, v+"/sobjects/Contact/Zendesk_User_Id__c/501", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), `"Id":"`+annaID+`"`)

	for _, tc := range []struct {
		name, path string
		body       any
		status     int
		code       string
	}{
		{"unknown external id field", "/sobjects/Contact/Shoe__c/1", map[string]any{"LastName": "X"}, http.StatusNotFound, "NOT_FOUND"},
		{"not an external id", "/sobjects/Contact/Email/a@b.test", map[string]any{"LastName": "X"}, http.StatusNotFound, "NOT_FOUND"},
		{"validation on create", "/sobjects/Contact/Zendesk_User_Id__c/999", map[string]any{"FirstName": "X"}, http.StatusBadRequest, "REQUIRED_FIELD_MISSING"},
		{"validation on update", "/sobjects/Contact/Zendesk_User_Id__c/501", map[string]any{"Email": "bad"}, http.StatusBadRequest, "INVALID_EMAIL_ADDRESS"},
		{"Id in body", "/sobjects/Contact/Zendesk_User_Id__c/501", map[string]any{"Id": annaID}, http.StatusBadRequest, "INVALID_FIELD"},
		{"body disagrees with URL", "/sobjects/Contact/Zendesk_User_Id__c/501", map[string]any{"Zendesk_User_Id__c": "502"}, http.StatusBadRequest, "INVALID_FIELD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := o.do(http.MethodPatch, v+tc.path, tc.body)
			assert.Equal(t, tc.status, resp.StatusCode, string(body))
			assert.Equal(t, tc.code, decodeErrors(t, body)[0].ErrorCode)
		})
	}
}

func TestUpsertMultipleMatchesAnswers300(t *testing.T) {
	data := smallOrg()
	// A non-unique external id, as an org may define, held by two rows.
	data.Contacts[0]["Legacy_Id__c"] = "L1"
	data.Contacts[1]["Legacy_Id__c"] = "l1"
	o := newOrg(t, salesforce.Config{CustomFields: []salesforce.FieldDef{
		{Object: "Contact", Name: "Legacy_Id__c", Type: "string", Length: 40, Nillable: true, ExternalID: true},
	}}, data)
	resp, body := o.do(http.MethodPatch, v+"/sobjects/Contact/Legacy_Id__c/L1", map[string]any{"Title": "X"})
	require.Equal(t, http.StatusMultipleChoices, resp.StatusCode, string(body))
	var urls []string
	require.NoError(t, json.Unmarshal(body, &urls))
	assert.ElementsMatch(t, []string{v + "/sobjects/Contact/" + annaID, v + "/sobjects/Contact/" + bobID}, urls)
	assert.Nil(t, getRecord(t, o, "Contact", annaID)["Title"], "nothing written")
}

type result struct {
	ID      string `json:"id"`
	Success bool   `json:"success"`
	Created *bool  `json:"created"`
	Errors  []struct {
		StatusCode string   `json:"statusCode"`
		Message    string   `json:"message"`
		Fields     []string `json:"fields"`
	} `json:"errors"`
}

func collection(t *testing.T, o *org, allOrNone bool, recs ...map[string]any) (*http.Response, []result, []byte) {
	t.Helper()
	for _, r := range recs {
		if _, ok := r["attributes"]; !ok {
			r["attributes"] = map[string]any{"type": "Contact"}
		}
	}
	return collectionCall(t, o, http.MethodPatch, "/composite/sobjects/Contact/Zendesk_User_Id__c", allOrNone, recs)
}

func TestCollectionUpsertPartialSuccess(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, res, body := collection(t, o, false,
		map[string]any{"Zendesk_User_Id__c": "501", "Title": "Updated"},
		map[string]any{"Zendesk_User_Id__c": "601", "LastName": "Fresh"},
		map[string]any{"Zendesk_User_Id__c": "602", "LastName": "Bad", "Email": "nope"},
		map[string]any{"Zendesk_User_Id__c": "603"},
		map[string]any{"LastName": "NoKey"},
		map[string]any{"Zendesk_User_Id__c": "604", "LastName": "X", "Id": bobID},
		map[string]any{"attributes": map[string]any{"type": "Account"}, "Zendesk_User_Id__c": "605", "LastName": "X"},
	)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Len(t, res, 7)
	assert.True(t, res[0].Success)
	assert.Equal(t, annaID, res[0].ID)
	assert.False(t, *res[0].Created)
	assert.True(t, res[1].Success)
	assert.True(t, *res[1].Created)
	wantCodes := map[int]string{2: "INVALID_EMAIL_ADDRESS", 3: "REQUIRED_FIELD_MISSING", 4: "MISSING_ARGUMENT", 5: "INVALID_FIELD", 6: "INVALID_TYPE"}
	for i, code := range wantCodes {
		assert.False(t, res[i].Success, i)
		require.NotEmpty(t, res[i].Errors, i)
		assert.Equal(t, code, res[i].Errors[0].StatusCode, i)
		assert.Empty(t, res[i].ID)
	}
	assert.Equal(t, []string{"Email"}, res[2].Errors[0].Fields)
	assert.Equal(t, "Updated", getRecord(t, o, "Contact", annaID)["Title"])
	assert.Equal(t, "601", getRecord(t, o, "Contact", res[1].ID)["Zendesk_User_Id__c"])
	assert.Equal(t, int64(2), o.srv.Stats().Snapshot().Writes["Contact"])
}

func TestCollectionUpsertAllOrNoneRollsBack(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, res, body := collection(t, o, true,
		map[string]any{"Zendesk_User_Id__c": "501", "Title": "Should not stick"},
		map[string]any{"Zendesk_User_Id__c": "701", "LastName": "Ghost"},
		map[string]any{"Zendesk_User_Id__c": "702", "LastName": strings.Repeat("y", 90)},
	)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Len(t, res, 3)
	for i := 0; i < 2; i++ {
		assert.False(t, res[i].Success)
		assert.Equal(t, "ALL_OR_NONE_OPERATION_ROLLED_BACK", res[i].Errors[0].StatusCode)
	}
	assert.Equal(t, "STRING_TOO_LONG", res[2].Errors[0].StatusCode)
	assert.Nil(t, getRecord(t, o, "Contact", annaID)["Title"])
	_, p := o.query("SELECT Id FROM Contact WHERE Zendesk_User_Id__c = '701'")
	assert.Equal(t, 0, p.TotalSize, "the created row was rolled back")
	// The external id is free: the index was rolled back too.
	resp, res, _ = collection(t, o, true, map[string]any{"Zendesk_User_Id__c": "701", "LastName": "Real"})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, res[0].Success)
	assert.Equal(t, int64(1), o.srv.Stats().Snapshot().Writes["Contact"])
}

func TestCollectionUpsertRequestErrors(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	many := make([]map[string]any, 201)
	for i := range many {
		many[i] = map[string]any{"Zendesk_User_Id__c": itoa(10000 + i), "LastName": "X"}
	}
	resp, _, body := collection(t, o, false, many...)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "EXCEEDED_ID_LIMIT", decodeErrors(t, body)[0].ErrorCode)

	resp, _, body = collection(t, o, false, map[string]any{"Zendesk_User_Id__c": "1", "LastName": "X", "Nope__c": 1})
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "INVALID_FIELD", decodeErrors(t, body)[0].ErrorCode)

	resp, body = o.do(http.MethodPatch, v+"/composite/sobjects/Contact/Shoe__c", map[string]any{"records": []any{}})
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Equal(t, "NOT_FOUND", decodeErrors(t, body)[0].ErrorCode)

	// One external id twice in a request: both are refused.
	resp, res, _ := collection(t, o, false,
		map[string]any{"Zendesk_User_Id__c": "900", "LastName": "A"},
		map[string]any{"Zendesk_User_Id__c": "900", "LastName": "B"},
		map[string]any{"Zendesk_User_Id__c": "901", "LastName": "C"})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "DUPLICATE_EXTERNAL_ID", res[0].Errors[0].StatusCode)
	assert.Equal(t, "DUPLICATE_EXTERNAL_ID", res[1].Errors[0].StatusCode)
	assert.True(t, res[2].Success)
	assert.Equal(t, int64(1), o.srv.Stats().Snapshot().Writes["Contact"])
}
