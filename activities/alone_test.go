package activities

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A task queue's name stays one string literal of the query whatever it
// holds; the e2e test TestRunningSyncsQueryFindsAQueueNamedWithQuotes runs
// such a query on a dev server.
func TestRunningSyncsQueryQuotesTheTaskQueue(t *testing.T) {
	for _, tc := range []struct{ queue, want string }{
		{"crmsync-eu", `TaskQueue='crmsync-eu'`},
		{"it's", `TaskQueue='it\'s'`},
		{`x' OR TaskQueue='y`, `TaskQueue='x\' OR TaskQueue=\'y'`},
		{`back\slash'`, `TaskQueue='back\\slash\''`},
	} {
		got := RunningSyncsQuery(tc.queue)
		assert.Equal(t, "WorkflowType='Sync' AND ExecutionStatus='Running' AND "+tc.want, got, tc.queue)
	}
}
