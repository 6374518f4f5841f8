package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecisions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		at := time.Date(2026, 2, 3, 4, 5, 6, 789000, time.UTC)
		in := []Decision{
			{RunID: "run-1", Object: "Case", SalesforceID: "500B", ZendeskID: 2, Field: "status", Policy: "remote",
				Winner: "zendesk", SalesforceValue: "Working", ZendeskValue: "pending", At: at},
			{RunID: "run-1", Object: "Case", SalesforceID: "500A", ZendeskID: 1, Field: "priority", Policy: "local",
				Winner: "salesforce", SalesforceValue: "High", ZendeskValue: "low"},
			{RunID: "run-2", Object: "Case", SalesforceID: "500A", ZendeskID: 1, Field: "subject", Policy: "remote",
				Winner: "zendesk", SalesforceValue: "", ZendeskValue: "Printer"},
		}
		require.NoError(t, s.RecordDecisions(ctx, in))

		got, err := s.Decisions(ctx, "run-1")
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, in[0], got[0], "recorded order is kept")
		assert.WithinDuration(t, time.Now(), got[1].At, time.Minute, "zero At is set to now")
		got[1].At = time.Time{}
		assert.Equal(t, in[1], got[1])

		none, err := s.Decisions(ctx, "run-3")
		require.NoError(t, err)
		assert.Empty(t, none)

		err = s.RecordDecisions(ctx, []Decision{{RunID: "run-4", Object: "Case"}, {Object: "Case"}})
		require.ErrorContains(t, err, "decision 1")
		none, err = s.Decisions(ctx, "run-4")
		require.NoError(t, err)
		assert.Empty(t, none, "a failed batch writes nothing")
	})
}
