package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/pacing"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/telemetry"
	"github.com/crmsync/crmsync/zendesk"
)

// build makes the activities' clients from the config and checks, before
// the worker takes any task, that the credentials work and the mapping fits
// the org: a run-level mistake stops the worker here, naming it.
func build(ctx context.Context, c *config, metrics *telemetry.Metrics) (*activities.Activities, func(), error) {
	m, err := pairs.Mapping(c.Mapping)
	if err != nil {
		return nil, nil, fmt.Errorf("CRMSYNC_MAPPING: %w", err)
	}
	sfCfg := salesforce.Config{
		LoginURL: c.SalesforceLoginURL, ClientID: c.SalesforceClientID,
		ClientSecret: c.SalesforceClientSecret, Username: c.SalesforceUsername,
		RequestsPerMinute: c.SalesforceRPM, OnPacingWait: metrics.PacingWait("salesforce"),
	}
	if c.SalesforcePrivateKeyFile != "" {
		pem, err := os.ReadFile(c.SalesforcePrivateKeyFile)
		if err != nil {
			return nil, nil, fmt.Errorf("SALESFORCE_PRIVATE_KEY_FILE: %w", err)
		}
		sfCfg.PrivateKeyPEM, sfCfg.ClientSecret = pem, ""
	}
	sf, err := salesforce.NewClient(sfCfg)
	if err != nil {
		return nil, nil, fmt.Errorf("salesforce config: %w", err)
	}
	zdCfg := zendesk.Config{BaseURL: c.ZendeskURL, Email: c.ZendeskEmail, APIToken: c.ZendeskAPIToken, RequestsPerMinute: c.ZendeskRPM}
	if c.ZendeskOAuthToken != "" {
		// The OAuth token takes precedence over the default API token.
		zdCfg = zendesk.Config{BaseURL: c.ZendeskURL, OAuthToken: c.ZendeskOAuthToken, RequestsPerMinute: c.ZendeskRPM}
	}
	zdCfg.OnPacingWait = metrics.PacingWait("zendesk")
	zd, err := zendesk.NewClient(zdCfg)
	if err != nil {
		return nil, nil, fmt.Errorf("zendesk config: %w", err)
	}
	st, err := store.Open(ctx, c.Store, store.WithInstance(c.Instance))
	if err != nil {
		return nil, nil, fmt.Errorf("CRMSYNC_STORE: %w", err)
	}
	opts := activities.DefaultOptions()
	opts.DailyLimitWait, opts.JobsInFlight = c.DailyLimitWait, c.JobsInFlight
	a := &activities.Activities{Salesforce: sf, Zendesk: zd, Store: st, Mapping: m, Options: opts}
	if err := checkPatiently(ctx, a, func(err error) error { return explainCheck(c, err) }); err != nil {
		_ = st.Close()
		return nil, nil, err
	}
	return a, func() { _ = st.Close() }, nil
}

// checkPatiently runs the start-up check, waiting out throttling and
// passing outages: only a refusal that a person must fix (credentials,
// mapping, filter) or a deadline stops the worker. explain names the
// setting behind an error.
func checkPatiently(ctx context.Context, a *activities.Activities, explain func(error) error) error {
	wait := time.Second
	for {
		err := a.Check(ctx)
		if err == nil {
			return nil
		}
		err = explain(err)
		if !(zendesk.IsRetryable(err) || salesforce.IsRetryable(err)) {
			return err
		}
		fmt.Fprintf(os.Stderr, "crmsync worker: start-up check: %v; retrying in %s\n", err, wait)
		if serr := pacing.Sleep(ctx, wait); serr != nil {
			return fmt.Errorf("start-up check: gave up waiting (%w); last error: %w", serr, err)
		}
		wait = min(2*wait, 30*time.Second)
	}
}
