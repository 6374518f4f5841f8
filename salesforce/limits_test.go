package salesforce

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLimits(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"DailyApiRequests":{"Max":15000,"Remaining":14982,"Ant Migration Tool":{"Max":0,"Remaining":0}},
		"DailyBulkV2QueryJobs":{"Max":10000,"Remaining":10000}}`))
	c := org.client(t)
	assert.True(t, c.LimitInfo().Observed.IsZero())

	before := time.Now()
	lim, err := c.Limits(context.Background())
	require.NoError(t, err)
	assert.Equal(t, Limit{Max: 15000, Remaining: 14982}, lim.DailyAPIRequests)
	assert.Equal(t, Limit{Max: 10000, Remaining: 10000}, lim.ByName["DailyBulkV2QueryJobs"])
	req, _ := org.lastRequest(t)
	assert.Equal(t, "/services/data/v62.0/limits/", req.URL.Path)

	info := c.LimitInfo()
	assert.Equal(t, 18, info.Used)
	assert.Equal(t, 15000, info.Max)
	assert.False(t, info.Observed.Before(before))
}

func TestParseLimitInfo(t *testing.T) {
	tests := []struct {
		header      string
		used, limit int
		ok          bool
	}{
		{"api-usage=18/15000", 18, 15000, true},
		{"per-app-api-usage=1/10(appName=x), api-usage=25/100000", 25, 100000, true},
		{"api-usage= 7 / 9 ", 7, 9, true},
		{"", 0, 0, false},
		{"api-usage=abc/100", 0, 0, false},
		{"api-usage=5", 0, 0, false},
		{"api-usage=5/0", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			used, limit, ok := parseLimitInfo(tt.header)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.used, used)
			assert.Equal(t, tt.limit, limit)
		})
	}
}

func TestLimitInfoSurvivesErrorsAndBadHeaders(t *testing.T) {
	var tr limitTracker
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tr.observe("api-usage=1/10", at)
	tr.observe("garbage", at.Add(time.Minute))
	assert.Equal(t, LimitInfo{Used: 1, Max: 10, Observed: at}, tr.get())
}
