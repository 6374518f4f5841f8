// Command sandbox runs a Zendesk simulator and a Salesforce simulator in one
// process, loaded with generated data, for developing and testing crmsync
// without real accounts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run serves until ctx ends and returns the exit code: 2 for bad flags,
// 1 for a failure to start or serve.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout)
		return 0
	}
	if err == nil {
		var in inputs
		if in, err = loadInputs(cfg); err == nil {
			return serve(ctx, cfg, in, stdout, stderr)
		}
	}
	_, _ = fmt.Fprintf(stderr, "sandbox: %v\n", err)
	return 2
}

func serve(ctx context.Context, cfg config, in inputs, stdout, stderr io.Writer) int {
	sb, err := start(cfg, in, time.Now())
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "sandbox: %v\n", err)
		return 1
	}
	printBanner(stdout, sb)
	code := 0
	select {
	case <-ctx.Done():
	case err := <-sb.failed:
		_, _ = fmt.Fprintf(stderr, "sandbox: %v\n", err)
		code = 1
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownDeadline)
	defer cancel()
	if err := sb.shutdown(shutdownCtx); err != nil {
		_, _ = fmt.Fprintf(stderr, "sandbox: shutdown: %v\n", err)
		return 1
	}
	_, _ = fmt.Fprintln(stdout, "sandbox stopped")
	return code
}
