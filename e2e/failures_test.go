package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// Credentials revoked after the worker started: the run fails at once with
// a non-retryable error naming Zendesk, and no checkpoint moves.
func TestRevokedCredentialsFailFast(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 4, Accounts: 20, Contacts: 100, Tickets: 1})
	e.zdServer.RevokeTokens()
	_, run, err := e.sync(workflows.SyncInput{Mode: "full"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Zendesk refused the credentials")
	e.walkHistory(run.GetID(), run.GetRunID(), func(ev *historypb.HistoryEvent) {
		if a := ev.GetActivityTaskStartedEventAttributes(); a != nil {
			assert.EqualValues(t, 1, a.GetAttempt(), "a refusal is not retried")
		}
	})
	_, ok, err := e.store.Checkpoint(context.Background(), "accounts")
	require.NoError(t, err)
	assert.False(t, ok)
}

// A mapping naming a field the org does not have, or a filter Salesforce
// refuses, stops the worker before it takes a task, naming the problem.
func TestCheckRejectsMappingTheOrgCannotServe(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 4, Accounts: 5, Contacts: 10, Tickets: 1})
	cases := map[string]struct{ file, want string }{
		"unknown field":        {"contacts:\n  fields:\n    - {zendesk: user_fields.shoe, salesforce: Shoe_Size__c}\n", "Shoe_Size__c"},
		"bad filter":           {"accounts:\n  filter: \"Type = \"\n", "filter"},
		"unknown filter field": {"accounts:\n  filter: \"Tier__c = 'Gold'\"\n", "Tier__c"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "mapping.yaml")
			require.NoError(t, os.WriteFile(path, []byte(tc.file), 0o600))
			m, err := mapping.Load(path, pairs.Defaults())
			if err == nil {
				acts := e.activitiesWith(m)
				err = acts.Check(context.Background())
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
