package e2e

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// Accounts whose names clash (twins differing by surrounding space): the
// same one gets the Zendesk organization on every fresh sandbox of a seed,
// the first in scan order, and the other is rejected naming it.
func TestClashingAccountNamesResolveTheSameEveryTime(t *testing.T) {
	opts := seed.Options{Seed: 93, Accounts: 400, Contacts: 20, Tickets: 1}
	var linkedRuns [][]string
	for i := range 2 {
		// Each sandbox in its own subtest: its own task queue and worker.
		t.Run(fmt.Sprint("sandbox ", i+1), func(t *testing.T) {
			e := newEnv(t, opts)
			res, _, err := e.sync(workflows.SyncInput{Mode: "full", Objects: []string{"accounts"}})
			require.NoError(t, err)
			var ids []string
			for _, a := range e.data.Salesforce.Accounts {
				ids = append(ids, a["Id"].(string))
			}
			links, err := e.store.Links(context.Background(), "accounts", ids)
			require.NoError(t, err)
			linked := slices.Sorted(maps.Keys(links))
			linkedRuns = append(linkedRuns, linked)
			clashes := 0
			for _, r := range res.Rejected {
				if strings.Contains(r.Reason, "has the same name and is created first") {
					clashes++
				}
			}
			require.Positive(t, clashes, "the seed has accounts whose names clash")
		})
	}
	require.Len(t, linkedRuns, 2)
	assert.Equal(t, linkedRuns[0], linkedRuns[1], "the same accounts are linked on both sandboxes")
}
