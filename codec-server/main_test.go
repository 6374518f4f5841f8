package main

import (
	"context"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFlags(t *testing.T) {
	t.Setenv(envAuthToken, "from-env")
	o, err := parseFlags([]string{"-addr", "127.0.0.1:9999", "-cors-origin", "http://127.0.0.1:8233/, http://localhost:8233"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:9999", o.addr)
	assert.Equal(t, []string{"http://127.0.0.1:8233", "http://localhost:8233"}, o.origins)
	assert.Equal(t, "from-env", o.token)

	o, err = parseFlags([]string{"-auth-token", "from-flag"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "from-flag", o.token)
	assert.Equal(t, "127.0.0.1:8081", o.addr)
	assert.Empty(t, o.origins)

	_, err = parseFlags([]string{"extra"}, io.Discard)
	assert.Error(t, err)
}

func TestRunNeedsAKey(t *testing.T) {
	t.Setenv("CRMSYNC_ENCRYPTION_KEY", "")
	t.Setenv("CRMSYNC_DECRYPTION_KEYS", "")
	err := run(context.Background(), nil, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CRMSYNC_ENCRYPTION_KEY is not set")

	t.Setenv("CRMSYNC_ENCRYPTION_KEY", "not-a-key")
	err = run(context.Background(), nil, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CRMSYNC_ENCRYPTION_KEY: want <key-id>:<base64 of 32 bytes>")
	assert.NotContains(t, err.Error(), "not-a-key")
}
