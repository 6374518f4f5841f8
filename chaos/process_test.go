package main

import (
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProcessKillAndRestart(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	p := &process{name: "sleeper", path: sh, args: []string{"-c", "sleep 0.1; echo up; exec sleep 30"},
		log: filepath.Join(t.TempDir(), "sleeper.log")}
	assert.False(t, p.running(), "not started yet")

	require.NoError(t, p.start())
	assert.True(t, p.running())
	assert.Error(t, p.start(), "one run at a time")
	p.kill()
	assert.False(t, p.running())
	assert.ErrorContains(t, p.exitErr(), "killed")

	require.NoError(t, p.start(), "a killed process starts again")
	assert.True(t, p.running())
	require.Eventually(t, func() bool { return p.lastLine() == "up" }, 5*time.Second, 10*time.Millisecond,
		"the child's output reaches the log; chaos's own markers are not its last words")
	begin := time.Now()
	p.stop(5 * time.Second)
	assert.False(t, p.running())
	assert.Less(t, time.Since(begin), 5*time.Second, "SIGTERM was enough")
}

func TestWaitPort(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	p := &process{name: "sleeper", path: sh, args: []string{"-c", "exec sleep 30"}, log: filepath.Join(t.TempDir(), "log")}
	require.NoError(t, p.start())
	t.Cleanup(p.kill)
	require.NoError(t, waitPort(context.Background(), p, addr, time.Second))
	assert.Error(t, portFree(addr), "something listens there")

	require.NoError(t, ln.Close())
	assert.NoError(t, portFree(addr))
	assert.ErrorContains(t, waitPort(context.Background(), p, addr, 300*time.Millisecond), "did not open")
	p.kill()
	assert.ErrorContains(t, waitPort(context.Background(), p, addr, time.Second), "exited before opening")
}
