package activities

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPerRunKeepsOneValuePerRun(t *testing.T) {
	var p perRun[int]
	t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	made := 0
	fresh := func() int { made++; return 0 }
	bump := func(v *int) error { *v++; return nil }
	require.NoError(t, p.with("run-1", t0, fresh, bump))
	require.NoError(t, p.with("run-1", t0.Add(time.Minute), fresh, bump))
	require.NoError(t, p.with("run-2", t0.Add(time.Minute), fresh, bump))
	assert.Equal(t, 2, made, "one value per run")
	var got int
	require.NoError(t, p.with("run-1", t0.Add(2*time.Minute), fresh, func(v *int) error { got = *v; return nil }))
	assert.Equal(t, 2, got, "a run's pages share its value")

	require.NoError(t, p.with("run-3", t0.Add(3*time.Hour), fresh, bump))
	assert.Len(t, p.runs, 1, "runs unused for over an hour are dropped")
}
