package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/workflows"
)

// minEvery is the shortest interval accepted: Zendesk's export leaves out
// the last minute, and with overlap SKIP a tighter schedule would mostly
// skip its own runs.
const minEvery = time.Minute

// scheduleArgs is one `starter schedule` command.
type scheduleArgs struct {
	// op is set (create or update), pause, resume, delete, list or trigger.
	op    string
	every time.Duration
	input workflows.SyncInput
	note  string
}

// ops are the operations other than -every, each a flag of its own.
var ops = []string{"pause", "resume", "delete", "list", "trigger"}

func scheduleFlags(a *scheduleArgs) (fs *flag.FlagSet, objects *string, chosen map[string]*bool) {
	fs = flag.NewFlagSet("starter schedule", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.DurationVar(&a.every, "every", 0, "create or update the schedule: an incremental sync this often (at least 1m), e.g. 5m")
	objects = fs.String("objects", "", "with -every: comma-separated pairs: "+strings.Join(pairs.Names(), ",")+" (default every enabled pair)")
	fs.BoolVar(&a.input.DryRun, "dry-run", false, "with -every: the scheduled syncs map and match but write nothing")
	fs.StringVar(&a.note, "note", "", "with -pause or -resume: why, shown by -list")
	usage := map[string]string{
		"pause":   "pause the schedule",
		"resume":  "resume the paused schedule",
		"delete":  "delete the schedule (runs it started go on)",
		"list":    "print the schedule: interval, objects, state, next runs, recent runs and their results",
		"trigger": "start a sync of the schedule now",
	}
	chosen = map[string]*bool{}
	for _, o := range ops {
		chosen[o] = fs.Bool(o, false, usage[o])
	}
	return fs, objects, chosen
}

// parseScheduleArgs reads the flags of `starter schedule`; -h gives
// flag.ErrHelp.
func parseScheduleArgs(args []string) (scheduleArgs, error) {
	var a scheduleArgs
	fs, objects, chosen := scheduleFlags(&a)
	if err := fs.Parse(args); err != nil {
		return a, err
	}
	if fs.NArg() > 0 {
		return a, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var named []string
	if set["every"] {
		named, a.op = append(named, "-every"), "set"
	}
	for _, o := range ops {
		if *chosen[o] {
			named, a.op = append(named, "-"+o), o
		}
	}
	if len(named) > 1 {
		return a, fmt.Errorf("%s: choose one", strings.Join(named, " and "))
	}
	switch {
	case a.op == "":
		return a, errors.New("-every is required to create or update the schedule (or one of -pause, -resume, -delete, -list, -trigger)")
	case a.op == "set" && a.every < minEvery:
		return a, fmt.Errorf("-every %s: want at least %s", a.every, minEvery)
	case a.op != "set" && (set["objects"] || set["dry-run"]):
		return a, errors.New("-objects and -dry-run go with -every")
	case set["note"] && a.op != "pause" && a.op != "resume":
		return a, errors.New("-note goes with -pause or -resume")
	}
	a.input.Mode = "incremental"
	if *objects != "" {
		for _, o := range strings.Split(*objects, ",") {
			o = strings.TrimSpace(o)
			if !slices.Contains(pairs.Names(), o) {
				return a, fmt.Errorf("-objects: unknown object %q; accepted: %s", o, strings.Join(pairs.Names(), ", "))
			}
			a.input.Objects = append(a.input.Objects, o)
		}
	}
	return a, nil
}
