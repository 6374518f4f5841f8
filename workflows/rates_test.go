package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/crmsync/crmsync/activities"
)

func TestRates(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	at := func(s int) *time.Time { v := t0.Add(time.Duration(s) * time.Second); return &v }
	objects := []PairResult{
		{Object: "accounts", Total: 100, Counts: activities.Counts{Fetched: 100}, Done: true, StartedAt: at(0), FinishedAt: at(4)},
		{Object: "contacts", Total: 1000, Counts: activities.Counts{Fetched: 250}, StartedAt: at(4)},
		{Object: "tickets", Total: 50},
	}
	rates(objects, *at(14))
	assert.Equal(t, 25.0, objects[0].Rate)
	assert.Zero(t, objects[0].ETASeconds, "a finished pair has no time left")
	assert.Equal(t, 25.0, objects[1].Rate)
	assert.Equal(t, 30, objects[1].ETASeconds, "750 left at 25 a second")
	assert.Zero(t, objects[2].Rate, "not begun")
}
