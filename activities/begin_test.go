package activities

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/store"
)

// An incremental run whose count finds nothing changed since the
// checkpoint drops the phases that scan Salesforce; one with changes keeps
// them. Pairs with an index count deleted rows too (they free emails).
func TestIncrementalBeginSkipsTheScanWhenNothingChanged(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 13, Accounts: 10, Contacts: 100, Tickets: 1}, zdsandbox.Config{})
	ctx := context.Background()
	begin := func(pair string) *BeginResult {
		var r BeginResult
		v, err := f.env.ExecuteActivity(f.acts.BeginPair, BeginInput{Run: testRun, Pair: pair, Mode: ModeIncremental})
		require.NoError(t, err)
		require.NoError(t, v.Get(&r))
		return &r
	}
	queryAll := func() int64 { return f.sf.Stats().Snapshot().Requests["GET /services/data/vXX.X/queryAll"] }

	tests := []struct {
		name       string
		checkpoint time.Time
		scans      bool
	}{
		{"nothing changed since", time.Now().Add(time.Hour), false},
		{"everything changed since", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, pair := range []string{"accounts", "contacts"} {
				require.NoError(t, f.acts.Store.SetCheckpoint(ctx, pair, tt.checkpoint))
				before := queryAll()
				r := begin(pair)
				require.NotNil(t, r.Since)
				assert.Equal(t, tt.scans, r.Total > 0, pair)
				assert.Equal(t, tt.scans, slices.Contains(r.Phases, PhaseSalesforce), "%s phases %v", pair, r.Phases)
				if pair == "contacts" {
					assert.Equal(t, tt.scans, slices.Contains(r.Phases, PhaseIndex), "%s phases %v", pair, r.Phases)
					assert.Equal(t, int64(1), queryAll()-before, "the contacts count sees deleted rows")
				}
			}
		})
	}
}

// A pair begins beside another only to read its index meanwhile: one
// without an index, or whose claims the other pair reads, answers Later
// and touches nothing (the claims the index rebuilt stay).
func TestBeginBesideAnotherPair(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 13, Accounts: 10, Contacts: 100, Tickets: 1}, zdsandbox.Config{})
	ctx := context.Background()
	tests := []struct {
		pair, beside string
		later        bool
	}{
		{"contacts", "accounts", false},
		{"leads", "contacts", false},
		{"accounts", "contacts", true},
		{"tickets", "leads", true},
		{"contacts", "leads", true}, // leads read the contacts' claims
	}
	for _, tt := range tests {
		t.Run(tt.pair+" beside "+tt.beside, func(t *testing.T) {
			require.NoError(t, f.acts.Store.SaveEmailClaims(ctx, "contacts", []store.EmailClaim{{SalesforceID: "003x", Email: "x@example.com"}}))
			before := f.sf.Stats().Snapshot().TotalRequests
			v, err := f.env.ExecuteActivity(f.acts.BeginPair, BeginInput{Run: testRun, Pair: tt.pair, Mode: ModeFull, Named: true, Beside: tt.beside})
			require.NoError(t, err)
			var r BeginResult
			require.NoError(t, v.Get(&r))
			assert.Equal(t, tt.later, r.Later)
			if tt.later {
				assert.Equal(t, before, f.sf.Stats().Snapshot().TotalRequests, "no count")
				got, err := f.acts.Store.EmailClaimants(ctx, "contacts", []string{"x@example.com"})
				require.NoError(t, err)
				assert.Equal(t, []string{"003x"}, got["x@example.com"], "the claims stay")
				return
			}
			require.NotEmpty(t, r.Phases)
			assert.Equal(t, PhaseIndex, r.Phases[0])
		})
	}
}
