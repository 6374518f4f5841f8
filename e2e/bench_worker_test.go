package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// workerProcess is crmsync's worker command run as a process of its own,
// as a user runs it: its memory is then the worker's alone, not the
// sandboxes' and the test's that share this process.
type workerProcess struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

// workerBinary builds ./worker once per test binary. It goes to the
// state directory rather than a temp dir of one benchmark because every
// benchmark of the run starts it.
var workerBinary = sync.OnceValues(func() (string, error) {
	path, err := filepath.Abs(filepath.Join("..", ".crmsync", "bench", "crmsync-worker"))
	if err != nil {
		return "", err
	}
	cmd := exec.Command("go", "build", "-o", path, "./worker")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./worker: %w\n%s", err, out)
	}
	return path, nil
})

// startWorker runs a worker with the given settings (variable=value) on
// top of the ones pointing it at the env, and waits until it polls. It is
// killed at cleanup whatever happened.
func (e *env) startWorker(b *testing.B, name string, settings ...string) *workerProcess {
	b.Helper()
	bin, err := workerBinary()
	require.NoError(b, err)
	w := &workerProcess{log: filepath.Join(b.TempDir(), name+".log"), done: make(chan struct{})}
	logFile, err := os.Create(w.log)
	require.NoError(b, err)
	w.cmd = exec.Command(bin)
	w.cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"TEMPORAL_ADDRESS=" + devAddr, "CRMSYNC_TASK_QUEUE=" + e.taskQueue,
		"ZENDESK_URL=" + e.zendeskURL, "SALESFORCE_LOGIN_URL=" + e.salesforceURL,
		"CRMSYNC_LOG_LEVEL=warn",
	}, settings...)
	w.cmd.Stdout, w.cmd.Stderr = logFile, logFile
	// A test binary that dies must not leave workers polling the queue.
	w.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	require.NoError(b, w.cmd.Start())
	go func() {
		_ = w.cmd.Wait()
		_ = logFile.Close()
		close(w.done)
	}()
	b.Cleanup(w.stop)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for !w.polling() {
		select {
		case <-w.done:
			require.FailNow(b, "worker exited at start", "%s: %s", name, w.tail())
		case <-ctx.Done():
			require.FailNow(b, "worker did not start within 2 minutes", "%s: %s", name, w.tail())
		case <-time.After(100 * time.Millisecond):
		}
	}
	return w
}

// polling says whether the worker got past its start-up check: it names
// its task queue only then.
func (w *workerProcess) polling() bool {
	data, _ := os.ReadFile(w.log)
	return bytes.Contains(data, []byte("crmsync worker: task queue"))
}

func (w *workerProcess) tail() string {
	data, _ := os.ReadFile(w.log)
	return string(data[max(0, len(data)-2000):])
}

// peakRSSMiB is the worker's peak resident memory so far (VmHWM), read
// while it still runs.
func (w *workerProcess) peakRSSMiB(b *testing.B) float64 {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", w.cmd.Process.Pid))
	require.NoError(b, err)
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kib, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			require.NoError(b, err)
			return kib / 1024
		}
	}
	require.FailNow(b, "no VmHWM in /proc status")
	return 0
}

// stop ends the worker as a deployment would (SIGTERM), killing it when
// it does not end in time.
func (w *workerProcess) stop() {
	_ = w.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-w.done:
	case <-time.After(10 * time.Second):
		_ = w.cmd.Process.Kill()
		<-w.done
	}
}
