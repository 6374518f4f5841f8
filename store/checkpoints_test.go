package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckpointRoundTrip(t *testing.T) {
	cases := []struct {
		name string
		at   time.Time
		want time.Time
	}{
		{"microseconds kept", time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC), time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC)},
		{"nanoseconds truncated", time.Date(2026, 1, 2, 3, 4, 5, 999999999, time.UTC), time.Date(2026, 1, 2, 3, 4, 5, 999999000, time.UTC)},
		{"zone converted to UTC", time.Date(2026, 6, 1, 2, 0, 0, 1000, time.FixedZone("PDT", -7*3600)), time.Date(2026, 6, 1, 9, 0, 0, 1000, time.UTC)},
		{"whole second", time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)},
	}
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		_, ok, err := s.Checkpoint(ctx, "accounts")
		require.NoError(t, err)
		assert.False(t, ok)

		for _, c := range cases {
			require.NoError(t, s.SetCheckpoint(ctx, "accounts", c.at), c.name)
			got, ok, err := s.Checkpoint(ctx, "accounts")
			require.NoError(t, err, c.name)
			require.True(t, ok, c.name)
			assert.Equal(t, c.want, got, c.name)
			assert.Equal(t, time.UTC, got.Location(), c.name)
		}

		_, ok, err = s.Checkpoint(ctx, "contacts")
		require.NoError(t, err)
		assert.False(t, ok, "checkpoints are per name")
	})
}

func TestSetCheckpointRequiresName(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	require.Error(t, s.SetCheckpoint(context.Background(), "", time.Now()))
}
