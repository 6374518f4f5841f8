package salesforce_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

func createRecord(t *testing.T, o *org, obj string, fields map[string]any) (int, string, []byte) {
	t.Helper()
	resp, body := o.do(http.MethodPost, v+"/sobjects/"+obj, fields)
	var created struct{ ID string }
	if resp.StatusCode == http.StatusCreated {
		require.NoError(t, json.Unmarshal(body, &created))
	}
	return resp.StatusCode, created.ID, body
}

func TestCaseCommentCreate(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	status, id, body := createRecord(t, o, "CaseComment", map[string]any{"ParentId": case1ID, "CommentBody": "Hello from Zendesk"})
	require.Equal(t, http.StatusCreated, status, string(body))
	assert.Regexp(t, `^00a[0-9A-Za-z]{15}$`, id)
	r := getRecord(t, o, "CaseComment", id)
	assert.Equal(t, case1ID, r["ParentId"])
	assert.Equal(t, "Hello from Zendesk", r["CommentBody"])
	assert.Equal(t, false, r["IsPublished"], "comments are internal unless published")
	assert.Equal(t, false, r["IsNotificationSelected"])
	assert.Equal(t, ownerID, r["CreatedById"], "the API user writes it")
	assert.Equal(t, false, r["IsDeleted"])
	assert.Equal(t, "2026-03-10T12:00:00.000+0000", r["CreatedDate"])
	assert.Equal(t, r["CreatedDate"], r["SystemModstamp"])
	assert.Equal(t, r["CreatedDate"], r["LastModifiedDate"])
	assert.NotContains(t, r, "OwnerId", "a comment has no owner")

	o.clock.Advance(time.Minute)
	resp, body := o.do(http.MethodPatch, v+"/sobjects/CaseComment/"+id, map[string]any{"IsPublished": true})
	require.Equal(t, http.StatusNoContent, resp.StatusCode, string(body))
	r = getRecord(t, o, "CaseComment", id)
	assert.Equal(t, true, r["IsPublished"])
	assert.Equal(t, "2026-03-10T12:01:00.000+0000", r["SystemModstamp"])
}

func TestCaseCommentValidation(t *testing.T) {
	// お is three bytes: 1334 of them are 4002 bytes but 1334 characters.
	tooLong := strings.Repeat("お", 1334)
	cases := []struct {
		name   string
		method string
		path   string
		body   map[string]any
		code   string
		fields []string
	}{
		{"parent required", http.MethodPost, "/sobjects/CaseComment", map[string]any{"CommentBody": "x"}, "REQUIRED_FIELD_MISSING", []string{"ParentId"}},
		{"parent must be a case", http.MethodPost, "/sobjects/CaseComment", map[string]any{"ParentId": annaID, "CommentBody": "x"}, "FIELD_INTEGRITY_EXCEPTION", []string{"ParentId"}},
		{"parent must exist", http.MethodPost, "/sobjects/CaseComment", map[string]any{"ParentId": sfid.New(sfid.PrefixCase, 99), "CommentBody": "x"}, "INVALID_CROSS_REFERENCE_KEY", []string{"ParentId"}},
		{"body limit is in bytes", http.MethodPost, "/sobjects/CaseComment", map[string]any{"ParentId": case1ID, "CommentBody": tooLong}, "STRING_TOO_LONG", []string{"CommentBody"}},
		{"no custom fields", http.MethodPost, "/sobjects/CaseComment", map[string]any{"ParentId": case1ID, "Zendesk_Comment_Id__c": "1"}, "INVALID_FIELD", nil},
		{"author is read-only", http.MethodPost, "/sobjects/CaseComment", map[string]any{"ParentId": case1ID, "CreatedById": agentID}, "INVALID_FIELD_FOR_INSERT_UPDATE", []string{"CreatedById"}},
		{"parent never moves", http.MethodPatch, "/sobjects/CaseComment/" + note1ID, map[string]any{"ParentId": case2ID}, "INVALID_FIELD_FOR_INSERT_UPDATE", []string{"ParentId"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrg(t, salesforce.Config{}, smallOrg())
			resp, body := o.do(tc.method, v+tc.path, tc.body)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, string(body))
			errs := decodeErrors(t, body)
			assert.Equal(t, tc.code, errs[0].ErrorCode, string(body))
			if tc.fields != nil {
				assert.Equal(t, tc.fields, errs[0].Fields)
			}
			assert.Zero(t, o.srv.Stats().Snapshot().Writes["CaseComment"], "nothing was written")
		})
	}

	o := newOrg(t, salesforce.Config{}, smallOrg())
	status, _, body := createRecord(t, o, "CaseComment", map[string]any{"ParentId": case1ID, "CommentBody": strings.Repeat("お", 1333) + "a"})
	assert.Equal(t, http.StatusCreated, status, "exactly 4000 bytes fit: %s", body)
}

func TestCaseCommentDescribe(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, body := o.do(http.MethodGet, v+"/sobjects/CaseComment/describe", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var d struct {
		Fields []struct {
			Name        string   `json:"name"`
			Type        string   `json:"type"`
			Length      int      `json:"length"`
			Custom      bool     `json:"custom"`
			Createable  bool     `json:"createable"`
			Updateable  bool     `json:"updateable"`
			Nillable    bool     `json:"nillable"`
			ReferenceTo []string `json:"referenceTo"`
		} `json:"fields"`
	}
	require.NoError(t, json.Unmarshal(body, &d))
	var names []string
	for _, f := range d.Fields {
		names = append(names, f.Name)
		assert.False(t, f.Custom, "%s: CaseComment has no custom fields", f.Name)
		switch f.Name {
		case "ParentId":
			assert.Equal(t, []string{"Case"}, f.ReferenceTo)
			assert.True(t, f.Createable)
			assert.False(t, f.Updateable)
			assert.False(t, f.Nillable)
		case "CommentBody":
			assert.Equal(t, "textarea", f.Type)
			assert.Equal(t, 4000, f.Length)
		case "CreatedById":
			assert.Equal(t, []string{"User"}, f.ReferenceTo)
			assert.False(t, f.Createable)
		}
	}
	assert.ElementsMatch(t, []string{"Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp",
		"ParentId", "CommentBody", "IsPublished", "IsNotificationSelected", "CreatedById"}, names)

	assert.PanicsWithValue(t, "salesforce sandbox: custom field CaseComment.Zendesk_Comment_Id__c: object CaseComment takes no custom fields", func() {
		salesforce.New(salesforce.Config{CustomFields: []salesforce.FieldDef{
			{Object: "CaseComment", Name: "Zendesk_Comment_Id__c", Type: "string", Length: 40, ExternalID: true}}}, smallOrg())
	})
}

func TestCaseCommentQueries(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	resp, p := o.query("SELECT Id, ParentId, CommentBody, IsPublished, CreatedById, CreatedBy.Email FROM CaseComment WHERE ParentId IN ('" +
		case1ID + "', '" + case2ID + "') AND SystemModstamp >= 2026-03-01T02:00:00Z ORDER BY SystemModstamp")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
	assert.Equal(t, []string{note2ID, note3ID}, ids(p))
	assert.Equal(t, ownerID, p.Records[0]["CreatedById"], "a seeded comment without an author is the running user's")
	assert.Equal(t, "agent@example.com", p.Records[1]["CreatedBy"].(map[string]any)["Email"])

	resp, p = o.query("SELECT Id FROM CaseComment WHERE ParentId = '" + case1ID + "' AND IsPublished = true")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(p.raw))
	assert.Equal(t, []string{note2ID}, ids(p))

	// Deleting the case takes its comments with it.
	o.clock.Advance(time.Hour)
	resp, _ = o.do(http.MethodDelete, v+"/sobjects/Case/"+case1ID, nil)
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	_, p = o.query("SELECT Id FROM CaseComment")
	assert.Equal(t, []string{note3ID}, ids(p))
	resp, body := o.do(http.MethodGet, v+"/queryAll?q="+url.QueryEscape("SELECT Id, IsDeleted, SystemModstamp FROM CaseComment WHERE IsDeleted = true ORDER BY Id"), nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var all page
	require.NoError(t, json.Unmarshal(body, &all))
	assert.Equal(t, []string{note1ID, note2ID}, ids(all))
	assert.Equal(t, "2026-03-10T13:00:00.000+0000", all.Records[0]["SystemModstamp"])
}
