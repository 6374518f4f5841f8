package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/crmsync/crmsync/pairs"
)

// startFlags are the flags of `starter full|incremental`; usage prints
// them from here, so the help cannot miss one.
func startFlags(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("starter", flag.ContinueOnError)
	// Errors and help are printed by run, on the stream they belong to.
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.objects, "objects", "", "comma-separated pairs: "+strings.Join(pairs.Names(), ",")+" (default every enabled pair)")
	fs.BoolVar(&o.in.DryRun, "dry-run", false, "map and match but write nothing")
	fs.BoolVar(&o.wait, "wait", true, "follow the run to the end")
	fs.BoolVar(&o.attach, "attach", false, "when a sync is already running, follow it instead of exiting with status 1")
	return fs
}

// conflictsFlags are the flags of `starter conflicts`.
func conflictsFlags(workflowID, pair *string) *flag.FlagSet {
	fs := flag.NewFlagSet("starter conflicts", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(workflowID, "workflow-id", "", "only the runs of this workflow (default every run)")
	fs.StringVar(pair, "object", "", "only this pair: "+strings.Join(pairs.Names(), ", "))
	return fs
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: starter full|incremental [flags]   start a sync and follow it")
	fmt.Fprintln(w, "       starter plan [full|incremental] [flags]   a dry run: what a real run would write, with samples")
	printFlags(w, startFlags(&options{}))
	fmt.Fprintln(w, "\nusage: starter conflicts [flags]   print the conflict log (CRMSYNC_STORE) as JSON lines")
	printFlags(w, conflictsFlags(new(string), new(string)))
	fmt.Fprintln(w, "\nusage: starter status [-once] [workflow-id]   a sync's progress per pair, live (default: the running one)")
	fmt.Fprintln(w, "\nusage: starter schedule -every 5m [-objects …] [-dry-run] | -pause [-note why] | -resume | -delete | -list | -trigger")
	fmt.Fprintln(w, "  a Temporal Schedule of incremental syncs (starter schedule -h lists its flags)")
	fmt.Fprintln(w, "\nenvironment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, CRMSYNC_INSTANCE, CRMSYNC_TASK_QUEUE, CRMSYNC_STORE, CRMSYNC_ENCRYPTION_KEY")
}

func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.SetOutput(w)
	fs.PrintDefaults()
}
