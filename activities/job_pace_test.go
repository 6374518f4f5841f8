package activities

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
)

func TestJobPaceSettlesJustAboveTheJobsTime(t *testing.T) {
	const start = 200 * time.Millisecond
	tests := []struct {
		name    string
		jobTime time.Duration
	}{
		{"sandbox-fast jobs", 3 * time.Millisecond},
		{"jobs about as slow as the start", 180 * time.Millisecond},
		{"jobs of seconds", 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p jobPace
			require.Equal(t, start, p.first(start), "nothing learned: the configured wait")
			extra := 0
			for range 200 {
				d := p.first(start)
				done := d >= tt.jobTime
				if !done {
					extra++
				}
				p.observe(d, done)
			}
			d := p.first(start)
			assert.GreaterOrEqual(t, d, minJobPoll)
			assert.LessOrEqual(t, d, max(minJobPoll, tt.jobTime*2), "the wait follows the jobs down")
			assert.GreaterOrEqual(t, d, min(tt.jobTime/2, maxJobPoll), "and does not fall far below them")
			assert.Less(t, extra, 200/3, "most pages poll once")
		})
	}
}

// A worker whose jobs finish in milliseconds stops waiting the configured
// interval after its first page.
func TestUpsertLearnsHowLongJobsTake(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 7, Accounts: 5, Contacts: 300, Tickets: 1}, zdsandbox.Config{})
	f.acts.Options.JobPoll = time.Second
	f.indexAll(t)
	in, _ := f.resolved(t, "contacts")

	start := time.Now()
	f.upsert(t, in)
	firstPage := time.Since(start)
	assert.GreaterOrEqual(t, firstPage, time.Second, "the first page waits the configured interval")
	learned := f.acts.jobPace.first(time.Second)
	assert.Less(t, learned, time.Second, "and learns that its jobs were done sooner")
}
