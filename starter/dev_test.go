package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
)

// The dev server starts on the first test that needs it, so the tests that
// do not (flags, summaries) stay fast.
var (
	devOnce sync.Once
	devSrv  *testsuite.DevServer
	devErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if devSrv != nil {
		_ = devSrv.Stop()
	}
	os.Exit(code)
}

// requireDev starts the dev server from ./bin/temporal (or
// CRMSYNC_TEMPORAL) and points the starter's environment at it.
func requireDev(t *testing.T) client.Client {
	t.Helper()
	path := os.Getenv("CRMSYNC_TEMPORAL")
	if path == "" {
		path, _ = filepath.Abs("../bin/temporal")
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no temporal CLI at %s: make test builds it", path)
		}
		t.Skipf("no temporal CLI at %s (make test builds it)", path)
	}
	devOnce.Do(func() {
		devSrv, devErr = testsuite.StartDevServer(context.Background(), testsuite.DevServerOptions{
			ExistingPath:  path,
			LogLevel:      "error",
			ClientOptions: &client.Options{Logger: quietLogger{}},
			Stdout:        io.Discard,
			Stderr:        io.Discard,
		})
	})
	require.NoError(t, devErr, "start dev server")
	t.Setenv("TEMPORAL_ADDRESS", devSrv.FrontendHostPort())
	t.Setenv("TEMPORAL_NAMESPACE", "default")
	t.Setenv("CRMSYNC_ENCRYPTION_KEY", "")
	t.Setenv("CRMSYNC_DECRYPTION_KEYS", "")
	return devSrv.Client()
}
