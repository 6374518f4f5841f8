package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
)

// config is everything the sandbox command is told at start.
type config struct {
	ZendeskAddr          string
	SalesforceAddr       string
	Accounts             int
	Contacts             int
	Tickets              int
	Seed                 int64
	ZendeskRPM           int
	ZendeskExportRPM     int
	SalesforceDailyLimit int
	FaultRate            float64
	JWTPublicKeyPath     string
	FieldsPath           string
}

// envOf names the environment variable that sets each flag. Flags on the
// command line win over the environment.
var envOf = map[string]string{
	"zendesk-addr":           "SANDBOX_ZENDESK_ADDR",
	"salesforce-addr":        "SANDBOX_SALESFORCE_ADDR",
	"accounts":               "SANDBOX_ACCOUNTS",
	"contacts":               "SANDBOX_CONTACTS",
	"tickets":                "SANDBOX_TICKETS",
	"seed":                   "SANDBOX_SEED",
	"zendesk-rpm":            "SANDBOX_ZENDESK_RPM",
	"zendesk-export-rpm":     "SANDBOX_ZENDESK_EXPORT_RPM",
	"salesforce-daily-limit": "SANDBOX_SALESFORCE_DAILY_LIMIT",
	"fault-rate":             "SANDBOX_FAULT_RATE",
}

// newFlagSet binds the flags to c. Its own complaints are discarded: the
// caller prints one error line, and the usage only when asked.
func newFlagSet(c *config) *flag.FlagSet {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.ZendeskAddr, "zendesk-addr", "127.0.0.1:8801", "listen address of the Zendesk simulator")
	fs.StringVar(&c.SalesforceAddr, "salesforce-addr", "127.0.0.1:8802", "listen address of the Salesforce simulator")
	fs.IntVar(&c.Accounts, "accounts", 500, "Salesforce accounts to generate")
	fs.IntVar(&c.Contacts, "contacts", 5000, "Salesforce contacts to generate")
	fs.IntVar(&c.Tickets, "tickets", 1000, "Zendesk tickets to generate")
	fs.Int64Var(&c.Seed, "seed", 1, "seed of the generated data and of fault injection")
	fs.IntVar(&c.ZendeskRPM, "zendesk-rpm", 700, "Zendesk requests per minute, below 0 for no limit")
	fs.IntVar(&c.ZendeskExportRPM, "zendesk-export-rpm", 10, "Zendesk incremental export requests per minute, below 0 for no limit")
	fs.IntVar(&c.SalesforceDailyLimit, "salesforce-daily-limit", 100000, "Salesforce API requests per rolling 24 hours")
	fs.Float64Var(&c.FaultRate, "fault-rate", 0, "fraction of API requests failed, half with a 5xx and half with a dropped connection")
	fs.StringVar(&c.JWTPublicKeyPath, "salesforce-jwt-public-key", "", "PEM file of the public key that verifies JWT bearer assertions")
	fs.StringVar(&c.FieldsPath, "salesforce-fields", "", "JSON file of Salesforce custom field definitions")
	for name, env := range envOf {
		if fs.Lookup(name) != nil {
			fs.Lookup(name).Usage += " (env " + env + ")"
		}
	}
	return fs
}

// printUsage writes the flags and their environment variables to w.
func printUsage(w io.Writer) {
	fs := newFlagSet(&config{})
	fs.SetOutput(w)
	_, _ = fmt.Fprintln(w, "usage: sandbox [flags]")
	fs.PrintDefaults()
}

// parseConfig reads the environment, then args; -h answers flag.ErrHelp.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	var c config
	fs := newFlagSet(&c)
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		env := envOf[f.Name]
		if v := getenv(env); env != "" && v != "" && envErr == nil {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = fmt.Errorf("%s=%q: not a valid %s", env, v, f.Name)
			}
		}
	})
	if envErr != nil {
		return c, envErr
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return c, c.validate()
}

func (c config) validate() error {
	for _, a := range []struct{ flag, addr string }{{"zendesk-addr", c.ZendeskAddr}, {"salesforce-addr", c.SalesforceAddr}} {
		if _, _, err := net.SplitHostPort(a.addr); err != nil {
			return fmt.Errorf("-%s %q: want host:port", a.flag, a.addr)
		}
	}
	if _, port, _ := net.SplitHostPort(c.ZendeskAddr); c.ZendeskAddr == c.SalesforceAddr && port != "0" {
		return fmt.Errorf("-zendesk-addr and -salesforce-addr are both %q", c.ZendeskAddr)
	}
	for _, n := range []struct {
		flag string
		v    int
	}{{"accounts", c.Accounts}, {"contacts", c.Contacts}, {"tickets", c.Tickets}} {
		if n.v < 0 || n.v > 10_000_000 {
			return fmt.Errorf("-%s %d: want 0 to 10000000", n.flag, n.v)
		}
	}
	if c.ZendeskRPM == 0 {
		return errors.New("-zendesk-rpm 0: want a limit above 0, or below 0 for none")
	}
	if c.ZendeskExportRPM == 0 {
		return errors.New("-zendesk-export-rpm 0: want a limit above 0, or below 0 for none")
	}
	if c.SalesforceDailyLimit <= 0 {
		return fmt.Errorf("-salesforce-daily-limit %d: want above 0", c.SalesforceDailyLimit)
	}
	if !(c.FaultRate >= 0 && c.FaultRate <= 1) {
		return fmt.Errorf("-fault-rate %v: want 0 to 1", c.FaultRate)
	}
	return nil
}
