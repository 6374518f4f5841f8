package zendesk

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientValidatesConfig(t *testing.T) {
	good := Config{BaseURL: "https://acme.zendesk.com", Email: "a@b.c", APIToken: "tok"}
	tests := []struct {
		name    string
		mutate  func(*Config)
		wantErr string
	}{
		{"api token", func(*Config) {}, ""},
		{"oauth", func(c *Config) { c.Email, c.APIToken, c.OAuthToken = "", "", "oauth" }, ""},
		{"trailing slash", func(c *Config) { c.BaseURL += "/" }, ""},
		{"sandbox http", func(c *Config) { c.BaseURL = "http://127.0.0.1:8801" }, ""},
		{"missing url", func(c *Config) { c.BaseURL = " " }, "BaseURL is required"},
		{"bad scheme", func(c *Config) { c.BaseURL = "ftp://acme" }, "scheme must be http or https"},
		{"no host", func(c *Config) { c.BaseURL = "https://" }, "host is missing"},
		{"unparsable", func(c *Config) { c.BaseURL = "https://acme\x7f.com" }, "BaseURL"},
		{"credentials in url", func(c *Config) { c.BaseURL = "https://u:p@acme.zendesk.com" }, "must not contain credentials"},
		{"query in url", func(c *Config) { c.BaseURL = "https://acme.zendesk.com?x=1" }, "query or fragment"},
		{"api path", func(c *Config) { c.BaseURL = "https://acme.zendesk.com/api/v2/" }, "without /api/v2"},
		{"no credentials", func(c *Config) { c.Email, c.APIToken = "", "" }, "no credentials"},
		{"token without email", func(c *Config) { c.Email = "" }, "APIToken needs Email"},
		{"email without token", func(c *Config) { c.APIToken = "" }, "Email needs APIToken"},
		{"both methods", func(c *Config) { c.OAuthToken = "oauth" }, "not both"},
		{"negative timeout", func(c *Config) { c.Timeout = -time.Second }, "Timeout"},
		{"negative budget", func(c *Config) { c.RequestsPerMinute = -1 }, "RequestsPerMinute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.mutate(&cfg)
			c, err := NewClient(cfg)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.NotNil(t, c)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Nil(t, c)
		})
	}
}

func TestConfigFormattingRedactsSecrets(t *testing.T) {
	cfg := Config{BaseURL: "https://acme.zendesk.com", Email: "a@b.c", APIToken: "tok-123", OAuthToken: "oauth-456"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, cfg)
		assert.NotContains(t, out, "tok-123", verb)
		assert.NotContains(t, out, "oauth-456", verb)
		assert.Contains(t, out, "a@b.c", verb)
	}
}
