package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConflictsRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		at := time.Date(2026, 2, 3, 4, 5, 6, 789000, time.UTC)
		sfAt := time.Date(2026, 2, 3, 1, 0, 0, 123456789, time.FixedZone("PST", -8*3600))
		zdAt := time.Date(2026, 2, 3, 9, 30, 0, 0, time.UTC)
		in := []Conflict{
			{RunID: "run-1", Pair: "contacts", SalesforceID: "003B", ZendeskID: 2, Field: "phone",
				SalesforceValue: "+1 555 0100", ZendeskValue: "+1 555 0199", SalesforceModified: sfAt, ZendeskModified: zdAt,
				Policy: "newest", Winner: WinnerSalesforce, Value: "+1 555 0100", At: at},
			{RunID: "run-1", Pair: "accounts", SalesforceID: "001A", ZendeskID: 1, Field: "name",
				SalesforceValue: "Acme", ZendeskValue: "ACME Corp", SalesforceModified: zdAt, ZendeskModified: sfAt,
				Policy: "zendesk", Winner: WinnerZendesk, Value: "ACME Corp"},
			{RunID: "run-2", Pair: "contacts", SalesforceID: "003A", ZendeskID: 3, Field: "name",
				SalesforceValue: "", ZendeskValue: "Ada", Policy: "salesforce", Winner: WinnerSalesforce, Value: ""},
		}
		require.NoError(t, s.RecordConflicts(ctx, in))

		all, err := s.Conflicts(ctx, ConflictFilter{})
		require.NoError(t, err)
		require.Len(t, all, 3)
		assert.Less(t, all[0].ID, all[1].ID)
		assert.Less(t, all[1].ID, all[2].ID)

		want := in[0]
		want.ID = all[0].ID
		want.SalesforceModified = sfAt.UTC().Truncate(time.Microsecond)
		assert.Equal(t, want, all[0], "recorded as given, times in UTC to the microsecond")
		assert.WithinDuration(t, time.Now(), all[1].At, time.Minute, "zero At is set to now")
		assert.True(t, all[2].SalesforceModified.IsZero(), "an unknown modification time reads back as zero")
		assert.True(t, all[2].ZendeskModified.IsZero())

		cases := []struct {
			name   string
			filter ConflictFilter
			want   []string // SalesforceID of each conflict, in order
		}{
			{"by run", ConflictFilter{RunID: "run-1"}, []string{"003B", "001A"}},
			{"by pair", ConflictFilter{Pair: "contacts"}, []string{"003B", "003A"}},
			{"by run and pair", ConflictFilter{RunID: "run-1", Pair: "contacts"}, []string{"003B"}},
			{"limit", ConflictFilter{Limit: 2}, []string{"003B", "001A"}},
			{"limit with filter", ConflictFilter{Pair: "contacts", Limit: 1}, []string{"003B"}},
			{"limit beyond", ConflictFilter{RunID: "run-2", Limit: 5}, []string{"003A"}},
			{"unknown run", ConflictFilter{RunID: "run-3"}, nil},
		}
		for _, c := range cases {
			got, err := s.Conflicts(ctx, c.filter)
			require.NoError(t, err, c.name)
			var ids []string
			for _, g := range got {
				ids = append(ids, g.SalesforceID)
			}
			assert.Equal(t, c.want, ids, c.name)
		}
	})
}

func TestRecordConflictsBatchOf500(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		in := make([]Conflict, 500)
		for i := range in {
			in[i] = Conflict{RunID: "run-1", Pair: "contacts", SalesforceID: fmt.Sprintf("003%05d", i), ZendeskID: int64(i),
				Field: "name", Winner: WinnerZendesk}
		}
		require.NoError(t, s.RecordConflicts(ctx, in))
		got, err := s.Conflicts(ctx, ConflictFilter{RunID: "run-1"})
		require.NoError(t, err)
		require.Len(t, got, 500)
		for i, c := range got {
			assert.Equal(t, in[i].SalesforceID, c.SalesforceID, "recorded order is kept across batches")
		}
	})
}

func TestRecordConflictsRejectsInvalid(t *testing.T) {
	valid := Conflict{RunID: "run-1", Pair: "contacts", Winner: WinnerSalesforce}
	cases := []struct {
		name    string
		edit    func(c *Conflict)
		wantErr string
	}{
		{"no run id", func(c *Conflict) { c.RunID = "" }, "conflict 1: run id and pair are required"},
		{"no pair", func(c *Conflict) { c.Pair = "" }, "conflict 1: run id and pair are required"},
		{"no winner", func(c *Conflict) { c.Winner = "" }, `conflict 1: winner ""`},
		{"unknown winner", func(c *Conflict) { c.Winner = "Salesforce" }, `conflict 1: winner "Salesforce"`},
	}
	s := openStore(t, freshSQLite(t))
	ctx := context.Background()
	for _, c := range cases {
		bad := valid
		c.edit(&bad)
		require.ErrorContains(t, s.RecordConflicts(ctx, []Conflict{valid, bad}), c.wantErr, c.name)
	}
	got, err := s.Conflicts(ctx, ConflictFilter{})
	require.NoError(t, err)
	assert.Empty(t, got, "a rejected batch writes nothing")

	_, err = s.Conflicts(ctx, ConflictFilter{Limit: -1})
	require.ErrorContains(t, err, "negative limit")
}

func TestConflictsOfOneWorkflow(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		var in []Conflict
		for _, run := range []string{"sync-a/r1", "sync-ab/r1", "sync-a/r2", "xsync-a/r1"} {
			in = append(in, Conflict{RunID: run, Pair: "contacts", SalesforceID: run, Field: "phone", Winner: WinnerZendesk})
		}
		require.NoError(t, s.RecordConflicts(ctx, in))
		got, err := s.Conflicts(ctx, ConflictFilter{Workflow: "sync-a"})
		require.NoError(t, err)
		var runs []string
		for _, c := range got {
			runs = append(runs, c.RunID)
		}
		assert.Equal(t, []string{"sync-a/r1", "sync-a/r2"}, runs)
	})
}

func TestConflictRecordedTwiceIsKeptOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		c := Conflict{RunID: "w/r", Pair: "contacts", SalesforceID: "003A", Field: "phone", Winner: WinnerZendesk, Value: "first"}
		require.NoError(t, s.RecordConflicts(ctx, []Conflict{c}))
		again := c
		again.Value = "retried"
		other := c
		other.Field = "name"
		require.NoError(t, s.RecordConflicts(ctx, []Conflict{again, other}))
		got, err := s.Conflicts(ctx, ConflictFilter{})
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, "first", got[0].Value, "the first record stands")
		assert.Equal(t, "name", got[1].Field)
	})
}
