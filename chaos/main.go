// Command chaos is the crash-and-fault proof behind `make chaos`: a full
// sync of a large sandbox org through a real Temporal dev server while the
// sandbox injects 5xx, dropped connections and rate-limit storms, the
// worker is SIGKILLed again and again and the dev server restarts; then it
// checks through the APIs that nothing was lost, duplicated or silently
// dropped. It prints one line of figures and exits 0 only when the end
// state is right.
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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run returns the exit code: 0 when the end state is right, 1 when it is
// not or the run could not be carried out, 2 for bad flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseOptions(args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "chaos:", err)
		return 2
	}
	fig, err := prove(ctx, o, stdout)
	if fig != nil {
		_, _ = fmt.Fprintln(stdout, fig.line())
	}
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "chaos:", err)
		return 1
	}
	if fig.verdict.failed() {
		_, _ = fmt.Fprintln(stderr, "chaos: FAILED: records were lost, duplicated, wrong or rejected without a report")
		return 1
	}
	return 0
}
