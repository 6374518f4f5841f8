package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/workflows"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		args    []string
		want    workflows.SyncInput
		wait    bool
		wantErr string
	}{
		{[]string{"full"}, workflows.SyncInput{Mode: "full"}, true, ""},
		{[]string{"incremental", "-objects", "contacts, accounts", "-dry-run", "-wait=false"},
			workflows.SyncInput{Mode: "incremental", Objects: []string{"contacts", "accounts"}, DryRun: true}, false, ""},
		{nil, workflows.SyncInput{}, false, "missing mode"},
		{[]string{"-dry-run"}, workflows.SyncInput{}, false, "missing mode"},
		{[]string{"sideways"}, workflows.SyncInput{}, false, `mode "sideways"`},
		{[]string{"full", "-bogus"}, workflows.SyncInput{}, false, "bogus"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			in, wait, err := parseArgs(tc.args)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, in)
			assert.Equal(t, tc.wait, wait)
		})
	}
}

func TestProgressLine(t *testing.T) {
	p := &workflows.SyncResult{Current: "contacts:write", Objects: []workflows.ObjectResult{
		{Object: "accounts", Total: 100, Counts: activities.Counts{Fetched: 100, Created: 90, Rejected: 10}},
		{Object: "contacts", Total: 300, Counts: activities.Counts{Fetched: 100, Updated: 60, Unchanged: 40}},
	}}
	line := progressLine(p, 20)
	assert.Contains(t, line, "[##########..........]", "200 of 400 records is half the bar")
	assert.Contains(t, line, "200/400 contacts:write")
	assert.Contains(t, line, "created 90 updated 60 unchanged 40 rejected 10")

	p.Paused = &activities.Pause{Service: "zendesk", Until: time.Date(2026, 1, 1, 10, 0, 0, 0, time.Local)}
	assert.Contains(t, progressLine(p, 20), "paused: zendesk until 10:00:00")
	assert.Contains(t, progressLine(&workflows.SyncResult{}, 10), "[..........] 0/0 done")
}

func TestSummaryShowsFirstRejectionsAndTotal(t *testing.T) {
	r := &workflows.SyncResult{Mode: "full", RejectedTotal: 250}
	for i := 0; i < workflows.MaxRejectedListed; i++ {
		r.Rejected = append(r.Rejected, activities.Rejection{Object: "contacts", SalesforceID: "003x", Reason: "bad email"})
	}
	var b bytes.Buffer
	printSummary(&b, r)
	out := b.String()
	assert.Contains(t, out, "250 rejected records (first 20 shown")
	assert.Equal(t, summaryRejected, strings.Count(out, "bad email"))
}
