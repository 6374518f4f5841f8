package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// startMarker begins the line chaos writes into a log at each start.
const startMarker = "==== chaos: starting"

// process is one child (dev server, sandbox or worker) whose output goes
// to a log file. It can be started again after it ends, as the same
// command with the same environment.
type process struct {
	name string
	path string
	args []string
	env  []string
	log  string

	mu      sync.Mutex
	cmd     *exec.Cmd
	done    chan struct{}
	err     error
	started time.Time
}

// start runs the command once more, appending to its log.
func (p *process) start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil {
		select {
		case <-p.done:
		default:
			return fmt.Errorf("start %s: already running as pid %d", p.name, p.cmd.Process.Pid)
		}
	}
	f, err := os.OpenFile(p.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("start %s: open log: %w", p.name, err)
	}
	_, _ = fmt.Fprintf(f, "\n%s %s at %s\n", startMarker, p.name, time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(p.path, p.args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = p.env, f, f
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		_ = f.Close()
		return fmt.Errorf("start %s: %w", p.name, err)
	}
	done := make(chan struct{})
	p.cmd, p.done, p.err, p.started = cmd, done, nil, time.Now()
	go func() {
		err := cmd.Wait()
		_ = f.Close()
		p.mu.Lock()
		p.err = err
		p.mu.Unlock()
		close(done)
	}()
	return nil
}

// exited is closed when the current run of the command ends.
func (p *process) exited() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done == nil {
		closed := make(chan struct{})
		close(closed)
		return closed
	}
	return p.done
}

// exitErr is how the last run ended.
func (p *process) exitErr() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// uptime is how long the current or last run lasted so far.
func (p *process) uptime() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return time.Since(p.started)
}

// lastLine is the last line the process logged, for an error message.
func (p *process) lastLine() string {
	data, err := os.ReadFile(p.log)
	if err != nil {
		return ""
	}
	last := ""
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, startMarker) {
			last = l
		}
	}
	if len(last) > 300 {
		last = last[:300] + "…"
	}
	return last
}

func (p *process) running() bool {
	select {
	case <-p.exited():
		return false
	default:
		return true
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *process) kill() {
	p.signal(syscall.SIGKILL)
	<-p.exited()
}

// stop asks the process to end with SIGTERM and kills it after grace.
func (p *process) stop(grace time.Duration) {
	if !p.running() {
		return
	}
	p.signal(syscall.SIGTERM)
	select {
	case <-p.exited():
	case <-time.After(grace):
		p.kill()
	}
}

func (p *process) signal(sig syscall.Signal) {
	p.mu.Lock()
	cmd := p.cmd
	p.mu.Unlock()
	if cmd != nil && cmd.Process != nil {
		_ = cmd.Process.Signal(sig)
	}
}

// waitPort waits until addr accepts TCP connections, or the process ends,
// or timeout passes.
func waitPort(ctx context.Context, p *process, addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			_ = conn.Close()
			return nil
		}
		if !p.running() {
			return fmt.Errorf("%s exited before opening %s (%v); see %s", p.name, addr, p.exitErr(), p.log)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not open %s within %s; see %s", p.name, addr, timeout, p.log)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// portFree fails when something already listens on addr: a leftover of
// an earlier run would otherwise answer in place of the child.
func portFree(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return nil
	}
	_ = conn.Close()
	return errors.New(addr + " is already in use: stop what listens there or pick other ports")
}
