package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// Credentials revoked after the worker started: the run fails at once with
// a non-retryable error naming Zendesk, and no checkpoint moves.
func TestRevokedCredentialsFailFast(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 4, Accounts: 20, Contacts: 100, Tickets: 1})
	e.zdServer.RevokeTokens()
	start := time.Now()
	_, _, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Zendesk refused the credentials")
	assert.Less(t, time.Since(start), 30*time.Second, "fails fast, no retry loop")
	_, ok, err := e.store.Checkpoint(context.Background(), "accounts")
	require.NoError(t, err)
	assert.False(t, ok)
}

// A mapping naming a field the org does not have, or a filter Salesforce
// refuses, stops the worker before it takes a task, naming the problem.
func TestCheckRejectsMappingTheOrgCannotServe(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 4, Accounts: 5, Contacts: 10, Tickets: 1})
	cases := map[string]struct{ file, want string }{
		"unknown field":        {"contacts:\n  fields:\n    - {target: user_fields.shoe, source: Shoe_Size__c}\n", "Shoe_Size__c"},
		"bad filter":           {"accounts:\n  filter: \"Type = \"\n", "filter"},
		"unknown filter field": {"accounts:\n  filter: \"Tier__c = 'Gold'\"\n", "Tier__c"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "mapping.yaml")
			require.NoError(t, os.WriteFile(path, []byte(tc.file), 0o600))
			m, err := mapping.Load(path)
			if err == nil {
				acts := *e.acts
				acts.Mapping = m
				err = acts.Check(context.Background())
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
