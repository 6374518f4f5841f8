package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// cluster is the system under test: a Temporal dev server, the sandbox and
// one worker, each a child process with its own log under dir/logs.
type cluster struct {
	root       string
	dir        string
	temporal   *process
	sandbox    *process
	worker     *process
	hostPort   string // Temporal frontend
	zendesk    string // base URLs
	salesforce string
	taskQueue  string
}

const chaosTaskQueue = "crmsync-chaos"

// binaries builds the commands into root/bin, as make run does, then
// copies the ones the run starts into own, so that another build into
// root/bin in the middle of the run cannot swap the worker under test.
func binaries(ctx context.Context, root, own string, build bool) error {
	if err := os.MkdirAll(own, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", own, err)
	}
	for _, b := range []struct{ out, pkg string }{
		{"crmsync-sandbox", "./sandbox"}, {"crmsync-worker", "./worker"}, {"crmsync-starter", "./starter"},
	} {
		path := filepath.Join(root, "bin", b.out)
		if build {
			cmd := exec.CommandContext(ctx, "go", "build", "-o", path, b.pkg)
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("build %s: %w\n%s", b.pkg, err, out)
			}
		}
		if err := copyFile(path, filepath.Join(own, b.out)); err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(root, "bin", "temporal")); err != nil {
		return fmt.Errorf("no temporal CLI in %s/bin (make chaos builds it): %w", root, err)
	}
	return nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("copy binary: %w", err)
	}
	if err := os.WriteFile(to, data, 0o700); err != nil {
		return fmt.Errorf("copy binary: %w", err)
	}
	return nil
}

// newCluster lays out the processes. Every run starts from nothing: a
// fresh dev server database and a fresh state store, because the sandbox
// forgets its writes when it stops.
func newCluster(o options) (*cluster, error) {
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return nil, fmt.Errorf("repository root: %w", err)
	}
	dir := filepath.Join(root, ".crmsync", "chaos")
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("clear %s: %w", dir, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	bin := filepath.Join(root, "bin")
	own := filepath.Join(dir, "bin")
	logs := filepath.Join(dir, "logs")
	c := &cluster{
		root:       root,
		dir:        dir,
		hostPort:   "127.0.0.1:" + strconv.Itoa(o.TemporalPort),
		zendesk:    "http://127.0.0.1:" + strconv.Itoa(o.ZendeskPort),
		salesforce: "http://127.0.0.1:" + strconv.Itoa(o.SalesforcePort),
		taskQueue:  chaosTaskQueue,
	}
	base := cleanEnv(os.Environ())
	c.temporal = &process{name: "dev server", path: filepath.Join(bin, "temporal"), env: base,
		log: filepath.Join(logs, "temporal.log"),
		args: []string{"server", "start-dev", "--db-filename", filepath.Join(dir, "temporal.db"),
			"--ip", "127.0.0.1", "--port", strconv.Itoa(o.TemporalPort), "--ui-port", strconv.Itoa(o.UIPort),
			"--log-level", "warn"}}
	c.sandbox = &process{name: "sandbox", path: filepath.Join(own, "crmsync-sandbox"), env: base,
		log: filepath.Join(logs, "sandbox.log"),
		args: []string{
			"-zendesk-addr", strings.TrimPrefix(c.zendesk, "http://"),
			"-salesforce-addr", strings.TrimPrefix(c.salesforce, "http://"),
			"-contacts", strconv.Itoa(o.Contacts), "-accounts", strconv.Itoa(o.Accounts), "-tickets", "100",
			"-seed", strconv.FormatInt(o.Seed, 10), "-fault-rate", strconv.FormatFloat(o.FaultRate, 'f', -1, 64),
			"-zendesk-rpm", strconv.Itoa(o.ZendeskRPM),
		}}
	c.worker = &process{name: "worker", path: filepath.Join(own, "crmsync-worker"), log: filepath.Join(logs, "worker.log"),
		env: append(base,
			"TEMPORAL_ADDRESS="+c.hostPort,
			"CRMSYNC_TASK_QUEUE="+c.taskQueue,
			"ZENDESK_URL="+c.zendesk,
			"SALESFORCE_LOGIN_URL="+c.salesforce,
			"CRMSYNC_STORE=sqlite:"+filepath.Join(dir, "state.db"),
			"CRMSYNC_DAILY_LIMIT_WAIT="+o.DailyLimitWait.String(),
		)}
	return c, nil
}

// cleanEnv drops the variables the worker reads, so that credentials or
// addresses of a real deployment in the caller's environment never reach
// the sandbox run; the worker's defaults are the sandbox's credentials.
func cleanEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "ZENDESK_") || strings.HasPrefix(name, "SALESFORCE_") ||
			strings.HasPrefix(name, "CRMSYNC_") || strings.HasPrefix(name, "TEMPORAL_") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// up starts the dev server and the sandbox and waits for their ports.
func (c *cluster) up(ctx context.Context) error {
	for _, addr := range []string{c.hostPort, strings.TrimPrefix(c.zendesk, "http://"), strings.TrimPrefix(c.salesforce, "http://")} {
		if err := portFree(addr); err != nil {
			return err
		}
	}
	if err := c.startServer(ctx); err != nil {
		return err
	}
	if err := c.sandbox.start(); err != nil {
		return err
	}
	for _, addr := range []string{c.zendesk, c.salesforce} {
		if err := waitPort(ctx, c.sandbox, strings.TrimPrefix(addr, "http://"), time.Minute); err != nil {
			return err
		}
	}
	return nil
}

func (c *cluster) startServer(ctx context.Context) error {
	if err := c.temporal.start(); err != nil {
		return err
	}
	return waitPort(ctx, c.temporal, c.hostPort, 2*time.Minute)
}

// down stops every child, the worker first so that it does not log the
// server's disappearance as a failure.
func (c *cluster) down() {
	c.worker.stop(5 * time.Second)
	c.sandbox.stop(10 * time.Second)
	c.temporal.stop(15 * time.Second)
}
