package salesforce_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
)

func getRecord(t *testing.T, o *org, obj, id string) map[string]any {
	t.Helper()
	resp, body := o.do(http.MethodGet, v+"/sobjects/"+obj+"/"+id, nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var r map[string]any
	require.NoError(t, json.Unmarshal(body, &r))
	return r
}

func TestCreateGetUpdateDelete(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, body := o.do(http.MethodPost, v+"/sobjects/Contact", map[string]any{
		"attributes": map[string]any{"type": "Contact"},
		"FirstName":  "Zoe", "LastName": "Zed", "Email": "zoe@acme.test", "AccountId": acmeID, "Zendesk_User_Id__c": "777"})
	require.Equal(t, http.StatusCreated, resp.StatusCode, string(body))
	var created struct {
		ID      string            `json:"id"`
		Success bool              `json:"success"`
		Errors  []json.RawMessage `json:"errors"`
	}
	require.NoError(t, json.Unmarshal(body, &created))
	assert.True(t, created.Success)
	assert.NotNil(t, created.Errors)
	assert.Empty(t, created.Errors)
	assert.Regexp(t, `^003[0-9A-Za-z]{15}$`, created.ID)
	assert.Equal(t, int64(1), o.srv.Stats().Snapshot().Writes["Contact"])

	r := getRecord(t, o, "Contact", created.ID)
	assert.Equal(t, map[string]any{"type": "Contact", "url": v + "/sobjects/Contact/" + created.ID}, r["attributes"])
	assert.Equal(t, "Zoe Zed", r["Name"])
	assert.Equal(t, false, r["IsDeleted"])
	assert.Equal(t, "2026-03-10T12:00:00.000+0000", r["CreatedDate"])
	assert.Equal(t, r["CreatedDate"], r["SystemModstamp"])
	assert.Equal(t, ownerID, r["OwnerId"], "owner defaults to the running user")
	assert.Nil(t, r["Phone"])

	o.clock.Advance(time.Minute)
	resp, body = o.do(http.MethodPatch, v+"/sobjects/Contact/"+created.ID, map[string]any{"Title": "CEO", "Email": nil})
	require.Equal(t, http.StatusNoContent, resp.StatusCode, string(body))
	assert.Empty(t, body)
	r = getRecord(t, o, "Contact", created.ID)
	assert.Equal(t, "CEO", r["Title"])
	assert.Nil(t, r["Email"])
	assert.Equal(t, "2026-03-10T12:01:00.000+0000", r["LastModifiedDate"])
	assert.Equal(t, "2026-03-10T12:00:00.000+0000", r["CreatedDate"])

	// A 15-character Id and ?fields= select work as in the real API.
	resp, body = o.do(http.MethodGet, v+"/sobjects/Contact/"+created.ID[:15]+"?fields=Id,Title", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.JSONEq(t, `{"attributes":{"type":"Contact","url":"`+v+`/sobjects/Contact/`+created.ID+`"},"Id":"`+created.ID+`","Title":"CEO"}`, string(body))

	resp, _ = o.do(http.MethodDelete, v+"/sobjects/Contact/"+created.ID, nil)
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	resp, body = o.do(http.MethodGet, v+"/sobjects/Contact/"+created.ID, nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Equal(t, "ENTITY_IS_DELETED", decodeErrors(t, body)[0].ErrorCode)
	resp, _ = o.do(http.MethodDelete, v+"/sobjects/Contact/"+created.ID, nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	_, p := o.query("SELECT Id FROM Contact WHERE Id = '" + created.ID + "'")
	assert.Equal(t, 0, p.TotalSize)
	// The external id is free again once its holder is deleted.
	resp, body = o.do(http.MethodPost, v+"/sobjects/Contact", map[string]any{"LastName": "Again", "Zendesk_User_Id__c": "777"})
	assert.Equal(t, http.StatusCreated, resp.StatusCode, string(body))
	assert.Equal(t, int64(4), o.srv.Stats().Snapshot().Writes["Contact"])
}

func TestRecordNotFoundShapes(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	for _, tc := range []struct {
		method, path, code string
	}{
		{http.MethodGet, "/sobjects/Contact/0035g00000000zzAAA", "NOT_FOUND"},
		{http.MethodGet, "/sobjects/Contact/not-an-id", "NOT_FOUND"},
		{http.MethodGet, "/sobjects/Account/" + annaID, "NOT_FOUND"},
		{http.MethodGet, "/sobjects/Widget__c/" + annaID, "NOT_FOUND"},
		{http.MethodPatch, "/sobjects/Contact/0035g00000000zzAAA", "NOT_FOUND"},
		{http.MethodDelete, "/sobjects/Contact/" + eveID, "ENTITY_IS_DELETED"},
	} {
		body := any(nil)
		if tc.method == http.MethodPatch {
			body = map[string]any{"Title": "x"}
		}
		resp, out := o.do(tc.method, v+tc.path, body)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, tc.path)
		assert.Equal(t, tc.code, decodeErrors(t, out)[0].ErrorCode, tc.path)
	}
	resp, body := o.do(http.MethodPut, v+"/sobjects/Contact/"+annaID, map[string]any{})
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	assert.Equal(t, "METHOD_NOT_ALLOWED", decodeErrors(t, body)[0].ErrorCode)
}

func TestValidationErrors(t *testing.T) {
	o := newOrg(t, salesforce.Config{CustomFields: []salesforce.FieldDef{
		{Object: "Contact", Name: "Tier__c", Type: "picklist", Nillable: true, Picklist: []string{"Gold", "Silver"}},
	}}, smallOrg())
	long := strings.Repeat("x", 81)
	cases := []struct {
		name   string
		method string
		path   string
		body   any
		code   string
		fields []string
	}{
		{"required on create", http.MethodPost, "/sobjects/Contact", map[string]any{"FirstName": "No"}, "REQUIRED_FIELD_MISSING", []string{"LastName"}},
		{"required lead fields", http.MethodPost, "/sobjects/Lead", map[string]any{"FirstName": "No"}, "REQUIRED_FIELD_MISSING", []string{"LastName", "Company"}},
		{"required cleared on update", http.MethodPatch, "/sobjects/Contact/" + annaID, map[string]any{"LastName": ""}, "REQUIRED_FIELD_MISSING", []string{"LastName"}},
		{"too long", http.MethodPost, "/sobjects/Contact", map[string]any{"LastName": long}, "STRING_TOO_LONG", []string{"LastName"}},
		{"bad email", http.MethodPost, "/sobjects/Contact", map[string]any{"LastName": "X", "Email": "not-an-email"}, "INVALID_EMAIL_ADDRESS", []string{"Email"}},
		{"email without domain dot", http.MethodPatch, "/sobjects/Contact/" + annaID, map[string]any{"Email": "a@b"}, "INVALID_EMAIL_ADDRESS", []string{"Email"}},
		{"restricted picklist", http.MethodPost, "/sobjects/Case", map[string]any{"Status": "Pending"}, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", []string{"Status"}},
		{"custom picklist", http.MethodPatch, "/sobjects/Contact/" + annaID, map[string]any{"Tier__c": "Bronze"}, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", []string{"Tier__c"}},
		{"duplicate external id", http.MethodPost, "/sobjects/Contact", map[string]any{"LastName": "X", "Zendesk_User_Id__c": "501"}, "DUPLICATE_VALUE", []string{}},
		{"duplicate is case-insensitive", http.MethodPost, "/sobjects/Account", map[string]any{"Name": "X", "Zendesk_Organization_Id__c": "9001"}, "DUPLICATE_VALUE", []string{}},
		{"read-only field", http.MethodPatch, "/sobjects/Contact/" + annaID, map[string]any{"CreatedDate": "2020-01-01T00:00:00Z", "Name": "X"}, "INVALID_FIELD_FOR_INSERT_UPDATE", []string{"CreatedDate", "Name"}},
		{"Id in a create", http.MethodPost, "/sobjects/Contact", map[string]any{"Id": annaID, "LastName": "X"}, "INVALID_FIELD_FOR_INSERT_UPDATE", []string{"Id"}},
		{"lookup of the wrong type", http.MethodPatch, "/sobjects/Contact/" + annaID, map[string]any{"AccountId": bobID}, "FIELD_INTEGRITY_EXCEPTION", []string{"AccountId"}},
		{"malformed lookup", http.MethodPatch, "/sobjects/Contact/" + annaID, map[string]any{"AccountId": "xyz"}, "MALFORMED_ID", []string{"AccountId"}},
		{"lookup to nothing", http.MethodPatch, "/sobjects/Contact/" + annaID, map[string]any{"AccountId": "0015g00000000zzAAA"}, "INVALID_CROSS_REFERENCE_KEY", []string{"AccountId"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := o.do(tc.method, v+tc.path, tc.body)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(body))
			errs := decodeErrors(t, body)
			assert.Equal(t, tc.code, errs[0].ErrorCode)
			assert.Equal(t, tc.fields, errs[0].Fields)
			assert.NotEmpty(t, errs[0].Message)
			assert.Contains(t, string(body), `"fields":`)
		})
	}
	// Request-level errors carry no fields array.
	for _, tc := range []struct {
		body any
		code string
	}{
		{map[string]any{"LastName": "X", "Shoe__c": "y"}, "INVALID_FIELD"},
		{`{"LastName": `, "JSON_PARSER_ERROR"},
		{`[1,2]`, "JSON_PARSER_ERROR"},
		{map[string]any{"LastName": map[string]any{"a": 1}}, "JSON_PARSER_ERROR"},
	} {
		resp, body := o.do(http.MethodPost, v+"/sobjects/Contact", tc.body)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		errs := decodeErrors(t, body)
		assert.Equal(t, tc.code, errs[0].ErrorCode, string(body))
	}
	resp, body := o.do(http.MethodPost, v+"/sobjects/Contact", map[string]any{"LastName": "X", "Shoe__c": "y"})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Contains(t, decodeErrors(t, body)[0].Message, "Shoe__c")
	assert.Equal(t, int64(0), o.srv.Stats().Snapshot().Writes["Contact"], "nothing was written")
}

func TestCaseDerivedFields(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, body := o.do(http.MethodPost, v+"/sobjects/Case", map[string]any{"Subject": "New one", "ContactId": annaID})
	require.Equal(t, http.StatusCreated, resp.StatusCode, string(body))
	var c struct{ ID string }
	require.NoError(t, json.Unmarshal(body, &c))
	r := getRecord(t, o, "Case", c.ID)
	assert.Equal(t, "00001003", r["CaseNumber"], "numbers continue after the seeded ones")
	assert.Equal(t, "New", r["Status"])
	assert.Equal(t, "Medium", r["Priority"])
	assert.Equal(t, false, r["IsClosed"])
	assert.Nil(t, r["ClosedDate"])

	o.clock.Advance(time.Hour)
	resp, _ = o.do(http.MethodPatch, v+"/sobjects/Case/"+c.ID, map[string]any{"Status": "Closed"})
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	r = getRecord(t, o, "Case", c.ID)
	assert.Equal(t, true, r["IsClosed"])
	assert.Equal(t, "2026-03-10T13:00:00.000+0000", r["ClosedDate"])

	resp, _ = o.do(http.MethodPatch, v+"/sobjects/Case/"+c.ID, map[string]any{"Status": "Working"})
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	r = getRecord(t, o, "Case", c.ID)
	assert.Equal(t, false, r["IsClosed"])
	assert.Nil(t, r["ClosedDate"])
}

func TestDeleteCascadesAndClearsLookups(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	o.clock.Advance(time.Hour)
	resp, _ := o.do(http.MethodDelete, v+"/sobjects/Account/"+acmeID, nil)
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	// Anna and Carla belonged to Acme: gone with it.
	_, p := o.query("SELECT Id FROM Contact")
	assert.ElementsMatch(t, []string{bobID, danID}, ids(p))
	// Initech's parent and case 1's account are cleared by the system:
	// SystemModstamp moves, LastModifiedDate does not.
	acc := getRecord(t, o, "Account", initechID)
	assert.Nil(t, acc["ParentId"])
	assert.Equal(t, "2026-03-10T13:00:00.000+0000", acc["SystemModstamp"])
	assert.Equal(t, "2026-01-03T10:00:00.000+0000", acc["LastModifiedDate"])
	cs := getRecord(t, o, "Case", case1ID)
	assert.Nil(t, cs["AccountId"])
	assert.Nil(t, cs["ContactId"], "its contact went with the account")
}

func TestDescribe(t *testing.T) {
	o := newOrg(t, salesforce.Config{CustomFields: []salesforce.FieldDef{
		{Object: "Contact", Name: "Plan__c", Type: "picklist", Nillable: true, Picklist: []string{"Free", "Pro"}},
		{Object: "Contact", Name: "Legacy_Id__c", Type: "string", Length: 40, Nillable: true, ExternalID: true},
	}}, smallOrg())
	resp, body := o.do(http.MethodGet, v+"/sobjects/Contact/describe", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var d struct {
		Name   string `json:"name"`
		Fields []struct {
			Name           string `json:"name"`
			Type           string `json:"type"`
			Length         int    `json:"length"`
			Nillable       bool   `json:"nillable"`
			ExternalID     bool   `json:"externalId"`
			Unique         bool   `json:"unique"`
			PicklistValues []struct {
				Value  string `json:"value"`
				Active bool   `json:"active"`
			} `json:"picklistValues"`
		} `json:"fields"`
	}
	require.NoError(t, json.Unmarshal(body, &d))
	assert.Equal(t, "Contact", d.Name)
	byName := map[string]int{}
	for i, f := range d.Fields {
		byName[f.Name] = i
	}
	for _, name := range []string{"Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp", "LastName", "Email", "AccountId", "Zendesk_User_Id__c", "Plan__c", "Legacy_Id__c"} {
		assert.Contains(t, byName, name)
	}
	last := d.Fields[byName["LastName"]]
	assert.Equal(t, "string", last.Type)
	assert.Equal(t, 80, last.Length)
	assert.False(t, last.Nillable)
	email := d.Fields[byName["Email"]]
	assert.Equal(t, "email", email.Type)
	assert.True(t, email.Nillable)
	zd := d.Fields[byName["Zendesk_User_Id__c"]]
	assert.True(t, zd.ExternalID)
	assert.True(t, zd.Unique)
	assert.Equal(t, 255, zd.Length)
	legacy := d.Fields[byName["Legacy_Id__c"]]
	assert.True(t, legacy.ExternalID)
	assert.False(t, legacy.Unique)
	plan := d.Fields[byName["Plan__c"]]
	require.Len(t, plan.PicklistValues, 2)
	assert.Equal(t, "Free", plan.PicklistValues[0].Value)
	assert.True(t, plan.PicklistValues[0].Active)

	resp, body = o.do(http.MethodGet, v+"/sobjects/Case/describe", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), `{"value":"Escalated","label":"Escalated","active":true,"defaultValue":false}`)
	resp, _ = o.do(http.MethodGet, v+"/sobjects/Nope/describe", nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestResetRestoresSeed(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, _ := o.do(http.MethodDelete, v+"/sobjects/Contact/"+annaID, nil)
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	resp, _ = o.do(http.MethodPatch, v+"/sobjects/Contact/"+bobID, map[string]any{"Title": "Changed"})
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	r, err := http.Post(o.http.URL+"/_sandbox/reset", "", nil)
	require.NoError(t, err)
	r.Body.Close()
	assert.Nil(t, getRecord(t, o, "Contact", bobID)["Title"])
	assert.Equal(t, "Anna", getRecord(t, o, "Contact", annaID)["FirstName"])
	resp, _ = o.do(http.MethodGet, v+"/limits", nil)
	assert.Equal(t, "api-usage=3/100000", resp.Header.Get("Sforce-Limit-Info"), "usage restarts at reset")
}
