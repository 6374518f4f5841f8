package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadConfigDefaultsPointAtTheSandbox(t *testing.T) {
	c, err := loadConfig()
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:7233", c.TemporalAddress)
	assert.Equal(t, "crmsync", c.TaskQueue)
	assert.Equal(t, "http://127.0.0.1:8801", c.ZendeskURL)
	assert.Equal(t, "http://127.0.0.1:8802", c.SalesforceLoginURL)
	assert.Equal(t, 15*time.Minute, c.DailyLimitWait)
	assert.Empty(t, c.Keys, "encryption is off by default")
}

func TestLoadConfigNamesTheBadVariable(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"ZENDESK_URL": "acme.zendesk.com"}, "ZENDESK_URL"},
		{map[string]string{"SALESFORCE_LOGIN_URL": "ftp://x"}, "SALESFORCE_LOGIN_URL"},
		{map[string]string{"ZENDESK_API_TOKEN": "", "ZENDESK_OAUTH_TOKEN": ""}, "ZENDESK_OAUTH_TOKEN"},
		{map[string]string{"SALESFORCE_CLIENT_ID": ""}, "SALESFORCE_CLIENT_ID"},
		{map[string]string{"SALESFORCE_CLIENT_SECRET": ""}, "SALESFORCE_CLIENT_SECRET"},
		{map[string]string{"SALESFORCE_PRIVATE_KEY_FILE": "/nonexistent/key.pem"}, "SALESFORCE_USERNAME"},
		{map[string]string{"SALESFORCE_PRIVATE_KEY_FILE": "/nonexistent/key.pem", "SALESFORCE_USERNAME": "u@x"}, "SALESFORCE_PRIVATE_KEY_FILE"},
		{map[string]string{"ZENDESK_REQUESTS_PER_MINUTE": "-5"}, "ZENDESK_REQUESTS_PER_MINUTE"},
		{map[string]string{"ZENDESK_REQUESTS_PER_MINUTE": "lots"}, "ZENDESK_REQUESTS_PER_MINUTE"},
		{map[string]string{"CRMSYNC_DAILY_LIMIT_WAIT": "500ms"}, "CRMSYNC_DAILY_LIMIT_WAIT"},
		{map[string]string{"CRMSYNC_JOBS_IN_FLIGHT": "99"}, "CRMSYNC_JOBS_IN_FLIGHT"},
		{map[string]string{"CRMSYNC_ENCRYPTION_KEY": "no-colon-here"}, "CRMSYNC_ENCRYPTION_KEY"},
		{map[string]string{"CRMSYNC_TASK_QUEUE": `crm"sync`}, "CRMSYNC_TASK_QUEUE"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := loadConfig()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}
