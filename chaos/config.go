package main

import (
	"flag"
	"fmt"
	"time"
)

// options is everything a chaos run is told on the command line.
type options struct {
	Root           string
	Build          bool
	Contacts       int
	Accounts       int
	Seed           int64
	FaultRate      float64
	ZendeskRPM     int
	TemporalPort   int
	UIPort         int
	ZendeskPort    int
	SalesforcePort int
	Timeout        time.Duration
	Plan           planOptions
	ServerSignal   string
	DailyLimitWait time.Duration
}

func parseOptions(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("chaos", flag.ContinueOnError)
	fs.StringVar(&o.Root, "root", ".", "repository root (holds bin/ and .crmsync/)")
	fs.BoolVar(&o.Build, "build", true, "build the sandbox, worker and starter into bin/ first; false runs the binaries already there")
	fs.IntVar(&o.Contacts, "contacts", 20000, "Salesforce contacts in the sandbox")
	fs.IntVar(&o.Accounts, "accounts", 2000, "Salesforce accounts in the sandbox")
	fs.Int64Var(&o.Seed, "seed", 1, "seed of the sandbox data and of the chaos plan")
	fs.Float64Var(&o.FaultRate, "fault-rate", 0.05, "share of API requests failed by the sandbox (5xx and dropped connections)")
	fs.IntVar(&o.ZendeskRPM, "zendesk-rpm", 6000, "Zendesk requests per minute the sandbox allows")
	fs.IntVar(&o.TemporalPort, "temporal-port", 7243, "dev server frontend port")
	fs.IntVar(&o.UIPort, "ui-port", 8243, "dev server Web UI port")
	fs.IntVar(&o.ZendeskPort, "zendesk-port", 8811, "Zendesk sandbox port")
	fs.IntVar(&o.SalesforcePort, "salesforce-port", 8812, "Salesforce sandbox port")
	fs.DurationVar(&o.Timeout, "timeout", 15*time.Minute, "give up after this long")
	fs.IntVar(&o.Plan.Kills, "kills", 14, "worker SIGKILLs planned during the sync")
	fs.IntVar(&o.Plan.MinKills, "min-kills", 10, "the run fails when the sync ends before this many kills")
	fs.DurationVar(&o.Plan.MinGap, "min-gap", 2*time.Second, "shortest time between two kills")
	fs.DurationVar(&o.Plan.MaxGap, "max-gap", 10*time.Second, "longest time between two kills")
	fs.DurationVar(&o.Plan.MaxPause, "max-pause", 3*time.Second, "longest pause before a killed worker is restarted")
	fs.IntVar(&o.Plan.Storms, "storms", 4, "rate-limit storms, alternating between Zendesk and Salesforce")
	fs.IntVar(&o.Plan.MaxStormSeconds, "max-storm", 15, "longest storm, in seconds")
	fs.DurationVar(&o.DailyLimitWait, "daily-limit-wait", 20*time.Second,
		"the worker's CRMSYNC_DAILY_LIMIT_WAIT: a Salesforce storm answers as the daily limit does, but lasts seconds, not hours")
	fs.StringVar(&o.ServerSignal, "server-signal", "kill", "how the dev server is stopped for its restart: kill or term")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o.Plan.MinPause = 200 * time.Millisecond
	o.Plan.MinStormSeconds = 3
	o.Plan.ServerRestarts = 1
	switch {
	case o.Contacts <= 0 || o.Accounts <= 0:
		return o, fmt.Errorf("-contacts %d -accounts %d: want both above 0", o.Contacts, o.Accounts)
	case o.ServerSignal != "kill" && o.ServerSignal != "term":
		return o, fmt.Errorf("-server-signal %q: want kill or term", o.ServerSignal)
	}
	return o, o.Plan.validate()
}
