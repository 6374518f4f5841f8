package salesforce_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
)

type describedField struct {
	Name           string `json:"name"`
	Type           string `json:"type"`
	Length         int    `json:"length"`
	Createable     bool   `json:"createable"`
	Updateable     bool   `json:"updateable"`
	ExternalID     bool   `json:"externalId"`
	RestrictedPick bool   `json:"restrictedPicklist"`
	PicklistValues []struct {
		Value string `json:"value"`
	} `json:"picklistValues"`
}

func describeFields(t *testing.T, o *org, obj string) map[string]describedField {
	t.Helper()
	resp, body := o.do(http.MethodGet, v+"/sobjects/"+obj+"/describe", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var d struct{ Fields []describedField }
	require.NoError(t, json.Unmarshal(body, &d))
	out := map[string]describedField{}
	for _, f := range d.Fields {
		out[f.Name] = f
	}
	return out
}

func picklist(f describedField) []string {
	var out []string
	for _, p := range f.PicklistValues {
		out = append(out, p.Value)
	}
	return out
}

func TestCaseFields(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	f := describeFields(t, o, "Case")
	assert.Equal(t, []string{"New", "Working", "Escalated", "Closed"}, picklist(f["Status"]))
	assert.Equal(t, []string{"High", "Medium", "Low"}, picklist(f["Priority"]))
	assert.ElementsMatch(t, []string{"Email", "Phone", "Web"}, picklist(f["Origin"]))
	assert.NotEmpty(t, picklist(f["Type"]))
	assert.Contains(t, picklist(f["Reason"]), "Installation")
	assert.False(t, f["Reason"].RestrictedPick)
	assert.Equal(t, 255, f["Subject"].Length)
	assert.Equal(t, 32000, f["Description"].Length)
	for _, name := range []string{"CaseNumber", "ClosedDate", "IsClosed"} {
		assert.False(t, f[name].Createable || f[name].Updateable, "%s is read-only", name)
	}
	for _, name := range []string{"ContactId", "AccountId", "OwnerId", "SuppliedEmail", "SuppliedName", "IsEscalated"} {
		assert.True(t, f[name].Createable && f[name].Updateable, "%s is writable", name)
	}
	assert.True(t, f["Zendesk_Ticket_Id__c"].ExternalID)

	for name, value := range map[string]any{"CaseNumber": "00009999", "ClosedDate": "2026-01-01T00:00:00Z", "IsClosed": true} {
		resp, body := o.do(http.MethodPost, v+"/sobjects/Case", map[string]any{"Subject": "x", name: value})
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, "%s: %s", name, body)
		assert.Equal(t, "INVALID_FIELD_FOR_INSERT_UPDATE", decodeErrors(t, body)[0].ErrorCode, name)
	}
	resp, body := o.do(http.MethodPost, v+"/sobjects/Case", map[string]any{"Subject": strings.Repeat("s", 256)})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "STRING_TOO_LONG", decodeErrors(t, body)[0].ErrorCode)
	resp, body = o.do(http.MethodPost, v+"/sobjects/Case", map[string]any{"Subject": "x", "Reason": "Whatever the org added", "SuppliedName": "Ann", "IsEscalated": true})
	require.Equal(t, http.StatusCreated, resp.StatusCode, "an unrestricted picklist takes any value: %s", body)
}

func TestCaseUpsertByTicketID(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, body := o.do(http.MethodPatch, v+"/sobjects/Case/Zendesk_Ticket_Id__c/77", map[string]any{"Status": "Escalated"})
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.JSONEq(t, `{"id":"`+case1ID+`","success":true,"errors":[],"created":false}`, string(body))
	assert.Equal(t, "Escalated", getRecord(t, o, "Case", case1ID)["Status"])

	resp, body = o.do(http.MethodPatch, v+"/sobjects/Case/Zendesk_Ticket_Id__c/78", map[string]any{"Subject": "From ticket 78", "Status": "Closed"})
	require.Equal(t, http.StatusCreated, resp.StatusCode, string(body))
	var created struct{ ID string }
	require.NoError(t, json.Unmarshal(body, &created))
	c := getRecord(t, o, "Case", created.ID)
	assert.Equal(t, "78", c["Zendesk_Ticket_Id__c"])
	assert.Equal(t, true, c["IsClosed"])
	assert.NotNil(t, c["ClosedDate"])
	assert.Equal(t, "00001003", c["CaseNumber"])

	resp, res, body := collectionCall(t, o, http.MethodPatch, "/composite/sobjects/Case/Zendesk_Ticket_Id__c", false, []map[string]any{
		typed("Case", map[string]any{"Zendesk_Ticket_Id__c": "77", "Priority": "Low"}),
		typed("Case", map[string]any{"Zendesk_Ticket_Id__c": "79", "Subject": "From ticket 79"}),
		typed("Case", map[string]any{"Zendesk_Ticket_Id__c": "80", "Status": "Solved"}),
	})
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Len(t, res, 3)
	assert.Equal(t, case1ID, res[0].ID)
	assert.False(t, *res[0].Created)
	assert.True(t, *res[1].Created)
	assert.Equal(t, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", res[2].Errors[0].StatusCode)
	assert.Equal(t, "Low", getRecord(t, o, "Case", case1ID)["Priority"])
	_, p := o.query("SELECT Id FROM Case WHERE Zendesk_Ticket_Id__c IN ('77', '78', '79', '80')")
	assert.Len(t, ids(p), 3)
}

func TestUserLookupByEmail(t *testing.T) {
	data := smallOrg()
	// A deactivated account with the agent's address: Email is not unique.
	data.Users = append(data.Users, rec(formerID, "2024-01-01T00:00:00Z", seed.Record{
		"Username": "former.agent@example.com", "Email": "Agent@Example.com", "FirstName": "Ada", "LastName": "Agent", "IsActive": false}))
	o := newOrg(t, salesforce.Config{}, data)
	resp, p := o.query("SELECT Id, Email, IsActive, Name, Username FROM User WHERE Email = 'agent@example.com' AND IsActive = true")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
	require.Equal(t, []string{agentID}, ids(p))
	assert.Equal(t, "Ada Agent", p.Records[0]["Name"])
	assert.Equal(t, "agent@example.com", p.Records[0]["Username"])
	assert.Equal(t, true, p.Records[0]["IsActive"])

	_, p = o.query("SELECT Id FROM User WHERE Email = 'AGENT@example.com' ORDER BY Id")
	assert.Equal(t, []string{agentID, formerID}, ids(p), "without the filter both match, case-insensitively")
	_, p = o.query("SELECT Id FROM User WHERE Email = 'nobody@example.com' AND IsActive = true")
	assert.Empty(t, ids(p))
}
