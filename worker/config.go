package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"

	"github.com/kelseyhightower/envconfig"

	"github.com/crmsync/crmsync/codec"
)

// config is the worker's environment. Every default points at the sandbox
// (go run ./sandbox), so a bare `go run ./worker` syncs it.
type config struct {
	TemporalAddress   string `envconfig:"TEMPORAL_ADDRESS" default:"127.0.0.1:7233"`
	TemporalNamespace string `envconfig:"TEMPORAL_NAMESPACE" default:"default"`
	TaskQueue         string `envconfig:"CRMSYNC_TASK_QUEUE" default:"crmsync"`

	ZendeskURL        string `envconfig:"ZENDESK_URL" default:"http://127.0.0.1:8801"`
	ZendeskEmail      string `envconfig:"ZENDESK_EMAIL" default:"admin@example.com"`
	ZendeskAPIToken   string `envconfig:"ZENDESK_API_TOKEN" default:"sandbox-token"`
	ZendeskOAuthToken string `envconfig:"ZENDESK_OAUTH_TOKEN"`

	SalesforceLoginURL       string `envconfig:"SALESFORCE_LOGIN_URL" default:"http://127.0.0.1:8802"`
	SalesforceClientID       string `envconfig:"SALESFORCE_CLIENT_ID" default:"sandbox-client"`
	SalesforceClientSecret   string `envconfig:"SALESFORCE_CLIENT_SECRET" default:"sandbox-secret"`
	SalesforceUsername       string `envconfig:"SALESFORCE_USERNAME"`
	SalesforcePrivateKeyFile string `envconfig:"SALESFORCE_PRIVATE_KEY_FILE"`

	Store   string `envconfig:"CRMSYNC_STORE"`
	Mapping string `envconfig:"CRMSYNC_MAPPING"`

	// Keys encrypt payloads when CRMSYNC_ENCRYPTION_KEY is set; parsed by
	// codec so that no raw key string sits in the config.
	Keys []codec.Key `ignored:"true"`
}

// loadConfig reads the environment and checks what can be checked without
// the network. Errors name the variable.
func loadConfig() (*config, error) {
	var c config
	if err := envconfig.Process("", &c); err != nil {
		return nil, fmt.Errorf("read environment: %w", err)
	}
	for name, v := range map[string]string{"ZENDESK_URL": c.ZendeskURL, "SALESFORCE_LOGIN_URL": c.SalesforceLoginURL} {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s=%q: want an http(s) URL", name, v)
		}
	}
	if c.ZendeskOAuthToken == "" && (c.ZendeskEmail == "" || c.ZendeskAPIToken == "") {
		return nil, errors.New("Zendesk credentials: set ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL with ZENDESK_API_TOKEN")
	}
	if c.SalesforceClientID == "" {
		return nil, errors.New("SALESFORCE_CLIENT_ID is empty")
	}
	if c.SalesforcePrivateKeyFile != "" {
		if c.SalesforceUsername == "" {
			return nil, errors.New("SALESFORCE_PRIVATE_KEY_FILE is set: the JWT flow also needs SALESFORCE_USERNAME")
		}
		if _, err := os.Stat(c.SalesforcePrivateKeyFile); err != nil {
			return nil, fmt.Errorf("SALESFORCE_PRIVATE_KEY_FILE: %w", err)
		}
	} else if c.SalesforceClientSecret == "" {
		return nil, errors.New("Salesforce credentials: set SALESFORCE_CLIENT_SECRET, or SALESFORCE_USERNAME with SALESFORCE_PRIVATE_KEY_FILE")
	}
	keys, err := codec.KeysFromEnv()
	if err != nil {
		return nil, err
	}
	c.Keys = keys
	return &c, nil
}
