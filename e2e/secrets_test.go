package e2e

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// TestNoSecretInHistory exports the whole history of a full sync and looks
// for every credential the worker used: the Zendesk API token (also as the
// Basic header it is sent in), the Salesforce client secret and every
// access token Salesforce issued.
func TestNoSecretInHistory(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 11, Accounts: 40, Contacts: 400, Tickets: 5})
	_, run, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	text := e.historyText(run.GetID(), run.GetRunID())
	require.Contains(t, text, "salesforce_id", "the export must include decoded payloads, or the search proves nothing")

	secrets := []string{
		"sandbox-token",
		base64.StdEncoding.EncodeToString([]byte("admin@example.com/token:sandbox-token")),
		"sandbox-secret",
	}
	tokens := e.bearer.tokens()
	require.NotEmpty(t, tokens, "the worker called Salesforce with an access token")
	secrets = append(secrets, tokens...)
	for _, s := range secrets {
		assert.NotContains(t, text, s)
	}
}
