package store

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateInstance(t *testing.T) {
	cases := []struct {
		name string
		ok   bool
	}{
		{"default", true},
		{"acme-eu_2", true},
		{"0", true},
		{strings.Repeat("a", 40), true},
		{"", false},
		{strings.Repeat("a", 41), false},
		{"Acme", false},
		{"acme eu", false},
		{"acme.eu", false},
		{"acme/eu", false},
		{"acmé", false},
	}
	for _, tc := range cases {
		err := ValidateInstance(tc.name)
		if tc.ok {
			assert.NoError(t, err, "%q", tc.name)
		} else {
			assert.ErrorContains(t, err, "lower-case letters", "%q", tc.name)
		}
	}
}

func TestOpenRefusesABadInstance(t *testing.T) {
	_, err := Open(context.Background(), freshSQLite(t), WithInstance("Acme EU"))
	require.ErrorContains(t, err, `instance "Acme EU"`)
}

func TestOpenDefaultsToTheDefaultInstance(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	assert.Equal(t, DefaultInstance, s.Instance())
}

// partitionCase writes the same keys in two instances, each with values
// of its own tag, and reads them back; each of removes deletes them in
// the instance it is given only.
type partitionCase struct {
	name    string
	write   func(t *testing.T, s *Store, tag string)
	read    func(t *testing.T, s *Store) any
	want    func(tag string) any
	removes map[string]func(t *testing.T, s *Store, tag string)
	// gone is what read returns after a removal.
	gone any
}

var partitionCases = []partitionCase{
	{
		name: "links and baselines",
		write: func(t *testing.T, s *Store, tag string) {
			require.NoError(t, s.SaveLinks(context.Background(), []Link{{Object: "contacts", SalesforceID: "003A",
				ZendeskID: zendeskIDOf(tag), Hash: "h-" + tag, Baseline: []byte(`{"name":["` + tag + `","` + tag + `"]}`),
				UpdatedAt: partitionAt}}))
		},
		read: func(t *testing.T, s *Store) any {
			ctx := context.Background()
			bySF, err := s.Links(ctx, "contacts", []string{"003A"})
			require.NoError(t, err)
			byZD, err := s.LinksByZendeskID(ctx, "contacts", []int64{zendeskIDOf("north"), zendeskIDOf("south")})
			require.NoError(t, err)
			n, err := s.CountLinks(ctx, "contacts")
			require.NoError(t, err)
			return []any{bySF, byZD, n}
		},
		want: func(tag string) any {
			l := Link{Object: "contacts", SalesforceID: "003A", ZendeskID: zendeskIDOf(tag), Hash: "h-" + tag,
				Baseline: []byte(`{"name":["` + tag + `","` + tag + `"]}`), UpdatedAt: partitionAt}
			return []any{map[string]Link{"003A": l}, map[int64]Link{l.ZendeskID: l}, 1}
		},
		removes: map[string]func(t *testing.T, s *Store, tag string){
			"DeleteLinks": func(t *testing.T, s *Store, _ string) {
				require.NoError(t, s.DeleteLinks(context.Background(), "contacts", []string{"003A"}))
			},
		},
		gone: []any{map[string]Link{}, map[int64]Link{}, 0},
	},
	{
		name: "checkpoints",
		write: func(t *testing.T, s *Store, tag string) {
			require.NoError(t, s.SetCheckpoint(context.Background(), "contacts", partitionAt.Add(time.Duration(zendeskIDOf(tag))*time.Second)))
		},
		read: func(t *testing.T, s *Store) any {
			at, ok, err := s.Checkpoint(context.Background(), "contacts")
			require.NoError(t, err)
			return []any{at, ok}
		},
		want: func(tag string) any {
			return []any{partitionAt.Add(time.Duration(zendeskIDOf(tag)) * time.Second), true}
		},
	},
	{
		name: "cursors",
		write: func(t *testing.T, s *Store, tag string) {
			require.NoError(t, s.SetCursor(context.Background(), "zendesk.users", "cursor-"+tag))
		},
		read: func(t *testing.T, s *Store) any {
			v, ok, err := s.Cursor(context.Background(), "zendesk.users")
			require.NoError(t, err)
			return []any{v, ok}
		},
		want: func(tag string) any { return []any{"cursor-" + tag, true} },
	},
	{
		name: "staged records",
		write: func(t *testing.T, s *Store, tag string) {
			require.NoError(t, s.PutStaged(context.Background(), "wf/run", "contacts", "salesforce",
				[]Staged{{Key: "003A", Data: []byte(tag)}}))
		},
		read: func(t *testing.T, s *Store) any {
			ctx := context.Background()
			byKey, err := s.Staged(ctx, "wf/run", "contacts", "salesforce", []string{"003A"})
			require.NoError(t, err)
			page, err := s.StagedAfter(ctx, "wf/run", "contacts", "salesforce", "", 10)
			require.NoError(t, err)
			return []any{byKey, page}
		},
		want: func(tag string) any {
			return []any{map[string][]byte{"003A": []byte(tag)}, []Staged{{Key: "003A", Data: []byte(tag)}}}
		},
		removes: map[string]func(t *testing.T, s *Store, tag string){
			"DeleteStaged": func(t *testing.T, s *Store, _ string) {
				require.NoError(t, s.DeleteStaged(context.Background(), "wf/run", "contacts", "salesforce", []string{"003A"}))
			},
			"ClearStaged": func(t *testing.T, s *Store, _ string) {
				require.NoError(t, s.ClearStaged(context.Background(), "wf/run", "contacts"))
			},
		},
		gone: []any{map[string][]byte{}, []Staged(nil)},
	},
	{
		// Another instance's run is not a dead run of this one: its live
		// records must survive this instance's clean-up.
		name: "staged records of other runs",
		write: func(t *testing.T, s *Store, tag string) {
			require.NoError(t, s.PutStaged(context.Background(), "wf/run-"+tag, "contacts", "salesforce",
				[]Staged{{Key: "003A", Data: []byte(tag)}}))
		},
		read: func(t *testing.T, s *Store) any {
			ctx := context.Background()
			out := map[string][]Staged{}
			for _, run := range []string{"wf/run-north", "wf/run-south"} {
				page, err := s.StagedAfter(ctx, run, "contacts", "salesforce", "", 10)
				require.NoError(t, err)
				out[run] = page
			}
			return out
		},
		want: func(tag string) any {
			return map[string][]Staged{"wf/run-" + tag: {{Key: "003A", Data: []byte(tag)}}, "wf/run-" + other(tag): nil}
		},
		removes: map[string]func(t *testing.T, s *Store, tag string){
			"ClearStagedExcept": func(t *testing.T, s *Store, _ string) {
				require.NoError(t, s.ClearStagedExcept(context.Background(), "contacts", "wf/run-none"))
			},
		},
		gone: map[string][]Staged{"wf/run-north": nil, "wf/run-south": nil},
	},
	{
		name: "email claims",
		write: func(t *testing.T, s *Store, tag string) {
			require.NoError(t, s.SaveEmailClaims(context.Background(), "contacts", []EmailClaim{
				{SalesforceID: "003A", Email: "ada@example.com"},
				{SalesforceID: "003" + tag, Email: tag + "@example.com"},
			}))
		},
		read: func(t *testing.T, s *Store) any {
			got, err := s.EmailClaimants(context.Background(), "contacts",
				[]string{"ada@example.com", "north@example.com", "south@example.com"})
			require.NoError(t, err)
			return got
		},
		// Both instances claim ada@ for 003A: within one instance that
		// is one claimant, not a duplicate.
		want: func(tag string) any {
			return map[string][]string{"ada@example.com": {"003A"}, tag + "@example.com": {"003" + tag}}
		},
		removes: map[string]func(t *testing.T, s *Store, tag string){
			"ClearEmailClaims": func(t *testing.T, s *Store, _ string) {
				require.NoError(t, s.ClearEmailClaims(context.Background(), "contacts"))
			},
			"SaveEmailClaims without email": func(t *testing.T, s *Store, tag string) {
				require.NoError(t, s.SaveEmailClaims(context.Background(), "contacts",
					[]EmailClaim{{SalesforceID: "003A"}, {SalesforceID: "003" + tag}}))
			},
		},
		gone: map[string][]string{},
	},
	{
		name: "conflicts",
		write: func(t *testing.T, s *Store, tag string) {
			// The same run, pair, record and field in both: each instance
			// records its own, neither is taken for a retry of the other.
			require.NoError(t, s.RecordConflicts(context.Background(), []Conflict{{RunID: "wf/run", Pair: "contacts",
				SalesforceID: "003A", Field: "phone", Policy: "newest", Winner: WinnerZendesk, Value: tag, At: partitionAt}}))
		},
		read: func(t *testing.T, s *Store) any {
			ctx := context.Background()
			var out []string
			for _, f := range []ConflictFilter{{}, {RunID: "wf/run"}, {Pair: "contacts"}, {Workflow: "wf"}} {
				cs, err := s.Conflicts(ctx, f)
				require.NoError(t, err)
				for _, c := range cs {
					out = append(out, c.Value)
				}
			}
			return out
		},
		want: func(tag string) any { return []string{tag, tag, tag, tag} },
	},
}

var partitionAt = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

// zendeskIDOf gives each instance's record its own Zendesk id, as each
// instance's Zendesk account would.
func zendeskIDOf(tag string) int64 { return map[string]int64{"north": 100, "south": 200}[tag] }

func other(tag string) string {
	if tag == "north" {
		return "south"
	}
	return "north"
}

// TestInstancesKeepApart opens two instances on one database and writes
// the same keys in both: each reads back only its own.
func TestInstancesKeepApart(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		stores := map[string]*Store{"north": openInstance(t, dsn, "north"), "south": openInstance(t, dsn, "south")}
		for _, tc := range partitionCases {
			t.Run(tc.name, func(t *testing.T) {
				for tag, s := range stores {
					tc.write(t, s, tag)
				}
				for tag, s := range stores {
					assert.Equal(t, tc.want(tag), tc.read(t, s), tag)
				}
				for _, name := range slices.Sorted(maps.Keys(tc.removes)) {
					for tag, s := range stores {
						tc.write(t, s, tag)
					}
					tc.removes[name](t, stores["north"], "north")
					assert.Equal(t, tc.gone, tc.read(t, stores["north"]), "%s in north", name)
					assert.Equal(t, tc.want("south"), tc.read(t, stores["south"]), "%s in north: south keeps its own", name)
				}
			})
		}
	})
}

// The default instance is an instance like any other: a store opened
// without WithInstance does not see a named one's rows, nor they its.
func TestDefaultInstanceIsAPartitionToo(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		plain := openStore(t, dsn)
		named := openInstance(t, dsn, "north")
		require.NoError(t, plain.SetCursor(ctx, "zendesk.users", "plain"))
		_, ok, err := named.Cursor(ctx, "zendesk.users")
		require.NoError(t, err)
		assert.False(t, ok, "north sees no cursor of default")

		explicit := openInstance(t, dsn, DefaultInstance)
		v, ok, err := explicit.Cursor(ctx, "zendesk.users")
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, "plain", v, "WithInstance(DefaultInstance) is the store opened without it")
	})
}

func openInstance(t *testing.T, dsn, instance string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn, WithInstance(instance))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}
