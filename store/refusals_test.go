package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRefusals(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		other := openInstance(t, dsn, "other")
		require.NoError(t, s.SaveRefusals(ctx, "accounts", []Refusal{
			{SalesforceID: "001a", ZendeskID: 7, Hash: "h1", Reason: "name taken"},
			{SalesforceID: "001b", Hash: "h2", Reason: "invalid"},
		}))
		require.NoError(t, s.SaveRefusals(ctx, "accounts", []Refusal{{SalesforceID: "001a", ZendeskID: 8, Hash: "h3", Reason: "name taken again"}}))
		require.NoError(t, s.SaveRefusals(ctx, "contacts", []Refusal{{SalesforceID: "001b", Hash: "c", Reason: "other pair"}}))
		require.NoError(t, other.SaveRefusals(ctx, "accounts", []Refusal{{SalesforceID: "001c", Hash: "o", Reason: "other instance"}}))

		got, err := s.Refusals(ctx, "accounts", []string{"001a", "001b", "001c"})
		require.NoError(t, err)
		assert.Equal(t, map[string]Refusal{
			"001a": {SalesforceID: "001a", ZendeskID: 8, Hash: "h3", Reason: "name taken again"},
			"001b": {SalesforceID: "001b", Hash: "h2", Reason: "invalid"},
		}, got, "the latest refusal of each record, of this pair and instance")

		require.NoError(t, s.ClearRefusals(ctx, "accounts"))
		got, err = s.Refusals(ctx, "accounts", []string{"001a", "001b"})
		require.NoError(t, err)
		assert.Empty(t, got)
		got, err = s.Refusals(ctx, "contacts", []string{"001b"})
		require.NoError(t, err)
		assert.Len(t, got, 1, "clearing is per pair")
	})
}
