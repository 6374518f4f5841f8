package salesforce_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
)

func TestGetUpdatedAndDeleted(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	start := o.clock.Now()
	o.clock.Advance(90 * time.Second)
	resp, _ := o.do(http.MethodPatch, v+"/sobjects/Contact/"+bobID, map[string]any{"Title": "Moved"})
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	resp, _ = o.do(http.MethodDelete, v+"/sobjects/Contact/"+danID, nil)
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	o.clock.Advance(5 * time.Minute)

	window := "?start=" + url.QueryEscape(start.Format(time.RFC3339)) + "&end=" + url.QueryEscape(o.clock.Now().Add(time.Hour).Format(time.RFC3339))
	resp, body := o.do(http.MethodGet, v+"/sobjects/Contact/updated/"+window, nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var upd struct {
		IDs               []string `json:"ids"`
		LatestDateCovered string   `json:"latestDateCovered"`
	}
	require.NoError(t, json.Unmarshal(body, &upd))
	assert.Equal(t, []string{bobID}, upd.IDs)
	assert.Equal(t, "2026-03-10T12:06:00.000+0000", upd.LatestDateCovered, "capped at now, rounded to the minute")

	resp, body = o.do(http.MethodGet, v+"/sobjects/Contact/deleted/"+window, nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var del struct {
		DeletedRecords []struct {
			ID          string `json:"id"`
			DeletedDate string `json:"deletedDate"`
		} `json:"deletedRecords"`
		EarliestDateAvailable string `json:"earliestDateAvailable"`
		LatestDateCovered     string `json:"latestDateCovered"`
	}
	require.NoError(t, json.Unmarshal(body, &del))
	require.Len(t, del.DeletedRecords, 1)
	assert.Equal(t, danID, del.DeletedRecords[0].ID)
	assert.Equal(t, "2026-03-10T12:01:30.000+0000", del.DeletedRecords[0].DeletedDate)
	assert.NotEmpty(t, del.EarliestDateAvailable)
	assert.Equal(t, upd.LatestDateCovered, del.LatestDateCovered)

	old := "?start=" + url.QueryEscape(o.clock.Now().Add(-20*24*time.Hour).Format(time.RFC3339)) + "&end=" + url.QueryEscape(o.clock.Now().Format(time.RFC3339))
	resp, _ = o.do(http.MethodGet, v+"/sobjects/Contact/updated/"+old, nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "20 days back is fine for updated")
	for _, tc := range []struct{ path, code string }{
		{"/sobjects/Contact/deleted/" + old, "INVALID_REPLICATION_DATE"},
		{"/sobjects/Contact/updated/?start=" + url.QueryEscape(o.clock.Now().Add(-31*24*time.Hour).Format(time.RFC3339)) + "&end=" + url.QueryEscape(o.clock.Now().Format(time.RFC3339)), "INVALID_REPLICATION_DATE"},
		{"/sobjects/Contact/updated/?start=" + url.QueryEscape(o.clock.Now().Format(time.RFC3339)) + "&end=" + url.QueryEscape(o.clock.Now().Add(-time.Hour).Format(time.RFC3339)), "INVALID_REPLICATION_DATE"},
		{"/sobjects/Contact/updated/?start=yesterday&end=today", "INVALID_REPLICATION_DATE"},
		{"/sobjects/Contact/updated/", "MISSING_ARGUMENT"},
	} {
		resp, body := o.do(http.MethodGet, v+tc.path, nil)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, tc.path)
		assert.Equal(t, tc.code, decodeErrors(t, body)[0].ErrorCode, tc.path)
	}
}
