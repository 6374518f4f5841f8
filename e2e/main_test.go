// Package e2e runs crmsync end to end: a real Temporal dev server (the
// temporal CLI built by make), the in-process sandbox, the real clients,
// store and worker.
package e2e

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/crmsync/crmsync/workflows"
)

var (
	dev        client.Client
	devMissing string
	// devUI is the dev server's Web UI, for the browser test.
	devUI string
	// devAddr is the dev server's frontend, for worker processes.
	devAddr string
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
	uiPort, err := freePort()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	// A dev server that never answers must fail the run with a reason,
	// not hang it: TestMain runs before the test timeout is armed.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := testsuite.StartDevServer(ctx, testsuite.DevServerOptions{
		ExistingPath: path,
		EnableUI:     true,
		UIPort:       uiPort,
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
	devUI = "http://127.0.0.1:" + uiPort
	devAddr = srv.FrontendHostPort()
	if err := workflows.EnsureSearchAttributes(context.Background(), dev, "default"); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	code := m.Run()
	if err := reportBench(os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: bench report: %v\n", err)
		return 1
	}
	return code
}

func requireDev(t testing.TB) {
	t.Helper()
	if dev == nil {
		t.Skip("e2e: " + devMissing)
	}
}

// freePort asks the kernel for a port no one listens on; the dev server's
// default UI port (its gRPC port + 1000) may be taken on a shared machine.
func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}

// quietLogger keeps the SDK's per-retry warnings out of test output.
type quietLogger struct{}

func (quietLogger) Debug(string, ...interface{}) {}
func (quietLogger) Info(string, ...interface{})  {}
func (quietLogger) Warn(string, ...interface{})  {}
func (quietLogger) Error(string, ...interface{}) {}
