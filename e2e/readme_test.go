package e2e

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/sandbox/seed"
)

// Every mapping example in README loads and passes the worker's start
// check against the sandbox: a user who copies one gets a running sync.
func TestReadmeMappingExamplesRunOnTheSandbox(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(readme, -1)
	require.NotEmpty(t, blocks)
	e := newEnv(t, seed.Options{Seed: 51, Accounts: 5, Contacts: 20, Tickets: 2})
	for i, b := range blocks {
		path := filepath.Join(t.TempDir(), "example.yaml")
		require.NoError(t, os.WriteFile(path, b[1], 0o600))
		m, err := mapping.Load(path, pairs.Defaults())
		require.NoError(t, err, "README example %d:\n%s", i+1, b[1])
		acts := e.activitiesWith(m)
		require.NoError(t, acts.Check(context.Background()), "README example %d:\n%s", i+1, b[1])
	}
}
