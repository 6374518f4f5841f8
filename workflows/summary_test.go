package workflows

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/crmsync/crmsync/activities"
)

func TestSummarize(t *testing.T) {
	objects := []PairResult{
		{Object: "accounts", Counts: activities.Counts{Fetched: 2000, Zendesk: activities.Writes{Created: 1990}}},
		{Object: "contacts", Counts: activities.Counts{Fetched: 19590, Exported: 10, Conflicts: 3, Rejected: 164,
			Zendesk: activities.Writes{Created: 1649, Adopted: 40, Updated: 12}, Salesforce: activities.Writes{Updated: 2}}},
		{Object: "leads", Skipped: true},
	}
	cases := []struct {
		name    string
		r       SyncResult
		running bool
		want    string
	}{
		{"done", SyncResult{Mode: "full", Objects: objects, RejectedTotal: 164}, false,
			"full sync of accounts, contacts: 21,600 read; zendesk 3,639 created, 40 adopted, 12 updated; salesforce 2 updated; 3 conflicts; 164 rejected"},
		{"dry run", SyncResult{Mode: "incremental", DryRun: true, Objects: objects[:1]}, false,
			"dry run, nothing written: incremental sync of accounts: 2,000 read; zendesk 1,990 would be created"},
		{"running", SyncResult{Mode: "full", Objects: objects[2:]}, true, "running: full sync of no pair: 0 read"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, summarize(&c.r, c.running))
		})
	}
}
