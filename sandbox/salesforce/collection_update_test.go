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
	"github.com/crmsync/crmsync/sandbox/sfid"
)

// updateCollection sends PATCH composite/sobjects with recs as they are.
func updateCollection(t *testing.T, o *org, allOrNone bool, recs ...map[string]any) (*http.Response, []result, []byte) {
	t.Helper()
	return collectionCall(t, o, http.MethodPatch, "/composite/sobjects", allOrNone, recs)
}

func typed(obj string, fields map[string]any) map[string]any {
	fields["attributes"] = map[string]any{"type": obj}
	return fields
}

// failure is what a failed result must say.
type failure struct {
	code   string
	fields []string // nil: not checked
}

func assertResults(t *testing.T, res []result, ok map[int]string, failed map[int]failure) {
	t.Helper()
	require.Len(t, res, len(ok)+len(failed), "one result per record")
	for i, id := range ok {
		assert.True(t, res[i].Success, "record %d: %+v", i, res[i])
		assert.Equal(t, id, res[i].ID, "record %d", i)
		assert.NotNil(t, res[i].Errors, "record %d: errors is [], not null", i)
		assert.Empty(t, res[i].Errors, "record %d", i)
		assert.Nil(t, res[i].Created, "record %d: an update says nothing of created", i)
	}
	for i, want := range failed {
		assert.False(t, res[i].Success, "record %d", i)
		assert.Empty(t, res[i].ID, "record %d: a failed save names no record", i)
		require.NotEmpty(t, res[i].Errors, "record %d", i)
		assert.Equal(t, want.code, res[i].Errors[0].StatusCode, "record %d: %+v", i, res[i].Errors)
		assert.NotNil(t, res[i].Errors[0].Fields, "record %d: fields is [], not null", i)
		if want.fields != nil {
			assert.Equal(t, want.fields, res[i].Errors[0].Fields, "record %d", i)
		}
	}
}

func TestCollectionUpdate(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	o.clock.Advance(time.Hour)
	now := o.clock.Now().Format("2006-01-02T15:04:05.000+0000")
	resp, res, body := updateCollection(t, o, false,
		typed("Contact", map[string]any{"Id": annaID, "Title": "VP", "Phone": "+1 555"}),
		typed("Account", map[string]any{"id": acmeID, "Industry": "Energy"}),
		typed("Contact", map[string]any{"id": bobID, "Email": "bad"}),
		typed("Contact", map[string]any{"Title": "no id"}),
		typed("Contact", map[string]any{"Id": "003bogus", "Title": "X"}),
		typed("Contact", map[string]any{"Id": acmeID, "Title": "X"}),
		typed("Contact", map[string]any{"Id": eveID, "Title": "X"}),
		typed("Contact", map[string]any{"Id": sfid.New(sfid.PrefixContact, 999), "Title": "X"}),
		map[string]any{"Id": danID, "Title": "X"},
		typed("Widget", map[string]any{"Id": danID, "Size": 3}),
		typed("Contact", map[string]any{"Id": carlaID, "Name": "Renamed"}),
		typed("Contact", map[string]any{"Id": danID, "LastName": strings.Repeat("x", 81)}),
		typed("Case", map[string]any{"Id": case1ID, "Status": "Bogus"}),
		typed("Contact", map[string]any{"Id": danID, "LastName": nil}),
		typed("Contact", map[string]any{"Id": carlaID[:15], "Title": "CEO"}),
	)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assertResults(t, res, map[int]string{0: annaID, 1: acmeID, 14: carlaID}, map[int]failure{
		2:  {"INVALID_EMAIL_ADDRESS", []string{"Email"}},
		3:  {"MISSING_ARGUMENT", []string{}},
		4:  {"MALFORMED_ID", []string{}},
		5:  {"MALFORMED_ID", []string{"Id"}},
		6:  {"ENTITY_IS_DELETED", []string{}},
		7:  {"INVALID_CROSS_REFERENCE_KEY", []string{}},
		8:  {"INVALID_TYPE", []string{}},
		9:  {"INVALID_TYPE", []string{}},
		10: {"INVALID_FIELD_FOR_INSERT_UPDATE", []string{"Name"}},
		11: {"STRING_TOO_LONG", []string{"LastName"}},
		12: {"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", []string{"Status"}},
		13: {"REQUIRED_FIELD_MISSING", []string{"LastName"}},
	})
	assert.Equal(t, "Id not specified in an update call", res[3].Errors[0].Message)

	anna := getRecord(t, o, "Contact", annaID)
	assert.Equal(t, "VP", anna["Title"])
	assert.Equal(t, "+1 555", anna["Phone"])
	assert.Equal(t, now, anna["LastModifiedDate"], "an update moves LastModifiedDate")
	assert.Equal(t, now, anna["SystemModstamp"])
	assert.Equal(t, "Energy", getRecord(t, o, "Account", acmeID)["Industry"], "records of several objects in one call")
	assert.Equal(t, "CEO", getRecord(t, o, "Contact", carlaID)["Title"], "a 15-character id is accepted")
	bob := getRecord(t, o, "Contact", bobID)
	assert.Equal(t, "bob@globex.test", bob["Email"], "a failed record is not written")
	assert.NotEqual(t, now, bob["SystemModstamp"])
	assert.Equal(t, "O'Neil", getRecord(t, o, "Contact", danID)["LastName"])
	assert.Equal(t, map[string]int64{"Contact": 2, "Account": 1}, o.srv.Stats().Snapshot().Writes)
}

func TestCollectionUpdateAllOrNoneRollsBack(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	before := getRecord(t, o, "Contact", annaID)
	o.clock.Advance(time.Hour)
	resp, res, body := updateCollection(t, o, true,
		typed("Contact", map[string]any{"Id": annaID, "Title": "Should not stick", "Zendesk_User_Id__c": "5001"}),
		typed("Account", map[string]any{"Id": acmeID, "Name": "Acme 2"}),
		typed("Contact", map[string]any{"Id": bobID, "Email": "bad"}),
	)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assertResults(t, res, nil, map[int]failure{
		0: {"ALL_OR_NONE_OPERATION_ROLLED_BACK", []string{}},
		1: {"ALL_OR_NONE_OPERATION_ROLLED_BACK", []string{}},
		2: {"INVALID_EMAIL_ADDRESS", []string{"Email"}},
	})
	assert.Equal(t, before, getRecord(t, o, "Contact", annaID), "every field and stamp as before")
	assert.Equal(t, "Acme", getRecord(t, o, "Account", acmeID)["Name"])
	resp, body = o.do(http.MethodGet, v+"/sobjects/Contact/Zendesk_User_Id__c/501", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, "the external id index was rolled back too: %s", body)
	assert.Empty(t, o.srv.Stats().Snapshot().Writes)
}

func TestCollectionUpdateRequestErrors(t *testing.T) {
	many := make([]map[string]any, 201)
	for i := range many {
		many[i] = typed("Contact", map[string]any{"Id": annaID, "Title": "X"})
	}
	tests := []struct {
		name   string
		method string
		body   any
		status int
		code   string
	}{
		{"over 200 records", http.MethodPatch, map[string]any{"records": many}, http.StatusBadRequest, "EXCEEDED_ID_LIMIT"},
		{"unknown field fails the request", http.MethodPatch, map[string]any{"records": []any{
			typed("Contact", map[string]any{"Id": annaID, "Title": "X"}),
			typed("Contact", map[string]any{"Id": bobID, "Shoe__c": 42}),
		}}, http.StatusBadRequest, "INVALID_FIELD"},
		{"wrong JSON type", http.MethodPatch, map[string]any{"records": []any{
			typed("Contact", map[string]any{"Id": annaID, "Title": map[string]any{}}),
		}}, http.StatusBadRequest, "JSON_PARSER_ERROR"},
		{"not JSON", http.MethodPatch, `{"records":`, http.StatusBadRequest, "JSON_PARSER_ERROR"},
		{"retrieve is not emulated", http.MethodGet, nil, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrg(t, salesforce.Config{}, smallOrg())
			resp, body := o.do(tt.method, v+"/composite/sobjects", tt.body)
			require.Equal(t, tt.status, resp.StatusCode, string(body))
			assert.Equal(t, tt.code, decodeErrors(t, body)[0].ErrorCode)
			assert.Nil(t, getRecord(t, o, "Contact", annaID)["Title"], "nothing written")
			assert.Empty(t, o.srv.Stats().Snapshot().Writes)
		})
	}
}

// deleteCollection sends DELETE composite/sobjects?ids=….
func deleteCollection(t *testing.T, o *org, allOrNone string, ids ...string) (*http.Response, []result, []byte) {
	t.Helper()
	path := v + "/composite/sobjects?ids=" + strings.Join(ids, ",")
	if allOrNone != "" {
		path += "&allOrNone=" + allOrNone
	}
	resp, body := o.do(http.MethodDelete, path, nil)
	var out []result
	if resp.StatusCode == http.StatusOK {
		require.NoError(t, json.Unmarshal(body, &out), string(body))
	}
	return resp, out, body
}

func TestCollectionDelete(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	o.clock.Advance(time.Hour)
	now := o.clock.Now().Format("2006-01-02T15:04:05.000+0000")
	resp, res, body := deleteCollection(t, o, "false",
		annaID, "bogus", eveID, ownerID, sfid.New(sfid.PrefixContact, 999), case2ID, carlaID[:15], sfid.New("006", 1))
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assertResults(t, res, map[int]string{0: annaID, 5: case2ID, 6: carlaID}, map[int]failure{
		1: {"MALFORMED_ID", []string{}},
		2: {"ENTITY_IS_DELETED", []string{}},
		3: {"INVALID_TYPE_FOR_OPERATION", []string{}},
		4: {"INVALID_CROSS_REFERENCE_KEY", []string{}},
		7: {"INVALID_CROSS_REFERENCE_KEY", []string{}},
	})

	resp, _ = o.do(http.MethodGet, v+"/sobjects/Contact/"+annaID, nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "soft-deleted")
	_, body = o.do(http.MethodGet, v+"/queryAll?q="+strings.ReplaceAll("SELECT Id, IsDeleted, SystemModstamp FROM Contact WHERE Id = '"+annaID+"'", " ", "+"), nil)
	var p page
	require.NoError(t, json.Unmarshal(body, &p), string(body))
	require.Len(t, p.Records, 1)
	assert.Equal(t, true, p.Records[0]["IsDeleted"])
	assert.Equal(t, now, p.Records[0]["SystemModstamp"], "a delete moves SystemModstamp")
	_, q := o.query("SELECT Id FROM Case WHERE ContactId = '" + annaID + "'")
	assert.Equal(t, 0, q.TotalSize, "lookups to a deleted row are cleared, as for a single delete")
	assert.Equal(t, map[string]int64{"Contact": 2, "Case": 1}, o.srv.Stats().Snapshot().Writes)
}

func TestCollectionDeleteAllOrNoneRollsBack(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	acme, anna, initech, case1 := getRecord(t, o, "Account", acmeID), getRecord(t, o, "Contact", annaID),
		getRecord(t, o, "Account", initechID), getRecord(t, o, "Case", case1ID)
	o.clock.Advance(time.Hour)
	// Deleting Acme takes its contacts and clears the lookups to it.
	resp, res, body := deleteCollection(t, o, "true", acmeID, bobID, "bogus")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assertResults(t, res, nil, map[int]failure{
		0: {"ALL_OR_NONE_OPERATION_ROLLED_BACK", []string{}},
		1: {"ALL_OR_NONE_OPERATION_ROLLED_BACK", []string{}},
		2: {"MALFORMED_ID", []string{}},
	})
	assert.Equal(t, acme, getRecord(t, o, "Account", acmeID))
	assert.Equal(t, anna, getRecord(t, o, "Contact", annaID), "the cascade was rolled back")
	assert.Equal(t, initech, getRecord(t, o, "Account", initechID), "the cleared ParentId is back")
	assert.Equal(t, case1, getRecord(t, o, "Case", case1ID))
	getRecord(t, o, "Contact", bobID)
	resp, _ = o.do(http.MethodGet, v+"/sobjects/Account/Zendesk_Organization_Id__c/9001", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the indexes were restored")
	assert.Empty(t, o.srv.Stats().Snapshot().Writes)
}

func TestCollectionDeleteRequestErrors(t *testing.T) {
	many := make([]string, 201)
	for i := range many {
		many[i] = sfid.New(sfid.PrefixContact, uint64(i+1))
	}
	tests := []struct {
		name   string
		ids    []string
		status int
		code   string
	}{
		{"no ids", nil, http.StatusBadRequest, "MISSING_ARGUMENT"},
		{"only commas", []string{"", "%20"}, http.StatusBadRequest, "MISSING_ARGUMENT"},
		{"over 200 ids", many, http.StatusBadRequest, "EXCEEDED_ID_LIMIT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrg(t, salesforce.Config{}, smallOrg())
			resp, _, body := deleteCollection(t, o, "", tt.ids...)
			require.Equal(t, tt.status, resp.StatusCode, string(body))
			assert.Equal(t, tt.code, decodeErrors(t, body)[0].ErrorCode)
			getRecord(t, o, "Contact", annaID)
			assert.Empty(t, o.srv.Stats().Snapshot().Writes)
		})
	}
}
