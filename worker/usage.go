package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/kelseyhightower/envconfig"

	"github.com/crmsync/crmsync/codec"
)

// usageRows lays the config's variables out as tab-separated rows, from
// its envconfig tags, so the help cannot drift from what loadConfig reads.
const usageRows = "{{range .}}  {{usage_key .}}\t{{usage_default .}}\t{{usage_description .}}\n{{end}}"

// printUsage writes the worker's help: it takes no arguments, so the help
// is the environment it reads, with defaults.
func printUsage(w io.Writer) error {
	_, _ = fmt.Fprint(w, `usage: worker [-h]

Runs crmsync's Temporal worker: the Sync workflow and its activities. It takes
no arguments and reads its environment; every default points at the sandbox
(go run ./sandbox).

`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	_, _ = fmt.Fprintln(tw, "  variable\tdefault\tmeaning")
	if err := envconfig.Usagef("", &config{}, tw, usageRows); err != nil {
		return fmt.Errorf("usage: %w", err)
	}
	// The keys are read by codec, outside the config struct, so that no raw
	// key sits in it.
	_, _ = fmt.Fprintf(tw, "  %s\t\tactive payload key, <key-id>:<base64 of 32 bytes>; unset: no encryption\n", codec.EnvEncryptionKey)
	_, _ = fmt.Fprintf(tw, "  %s\t\tolder keys, comma-separated, decrypt only\n", codec.EnvDecryptionKeys)
	return tw.Flush()
}

// parseArgs accepts only -h, -help and --help (flag.ErrHelp); anything
// else is an error for the caller to answer with the usage.
func parseArgs(args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// cli runs the worker command and returns its exit status: 0 after the
// help, 2 for bad arguments, 1 when the worker fails.
func cli(args []string, stdout, stderr io.Writer, run func() error) int {
	if err := parseArgs(args); errors.Is(err, flag.ErrHelp) {
		if err := printUsage(stdout); err != nil {
			_, _ = fmt.Fprintln(stderr, "crmsync worker:", err)
			return 1
		}
		return 0
	} else if err != nil {
		_, _ = fmt.Fprintln(stderr, "crmsync worker:", err)
		_ = printUsage(stderr)
		return 2
	}
	if err := run(); err != nil {
		_, _ = fmt.Fprintln(stderr, "crmsync worker:", err)
		return 1
	}
	return 0
}
