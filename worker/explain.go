package main

import (
	"errors"
	"fmt"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

// explainCheck names the variables behind a start-up refusal, so that the
// operator knows which one to fix. It names them, never their values: the
// servers' own reasons, kept whole, carry no secret either.
func explainCheck(c *config, err error) error {
	var ce *activities.CheckError
	if !errors.As(err, &ce) {
		return err
	}
	switch ce.Part {
	case activities.CheckZendeskLogin:
		var unauthorized *zendesk.UnauthorizedError
		var forbidden *zendesk.ForbiddenError
		if errors.As(ce.Err, &unauthorized) || errors.As(ce.Err, &forbidden) {
			return fmt.Errorf("Zendesk at %s refused %s: %w", c.ZendeskURL, zendeskCredentialVars(c), ce.Err)
		}
		return fmt.Errorf("ZENDESK_URL=%s: %w", c.ZendeskURL, ce.Err)
	case activities.CheckSalesforceLogin:
		var unauthorized *salesforce.UnauthorizedError
		if errors.As(ce.Err, &unauthorized) {
			return fmt.Errorf("Salesforce at %s refused %s: %w", c.SalesforceLoginURL, salesforceCredentialVars(c), ce.Err)
		}
		return fmt.Errorf("SALESFORCE_LOGIN_URL=%s: %w", c.SalesforceLoginURL, ce.Err)
	case activities.CheckMapping:
		if c.Mapping == "" {
			return fmt.Errorf("the built-in mapping (CRMSYNC_MAPPING is unset) does not fit the org: %w", ce.Err)
		}
		return fmt.Errorf("CRMSYNC_MAPPING=%s does not fit the org: %w", c.Mapping, ce.Err)
	}
	return err
}

// zendeskCredentialVars are the variables of the credentials in use: the
// OAuth token takes precedence over the API token.
func zendeskCredentialVars(c *config) string {
	if c.ZendeskOAuthToken != "" {
		return "ZENDESK_OAUTH_TOKEN"
	}
	return "ZENDESK_EMAIL/ZENDESK_API_TOKEN"
}

// salesforceCredentialVars are the variables of the flow in use: a private
// key selects the JWT bearer flow over the client secret.
func salesforceCredentialVars(c *config) string {
	if c.SalesforcePrivateKeyFile != "" {
		return "SALESFORCE_CLIENT_ID/SALESFORCE_USERNAME/SALESFORCE_PRIVATE_KEY_FILE"
	}
	return "SALESFORCE_CLIENT_ID/SALESFORCE_CLIENT_SECRET"
}
