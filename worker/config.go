package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/kelseyhightower/envconfig"

	"github.com/crmsync/crmsync/codec"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
)

// config is the worker's environment. Every default points at the sandbox
// (go run ./sandbox), so a bare `go run ./worker` syncs it.
type config struct {
	TemporalAddress   string `envconfig:"TEMPORAL_ADDRESS" default:"127.0.0.1:7233" desc:"Temporal frontend host:port"`
	TemporalNamespace string `envconfig:"TEMPORAL_NAMESPACE" default:"default" desc:"Temporal namespace"`
	TaskQueue         string `envconfig:"CRMSYNC_TASK_QUEUE" desc:"task queue (the starter reads it too); unset: crmsync, or crmsync-<instance>"`
	// Instance names one Salesforce org / Zendesk account pair among those
	// sharing the namespace and the store: its store partition, task queue,
	// workflow and schedule ids.
	Instance string `envconfig:"CRMSYNC_INSTANCE" default:"default" desc:"this pair's name: store partition and default task queue (a-z 0-9 - _, up to 40)"`

	ZendeskURL        string `envconfig:"ZENDESK_URL" default:"http://127.0.0.1:8801" desc:"Zendesk base URL, e.g. https://acme.zendesk.com"`
	ZendeskEmail      string `envconfig:"ZENDESK_EMAIL" default:"admin@example.com" desc:"API-token user"`
	ZendeskAPIToken   string `envconfig:"ZENDESK_API_TOKEN" default:"sandbox-token" desc:"API token: Basic {email}/token:{token}"`
	ZendeskOAuthToken string `envconfig:"ZENDESK_OAUTH_TOKEN" desc:"OAuth Bearer token; used instead of the API token when set"`

	SalesforceLoginURL       string `envconfig:"SALESFORCE_LOGIN_URL" default:"http://127.0.0.1:8802" desc:"login URL, e.g. https://login.salesforce.com"`
	SalesforceClientID       string `envconfig:"SALESFORCE_CLIENT_ID" default:"sandbox-client" desc:"connected app consumer key"`
	SalesforceClientSecret   string `envconfig:"SALESFORCE_CLIENT_SECRET" default:"sandbox-secret" desc:"consumer secret: client-credentials flow"`
	SalesforceUsername       string `envconfig:"SALESFORCE_USERNAME" desc:"JWT bearer flow: the integration user"`
	SalesforcePrivateKeyFile string `envconfig:"SALESFORCE_PRIVATE_KEY_FILE" desc:"JWT bearer flow: PEM RSA key (takes precedence over the secret)"`

	Store   string `envconfig:"CRMSYNC_STORE" desc:"state store: SQLite path or postgres://...; unset: .crmsync/state.db"`
	Mapping string `envconfig:"CRMSYNC_MAPPING" desc:"YAML or JSON mapping file; unset: the built-in mapping"`

	// Pacing: each worker's own request budget per service (0 = only the
	// servers' limit headers pace it), and the cap on page activities per
	// second across every worker of the task queue.
	ZendeskRPM       int           `envconfig:"ZENDESK_REQUESTS_PER_MINUTE" default:"0" desc:"this worker's Zendesk budget; 0: paced by the rate-limit headers only"`
	SalesforceRPM    int           `envconfig:"SALESFORCE_REQUESTS_PER_MINUTE" default:"0" desc:"this worker's Salesforce budget; 0: paced by Sforce-Limit-Info only"`
	ActivitiesPerSec float64       `envconfig:"CRMSYNC_ACTIVITIES_PER_SECOND" default:"0" desc:"page activities per second across the task queue's workers; 0: no cap"`
	DailyLimitWait   time.Duration `envconfig:"CRMSYNC_DAILY_LIMIT_WAIT" default:"15m" desc:"pause after Salesforce's REQUEST_LIMIT_EXCEEDED"`
	JobsInFlight     int           `envconfig:"CRMSYNC_JOBS_IN_FLIGHT" default:"20" desc:"Zendesk bulk jobs a page keeps queued (1 to 30)"`

	Observability

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
	if err := store.ValidateInstance(c.Instance); err != nil {
		return nil, fmt.Errorf("CRMSYNC_INSTANCE: %w", err)
	}
	if c.TaskQueue == "" {
		c.TaskQueue = workflows.TaskQueueFor(c.Instance)
	}
	if err := workflows.ValidateTaskQueue(c.TaskQueue); err != nil {
		return nil, fmt.Errorf("CRMSYNC_TASK_QUEUE=%q: %w", c.TaskQueue, err)
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
	switch {
	case c.ZendeskRPM < 0:
		return nil, fmt.Errorf("ZENDESK_REQUESTS_PER_MINUTE=%d: want 0 (no budget) or more", c.ZendeskRPM)
	case c.SalesforceRPM < 0:
		return nil, fmt.Errorf("SALESFORCE_REQUESTS_PER_MINUTE=%d: want 0 (no budget) or more", c.SalesforceRPM)
	case c.ActivitiesPerSec < 0:
		return nil, fmt.Errorf("CRMSYNC_ACTIVITIES_PER_SECOND=%v: want 0 (no cap) or more", c.ActivitiesPerSec)
	case c.DailyLimitWait < time.Second:
		return nil, fmt.Errorf("CRMSYNC_DAILY_LIMIT_WAIT=%s: want at least 1s", c.DailyLimitWait)
	case c.JobsInFlight < 1 || c.JobsInFlight > 30:
		return nil, fmt.Errorf("CRMSYNC_JOBS_IN_FLIGHT=%d: want 1 to 30 (Zendesk queues at most about 30 jobs per account)", c.JobsInFlight)
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
