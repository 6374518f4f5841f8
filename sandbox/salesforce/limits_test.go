package salesforce_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
)

func TestLimitInfoHeaderAndLimitsResource(t *testing.T) {
	o := newOrg(t, salesforce.Config{DailyLimit: 500}, smallOrg())
	for i := 1; i <= 3; i++ {
		resp, _ := o.do(http.MethodGet, v+"/sobjects/Contact/"+annaID, nil)
		assert.Equal(t, "api-usage="+itoa(i)+"/500", resp.Header.Get("Sforce-Limit-Info"))
	}
	resp, body := o.do(http.MethodGet, v+"/limits/", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var limits map[string]struct{ Max, Remaining int }
	require.NoError(t, json.Unmarshal(body, &limits))
	assert.Equal(t, 500, limits["DailyApiRequests"].Max)
	assert.Equal(t, 496, limits["DailyApiRequests"].Remaining)
	// Errors carry the header too.
	resp, _ = o.do(http.MethodGet, v+"/sobjects/Contact/0035g000000000zAAA", nil)
	assert.Equal(t, "api-usage=5/500", resp.Header.Get("Sforce-Limit-Info"))
}

func TestDailyLimitExhaustsAndRecoversOverRollingWindow(t *testing.T) {
	o := newOrg(t, salesforce.Config{DailyLimit: 3, LimitWindow: time.Minute}, smallOrg())
	for i := 0; i < 3; i++ {
		resp, _ := o.do(http.MethodGet, v+"/limits", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		o.clock.Advance(10 * time.Second)
	}
	resp, body := o.do(http.MethodGet, v+"/limits", nil)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.JSONEq(t, `[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]`, string(body))
	assert.Equal(t, "api-usage=3/3", resp.Header.Get("Sforce-Limit-Info"))
	assert.Equal(t, int64(1), o.srv.Stats().Snapshot().RateLimited)

	// The first request leaves the window 60 s after it was made.
	o.clock.Advance(31 * time.Second)
	resp, _ = o.do(http.MethodGet, v+"/limits", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	resp, _ = o.do(http.MethodGet, v+"/limits", nil)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
}

func TestStormAnswersRequestLimitExceeded(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	r, err := http.Post(o.http.URL+"/_sandbox/storm?seconds=30", "", nil)
	require.NoError(t, err)
	r.Body.Close()
	resp, body := o.do(http.MethodGet, v+"/limits", nil)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.Equal(t, "REQUEST_LIMIT_EXCEEDED", decodeErrors(t, body)[0].ErrorCode)
	o.clock.Advance(31 * time.Second)
	resp, _ = o.do(http.MethodGet, v+"/limits", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestVersions(t *testing.T) {
	o := newOrg(t, salesforce.Config{}, smallOrg())
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/services/data/v46.0/limits", http.StatusOK},
		{"/services/data/v66.0/limits", http.StatusOK},
		{"/services/data/v45.0/limits", http.StatusNotFound},
		{"/services/data/v20.0/query?q=SELECT+Id+FROM+Contact", http.StatusNotFound},
		{"/services/data/latest/limits", http.StatusNotFound},
		{"/services/data/v62.0/nothing", http.StatusNotFound},
	} {
		resp, body := o.do(http.MethodGet, tc.path, nil)
		assert.Equal(t, tc.status, resp.StatusCode, tc.path)
		if tc.status == http.StatusNotFound {
			assert.JSONEq(t, `[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]`, string(body))
		}
	}
	resp, err := http.Get(o.http.URL + "/services/data/")
	require.NoError(t, err)
	defer resp.Body.Close()
	var versions []map[string]string
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&versions))
	require.NotEmpty(t, versions)
	assert.Equal(t, map[string]string{"label": "Summer '19", "url": "/services/data/v46.0", "version": "46.0"}, versions[0])
	assert.Equal(t, "Spring '26", versions[len(versions)-1]["label"])
}
