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
