package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		args    []string
		want    workflows.SyncInput
		wait    bool
		attach  bool
		wantErr string
	}{
		{[]string{"full"}, workflows.SyncInput{Mode: "full"}, true, false, ""},
		{[]string{"incremental", "-objects", "contacts, accounts", "-dry-run", "-wait=false", "-attach"},
			workflows.SyncInput{Mode: "incremental", Objects: []string{"contacts", "accounts"}, DryRun: true}, false, true, ""},
		{nil, workflows.SyncInput{}, false, false, "missing mode"},
		{[]string{"-dry-run"}, workflows.SyncInput{}, false, false, "missing mode"},
		{[]string{"sideways"}, workflows.SyncInput{}, false, false, `mode "sideways"`},
		{[]string{"full", "-bogus"}, workflows.SyncInput{}, false, false, "bogus"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			o, err := parseArgs(tc.args)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, o.in)
			assert.Equal(t, tc.wait, o.wait)
			assert.Equal(t, tc.attach, o.attach)
		})
	}
}

// Help goes to stdout with every flag and what it does, and is no error.
func TestHelpListsEveryFlag(t *testing.T) {
	start := []string{"-objects", "comma-separated pairs", "-dry-run", "write nothing", "-wait", "follow the run",
		"-attach", "follow it instead"}
	conflicts := []string{"-workflow-id", "only the runs of this workflow", "-object", "only this pair"}
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"-h"}, append(slices.Clone(start), conflicts...)},
		{[]string{"--help"}, append(slices.Clone(start), conflicts...)},
		{[]string{"full", "-h"}, start},
		{[]string{"incremental", "-help"}, start},
		{[]string{"conflicts", "-h"}, conflicts},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errs bytes.Buffer
			require.Equal(t, 0, run(context.Background(), tc.args, &out, &errs))
			assert.Empty(t, errs.String())
			assert.Contains(t, out.String(), "usage: starter")
			for _, w := range tc.want {
				assert.Contains(t, out.String(), w)
			}
		})
	}
	var out, errs bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"full", "-bogus"}, &out, &errs), "a wrong flag is no help")
	assert.Contains(t, errs.String(), "-attach", "with the usage on stderr")
}

func TestProgressLine(t *testing.T) {
	p := &workflows.SyncResult{Current: "contacts:salesforce", Objects: []workflows.PairResult{
		{Object: "accounts", Total: 100, Counts: activities.Counts{Fetched: 100, Zendesk: activities.Writes{Created: 90}, Rejected: 10}},
		{Object: "contacts", Total: 300, Counts: activities.Counts{Fetched: 100, Zendesk: activities.Writes{Updated: 60},
			Salesforce: activities.Writes{Updated: 7}, Unchanged: 40, Conflicts: 3}},
	}}
	line := progressLine(p, 20)
	assert.Contains(t, line, "[##########..........]", "200 of 400 records is half the bar")
	assert.Contains(t, line, "200/400 contacts:salesforce")
	assert.Contains(t, line, "created 90 updated 60 salesforce updated 7 unchanged 40 conflicts 3 rejected 10")

	p.Paused = &activities.Pause{Service: "zendesk", Until: time.Date(2026, 1, 1, 10, 0, 0, 0, time.Local)}
	assert.Contains(t, progressLine(p, 20), "paused: zendesk until 10:00:00")
	assert.Contains(t, progressLine(&workflows.SyncResult{}, 10), "[..........] 0/0 done")
}

func TestSummaryShowsFirstRejectionsAndTotal(t *testing.T) {
	r := &workflows.SyncResult{Mode: "full", RejectedTotal: 250}
	for i := 0; i < workflows.MaxRejectedListed; i++ {
		r.Rejected = append(r.Rejected, activities.Rejection{Pair: "contacts", Side: "zendesk", SalesforceID: "003x", Field: "email", Reason: "bad email"})
	}
	var b bytes.Buffer
	printSummary(&b, r)
	out := b.String()
	assert.Contains(t, out, "250 rejected (first 20 shown")
	assert.Contains(t, out, "contacts 003x → zendesk (email): bad email")
	assert.Equal(t, summaryRejected, strings.Count(out, "bad email"))
}

func TestConflictsPrintsTheLogAsJSONLines(t *testing.T) {
	path := t.TempDir() + "/state.db"
	t.Setenv("CRMSYNC_STORE", "sqlite:"+path)
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+path)
	require.NoError(t, err)
	require.NoError(t, st.RecordConflicts(ctx, []store.Conflict{
		{RunID: "crmsync-sync/r1", Pair: "contacts", SalesforceID: "003A", ZendeskID: 7, Field: "phone",
			SalesforceValue: "+1 1", ZendeskValue: "+1 2", Policy: "zendesk_wins", Winner: "zendesk", Value: "+1 2"},
		{RunID: "other/r1", Pair: "accounts", SalesforceID: "001A", ZendeskID: 8, Field: "name", Winner: "salesforce"},
	}))
	require.NoError(t, st.Close())

	var out, errs bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"conflicts", "-workflow-id", "crmsync-sync"}, &out, &errs), errs.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 1)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &got))
	assert.Equal(t, "003A", got["salesforce_id"])
	assert.Equal(t, "phone", got["field"])
	assert.Equal(t, "zendesk", got["winner"])
	assert.Equal(t, "+1 2", got["value"])

	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"conflicts", "-object", "accounts"}, &out, &errs))
	assert.Contains(t, out.String(), `"salesforce_id":"001A"`)
	assert.NotContains(t, out.String(), "003A")
	assert.Equal(t, 2, run(context.Background(), []string{"conflicts", "-bogus"}, &out, &errs))
}

func TestSummaryShowsEachSidesWrites(t *testing.T) {
	r := &workflows.SyncResult{Mode: "full", Objects: []workflows.PairResult{
		{Object: "tickets", Counts: activities.Counts{Fetched: 3, Exported: 11, Zendesk: activities.Writes{Created: 1, Adopted: 8, Updated: 2},
			Salesforce: activities.Writes{Created: 7, Updated: 5}, Unchanged: 4, Conflicts: 6}},
		{Object: "leads", Skipped: true},
	}}
	var b bytes.Buffer
	printSummary(&b, r)
	out := b.String()
	assert.Contains(t, out, "zd adopted")
	assert.Regexp(t, `tickets\s+3\s+11\s+1\s+8\s+2\s+7\s+5\s+4\s+6\s+0\s+0`, out)
	assert.Contains(t, out, "leads      (disabled in the mapping)")
}
