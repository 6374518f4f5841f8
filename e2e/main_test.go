// Package e2e runs crmsync end to end: a real Temporal dev server (the
// temporal CLI built by make), the in-process sandbox, the real clients,
// store and worker.
package e2e

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/crmsync/crmsync/workflows"
)

var (
	dev        client.Client
	devMissing string
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	path := os.Getenv("CRMSYNC_TEMPORAL")
	if path == "" {
		path, _ = filepath.Abs("../bin/temporal")
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			fmt.Fprintf(os.Stderr, "e2e: no temporal CLI at %s: make test builds it\n", path)
			return 1
		}
		devMissing = fmt.Sprintf("no temporal CLI at %s (make test builds it)", path)
		return m.Run()
	}
	srv, err := testsuite.StartDevServer(context.Background(), testsuite.DevServerOptions{
		ExistingPath: path,
		LogLevel:     "error",
		ClientOptions: &client.Options{
			Logger: quietLogger{},
		},
		Stdout: io.Discard,
		Stderr: io.Discard,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: start dev server: %v\n", err)
		return 1
	}
	defer func() { _ = srv.Stop() }()
	dev = srv.Client()
	if err := workflows.EnsureSearchAttributes(context.Background(), dev, "default"); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	return m.Run()
}

func requireDev(t testing.TB) {
	t.Helper()
	if dev == nil {
		t.Skip("e2e: " + devMissing)
	}
}

// quietLogger keeps the SDK's per-retry warnings out of test output.
type quietLogger struct{}

func (quietLogger) Debug(string, ...interface{}) {}
func (quietLogger) Info(string, ...interface{})  {}
func (quietLogger) Warn(string, ...interface{})  {}
func (quietLogger) Error(string, ...interface{}) {}
