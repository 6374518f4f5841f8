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
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

// leadOrg is smallOrg with a lead that carries every field a conversion
// copies, owned by the agent.
func leadOrg() seed.Salesforce {
	data := smallOrg()
	data.Leads = append(data.Leads, rec(lead2ID, "2026-03-04T00:00:00Z", seed.Record{
		"FirstName": "Grace", "LastName": "Hopper", "Company": "Navy Labs", "Email": "grace@navy.test",
		"Phone": "+1 555 0100", "Title": "Rear Admiral", "Status": "Working - Contacted", "OwnerId": agentID}))
	return data
}

var lead2ID = sfid.New(sfid.PrefixLead, 2)

// convert calls the admin endpoint; body nil sends none.
func convert(t *testing.T, o *org, leadID string, body any) (int, map[string]string) {
	t.Helper()
	var rd *strings.Reader
	switch b := body.(type) {
	case nil:
		rd = strings.NewReader("")
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(t, err)
		rd = strings.NewReader(string(raw))
	}
	resp, err := http.Post(o.http.URL+"/_sandbox/leads/"+leadID+"/convert", "application/json", rd)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]string
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func TestLeadConversionFieldsInDescribe(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, body := o.do(http.MethodGet, v+"/sobjects/Lead/describe", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var d struct {
		Fields []struct {
			Name        string   `json:"name"`
			Type        string   `json:"type"`
			Createable  bool     `json:"createable"`
			Updateable  bool     `json:"updateable"`
			Nillable    bool     `json:"nillable"`
			ReferenceTo []string `json:"referenceTo"`
		} `json:"fields"`
	}
	require.NoError(t, json.Unmarshal(body, &d))
	want := map[string]struct {
		typ      string
		to       []string
		nillable bool
	}{
		"IsConverted":        {"boolean", []string{}, false},
		"ConvertedAccountId": {"reference", []string{"Account"}, true},
		"ConvertedContactId": {"reference", []string{"Contact"}, true},
		"ConvertedDate":      {"date", []string{}, true},
	}
	found := 0
	for _, f := range d.Fields {
		w, ok := want[f.Name]
		if !ok {
			continue
		}
		found++
		assert.Equal(t, w.typ, f.Type, f.Name)
		assert.Equal(t, w.to, f.ReferenceTo, f.Name)
		assert.Equal(t, w.nillable, f.Nillable, f.Name)
		assert.False(t, f.Createable || f.Updateable, "%s is read-only", f.Name)
	}
	assert.Equal(t, len(want), found)
}

func TestLeadsAreUnconvertedUntilConverted(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, leadOrg())
	// lead1's seed row leaves IsConverted out: a checkbox is never null.
	resp, p := o.query("SELECT Id, IsConverted, ConvertedDate FROM Lead WHERE IsConverted = false ORDER BY Id")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
	assert.Equal(t, []string{lead1ID, lead2ID}, ids(p))
	assert.Equal(t, false, p.Records[0]["IsConverted"])
	assert.Nil(t, p.Records[0]["ConvertedDate"])

	resp, body := o.do(http.MethodPost, v+"/sobjects/Lead", map[string]any{"LastName": "New", "Company": "Startup"})
	require.Equal(t, http.StatusCreated, resp.StatusCode, string(body))
	_, p = o.query("SELECT Id FROM Lead WHERE IsConverted = false")
	assert.Equal(t, 3, p.TotalSize, "a new lead is not converted")

	resp, body = o.do(http.MethodPatch, v+"/sobjects/Lead/"+lead1ID, map[string]any{"IsConverted": true})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "only a conversion sets it")
	assert.Equal(t, "INVALID_FIELD_FOR_INSERT_UPDATE", decodeErrors(t, body)[0].ErrorCode)
}

func TestConvertLeadToNewAccount(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, leadOrg())
	o.clock.Advance(36 * time.Hour)
	o.token = o.login() // the first token has expired
	now := o.clock.Now().Format("2006-01-02T15:04:05.000+0000")

	status, got := convert(t, o, lead2ID, nil)
	require.Equal(t, http.StatusOK, status, got)
	assert.Regexp(t, `^003[0-9A-Za-z]{15}$`, got["contact_id"])
	assert.Regexp(t, `^001[0-9A-Za-z]{15}$`, got["account_id"])

	acc := getRecord(t, o, "Account", got["account_id"])
	assert.Equal(t, "Navy Labs", acc["Name"], "named after the lead's company")
	assert.Equal(t, agentID, acc["OwnerId"], "owned by the lead's owner")
	con := getRecord(t, o, "Contact", got["contact_id"])
	for k, want := range map[string]any{"FirstName": "Grace", "LastName": "Hopper", "Email": "grace@navy.test",
		"Phone": "+1 555 0100", "Title": "Rear Admiral", "AccountId": got["account_id"], "OwnerId": agentID, "CreatedDate": now} {
		assert.Equal(t, want, con[k], k)
	}

	lead := getRecord(t, o, "Lead", lead2ID)
	assert.Equal(t, true, lead["IsConverted"])
	assert.Equal(t, got["contact_id"], lead["ConvertedContactId"])
	assert.Equal(t, got["account_id"], lead["ConvertedAccountId"])
	assert.Equal(t, "2026-03-12", lead["ConvertedDate"], "the day it was converted: a date, not a datetime")
	assert.Equal(t, "Closed - Converted", lead["Status"])
	assert.Equal(t, now, lead["SystemModstamp"])
	assert.Equal(t, now, lead["LastModifiedDate"], "a person changed the lead")
	assert.Equal(t, "Grace Hopper", lead["Name"])

	_, p := o.query("SELECT Id, ConvertedContact.Email, ConvertedAccount.Name FROM Lead WHERE IsConverted = true")
	require.Equal(t, []string{lead2ID}, ids(p), string(p.raw))
	assert.Equal(t, "grace@navy.test", p.Records[0]["ConvertedContact"].(map[string]any)["Email"])
	assert.Equal(t, "Navy Labs", p.Records[0]["ConvertedAccount"].(map[string]any)["Name"])
	assert.Empty(t, o.srv.Stats().Snapshot().Writes, "a person's change, not the API client's")
}

func TestConvertLeadIntoExistingAccount(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, leadOrg())
	res, err := o.srv.ConvertLead(lead2ID[:15], globexID)
	require.NoError(t, err)
	assert.Equal(t, globexID, res.AccountID)
	assert.Equal(t, globexID, getRecord(t, o, "Contact", res.ContactID)["AccountId"])
	_, p := o.query("SELECT Id FROM Account")
	assert.Equal(t, 3, p.TotalSize, "no account was created")
	assert.Equal(t, globexID, getRecord(t, o, "Lead", lead2ID)["ConvertedAccountId"])
}

func TestConvertLeadRefusals(t *testing.T) {
	deletedLead := sfid.New(sfid.PrefixLead, 3)
	badEmail := sfid.New(sfid.PrefixLead, 4)
	data := leadOrg()
	data.Leads = append(data.Leads,
		rec(deletedLead, "2026-03-05T00:00:00Z", seed.Record{"LastName": "Gone", "Company": "Gone Inc", "Status": "Open - Not Contacted", "IsDeleted": true}),
		rec(badEmail, "2026-03-05T00:00:00Z", seed.Record{"LastName": "Typo", "Company": "Typo Inc", "Status": "Open - Not Contacted", "Email": "typo@"}))
	eveAccount := sfid.New(sfid.PrefixAccount, 9)
	data.Accounts = append(data.Accounts, rec(eveAccount, "2026-01-09T10:00:00Z", seed.Record{"Name": "Defunct", "IsDeleted": true}))

	tests := []struct {
		name   string
		lead   string
		body   any
		status int
		code   string
	}{
		{"unknown lead", sfid.New(sfid.PrefixLead, 99), nil, http.StatusNotFound, "NOT_FOUND"},
		{"not a lead id", annaID, nil, http.StatusBadRequest, "MALFORMED_ID"},
		{"malformed id", "00Qnope", nil, http.StatusBadRequest, "MALFORMED_ID"},
		{"deleted lead", deletedLead, nil, http.StatusBadRequest, "ENTITY_IS_DELETED"},
		{"unknown account", lead2ID, map[string]any{"account_id": sfid.New(sfid.PrefixAccount, 99)}, http.StatusBadRequest, "INVALID_CROSS_REFERENCE_KEY"},
		{"deleted account", lead2ID, map[string]any{"account_id": eveAccount}, http.StatusBadRequest, "ENTITY_IS_DELETED"},
		{"account id of a contact", lead2ID, map[string]any{"account_id": annaID}, http.StatusBadRequest, "FIELD_INTEGRITY_EXCEPTION"},
		{"contact fails validation", badEmail, nil, http.StatusBadRequest, "INVALID_EMAIL_ADDRESS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrg(t, salesforce.Config{}, data)
			status, got := convert(t, o, tt.lead, tt.body)
			assert.Equal(t, tt.status, status, got)
			assert.Equal(t, tt.code, got["errorCode"])
			assert.NotEmpty(t, got["error"])
			_, p := o.query("SELECT Id FROM Lead WHERE IsConverted = true")
			assert.Zero(t, p.TotalSize, "nothing converted")
			_, p = o.query("SELECT Id FROM Account")
			assert.Equal(t, 3, p.TotalSize, "a new account is rolled back")
			_, p = o.query("SELECT Id FROM Contact")
			assert.Equal(t, 4, p.TotalSize, "no contact was created")
		})
	}

	t.Run("bad bodies", func(t *testing.T) {
		o := newOrg(t, salesforce.Config{}, data)
		for _, body := range []string{`{"account_id":`, `{"accountId":"001"}`} {
			status, got := convert(t, o, lead2ID, body)
			assert.Equal(t, http.StatusBadRequest, status, body)
			assert.Contains(t, got["error"], "invalid body", body)
		}
		resp, err := http.Get(o.http.URL + "/_sandbox/leads/" + lead2ID + "/convert")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, "convert is a POST")
	})
}

func TestConvertedLeadIsReadOnly(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, leadOrg())
	_, err := o.srv.ConvertLead(lead2ID, "")
	require.NoError(t, err)

	status, got := convert(t, o, lead2ID, nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "CANNOT_UPDATE_CONVERTED_LEAD", got["errorCode"], "a lead converts once")

	resp, body := o.do(http.MethodPatch, v+"/sobjects/Lead/"+lead2ID, map[string]any{"Title": "Admiral"})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "CANNOT_UPDATE_CONVERTED_LEAD", decodeErrors(t, body)[0].ErrorCode)
	resp, res, body := updateCollection(t, o, false, typed("Lead", map[string]any{"Id": lead2ID, "Title": "Admiral"}))
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assertResults(t, res, nil, map[int]failure{0: {"CANNOT_UPDATE_CONVERTED_LEAD", []string{}}})
	assert.Equal(t, "Rear Admiral", getRecord(t, o, "Lead", lead2ID)["Title"])
}

func TestConvertedDateFilters(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, leadOrg())
	_, err := o.srv.ConvertLead(lead2ID, "")
	require.NoError(t, err)
	tests := []struct {
		soql string
		want []string
		code string
	}{
		{"SELECT Id FROM Lead WHERE ConvertedDate != NULL", []string{lead2ID}, ""},
		{"SELECT Id FROM Lead WHERE ConvertedDate = NULL", []string{lead1ID}, ""},
		{"SELECT Id FROM Lead ORDER BY ConvertedDate DESC NULLS LAST", []string{lead2ID, lead1ID}, ""},
		{"SELECT Id FROM Lead WHERE ConvertedDate = '2026-03-10'", nil, "INVALID_QUERY_FILTER_OPERATOR"},
		{"SELECT Id FROM Lead WHERE ConvertedDate > 2026-03-01T00:00:00Z", nil, "INVALID_QUERY_FILTER_OPERATOR"},
	}
	for _, tt := range tests {
		t.Run(tt.soql, func(t *testing.T) {
			resp, p := o.query(tt.soql)
			if tt.code != "" {
				require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(p.raw))
				errs := decodeErrors(t, p.raw)
				assert.Equal(t, tt.code, errs[0].ErrorCode)
				assert.Contains(t, errs[0].Message, "must be of type date")
				return
			}
			require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
			assert.Equal(t, tt.want, ids(p))
		})
	}
}
