package activities

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/store"
)

// An incremental run begins without a count where it has no filter: its
// first page finds out what changed in the one call a count would take.
// With a filter it counts (for the filter's tally), and a count of
// nothing since the checkpoint drops the phases that scan Salesforce.
func TestIncrementalBeginCountsOnlyForAFilter(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 13, Accounts: 10, Contacts: 100, Tickets: 1}, zdsandbox.Config{})
	ctx := context.Background()
	begin := func(pair string) *BeginResult {
		var r BeginResult
		v, err := f.env.ExecuteActivity(f.acts.BeginPair, BeginInput{Run: testRun, Pair: pair, Mode: ModeIncremental})
		require.NoError(t, err)
		require.NoError(t, v.Get(&r))
		return &r
	}
	// Queries of either kind; the first also logs in, which is no read.
	calls := func() int64 {
		r := f.sf.Stats().Snapshot().Requests
		return r["GET /services/data/vXX.X/query"] + r["GET /services/data/vXX.X/queryAll"]
	}

	for _, pair := range []string{"accounts", "contacts"} {
		require.NoError(t, f.acts.Store.SetCheckpoint(ctx, pair, time.Now().Add(time.Hour)))
		before := calls()
		r := begin(pair)
		require.NotNil(t, r.Since)
		assert.Equal(t, before, calls(), "%s: no count", pair)
		assert.Contains(t, r.Phases, PhaseSalesforce, pair)
	}

	path := filepath.Join(t.TempDir(), "mapping.yaml")
	require.NoError(t, os.WriteFile(path, []byte("accounts:\n  filter: \"Industry = 'Banking'\"\n"), 0o600))
	m, err := mapping.Load(path, pairs.Defaults())
	require.NoError(t, err)
	f.acts.Mapping = m
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
			require.NoError(t, f.acts.Store.SetCheckpoint(ctx, "accounts", tt.checkpoint))
			before := calls()
			r := begin("accounts")
			require.NotNil(t, r.Since)
			assert.Equal(t, int64(2), calls()-before, "the filtered count and the count of all")
			assert.Equal(t, tt.scans, r.Total > 0)
			assert.Equal(t, tt.scans, slices.Contains(r.Phases, PhaseSalesforce), "phases %v", r.Phases)
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

// A full sync forgets the pair's refusals (it tries every create again),
// so they do not outlive the records they name; an incremental run keeps
// them.
func TestFullBeginForgetsRefusals(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 13, Accounts: 10, Contacts: 10, Tickets: 1}, zdsandbox.Config{})
	ctx := context.Background()
	// Without a checkpoint an incremental run is a full one.
	require.NoError(t, f.acts.Store.SetCheckpoint(ctx, "accounts", time.Now()))
	for _, mode := range []string{ModeIncremental, ModeFull} {
		require.NoError(t, f.acts.Store.SaveRefusals(ctx, "accounts", []store.Refusal{{SalesforceID: "001x", Hash: "h", Reason: "taken"}}))
		_, err := f.env.ExecuteActivity(f.acts.BeginPair, BeginInput{Run: testRun, Pair: "accounts", Mode: mode})
		require.NoError(t, err)
		got, err := f.acts.Store.Refusals(ctx, "accounts", []string{"001x"})
		require.NoError(t, err)
		assert.Equal(t, mode == ModeIncremental, len(got) == 1, mode)
	}
}
