// Package scripts holds no Go code: its tests drive scripts/run.sh.
package scripts

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// freePort is a loopback port nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	return port
}

// takenPort listens on a loopback port for the rest of the test.
func takenPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// stack is a run directory holding a previous run's store, and free ports.
type stack struct {
	dir, store string
	ports      map[string]int // the run.sh variable: port
}

func newStack(t *testing.T) stack {
	t.Helper()
	s := stack{dir: t.TempDir(), ports: map[string]int{}}
	s.store = filepath.Join(s.dir, "make-run-state.db")
	require.NoError(t, os.WriteFile(s.store, []byte("another stack's links"), 0o600))
	for _, v := range []string{"TEMPORAL_PORT", "UI_PORT", "SANDBOX_ZENDESK_ADDR", "SANDBOX_SALESFORCE_ADDR"} {
		s.ports[v] = freePort(t)
	}
	return s
}

// run runs make run's script on the stack; every case here must end
// before the script builds or starts anything.
func (s stack) run(t *testing.T) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command("bash", "run.sh")
	cmd.Env = append(os.Environ(), "CRMSYNC_RUN_DIR="+s.dir, "RUN_ONCE=1", "TEMPORAL_ADDRESS=", "ZENDESK_URL=", "SALESFORCE_LOGIN_URL=")
	for v, port := range s.ports {
		val := strconv.Itoa(port)
		if strings.HasPrefix(v, "SANDBOX_") {
			val = "127.0.0.1:" + val
		}
		cmd.Env = append(cmd.Env, v+"="+val)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.WaitDelay = 10 * time.Second
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil {
		require.True(t, errors.As(err, &exit), "run.sh: %v", err)
		return exit.ExitCode(), out.String(), errOut.String()
	}
	return 0, out.String(), errOut.String()
}

func TestRunRefusesATakenPortBeforeTouchingState(t *testing.T) {
	cases := []struct{ variable, name string }{
		{"TEMPORAL_PORT", "Temporal"},
		{"UI_PORT", "Temporal Web UI"},
		{"SANDBOX_ZENDESK_ADDR", "Zendesk sandbox"},
		{"SANDBOX_SALESFORCE_ADDR", "Salesforce sandbox"},
	}
	for _, tc := range cases {
		t.Run(tc.variable, func(t *testing.T) {
			s := newStack(t)
			s.ports[tc.variable] = takenPort(t)
			code, stdout, stderr := s.run(t)
			assert.Equal(t, 1, code)
			assert.Empty(t, stdout, "nothing built or started")
			assert.Contains(t, stderr, "port "+strconv.Itoa(s.ports[tc.variable])+" ("+tc.name+",")
			assert.Contains(t, stderr, "another `make run`")
			assert.Equal(t, 1, strings.Count(stderr, "is already in use"), "only the taken port")
			assert.FileExists(t, s.store, "the other stack's store is kept")
			assert.NoFileExists(t, filepath.Join(s.dir, "make-run.pid"), "the lock is released on the way out")
		})
	}
}

func TestRunRefusesWhileAnotherRunHoldsTheLock(t *testing.T) {
	s := newStack(t)
	lock := filepath.Join(s.dir, "make-run.pid")
	live := strconv.Itoa(os.Getpid()) // any live process stands for the other run
	require.NoError(t, os.WriteFile(lock, []byte(live+"\n"), 0o600))
	code, stdout, stderr := s.run(t)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "another `make run` (pid "+live+")")
	assert.FileExists(t, s.store)
	held, err := os.ReadFile(lock)
	require.NoError(t, err, "the other run's lock is left alone")
	assert.Equal(t, live+"\n", string(held))
}

func TestRunTakesOverTheLockOfAKilledRun(t *testing.T) {
	s := newStack(t)
	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	lock := filepath.Join(s.dir, "make-run.pid")
	require.NoError(t, os.WriteFile(lock, []byte(strconv.Itoa(dead.Process.Pid)+"\n"), 0o600))
	// A taken port stops the run right after the lock, before any build.
	s.ports["TEMPORAL_PORT"] = takenPort(t)
	code, _, stderr := s.run(t)
	assert.Equal(t, 1, code)
	assert.NotContains(t, stderr, "another `make run` (pid")
	assert.Contains(t, stderr, "is already in use", "it got past the stale lock")
	assert.NoFileExists(t, lock)
}
