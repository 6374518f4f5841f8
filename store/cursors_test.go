package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCursorRoundTrip(t *testing.T) {
	values := []string{
		"MTU3NjYxMzUzOS4wfHw0Njd8", // an after_cursor
		"1767225600",               // a unix end_time
		"1767225601",
		"", // kept as given: what it means is the caller's business
	}
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		_, ok, err := s.Cursor(ctx, "zendesk.users")
		require.NoError(t, err)
		assert.False(t, ok)

		for _, v := range values {
			require.NoError(t, s.SetCursor(ctx, "zendesk.users", v), v)
			got, ok, err := s.Cursor(ctx, "zendesk.users")
			require.NoError(t, err, v)
			require.True(t, ok, v)
			assert.Equal(t, v, got)
		}

		_, ok, err = s.Cursor(ctx, "zendesk.organizations")
		require.NoError(t, err)
		assert.False(t, ok, "cursors are per name")
	})
}

func TestSetCursorRequiresName(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	ctx := context.Background()
	require.ErrorContains(t, s.SetCursor(ctx, "", "1767225600"), "name is required")
	_, ok, err := s.Cursor(ctx, "")
	require.NoError(t, err)
	assert.False(t, ok, "a refused cursor is not stored")
}
