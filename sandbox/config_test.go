package main

import (
	"bytes"
	"flag"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var defaults = config{
	ZendeskAddr:          "127.0.0.1:8801",
	SalesforceAddr:       "127.0.0.1:8802",
	Accounts:             500,
	Contacts:             5000,
	Tickets:              1000,
	Seed:                 1,
	ZendeskRPM:           700,
	ZendeskExportRPM:     10,
	SalesforceDailyLimit: 100000,
}

func with(change func(c *config)) config {
	c := defaults
	change(&c)
	return c
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr string
	}{
		{name: "defaults", want: defaults},
		{
			name: "every flag",
			args: []string{
				"-zendesk-addr", ":9001", "-salesforce-addr", "localhost:9002", "-accounts", "10",
				"-contacts", "20", "-tickets", "30", "-seed", "-5", "-zendesk-rpm", "-1",
				"-zendesk-export-rpm", "30", "-salesforce-daily-limit", "15000", "-fault-rate", "0.2",
				"-salesforce-jwt-public-key", "key.pem", "-salesforce-fields", "fields.json",
			},
			want: config{
				ZendeskAddr: ":9001", SalesforceAddr: "localhost:9002", Accounts: 10, Contacts: 20,
				Tickets: 30, Seed: -5, ZendeskRPM: -1, ZendeskExportRPM: 30, SalesforceDailyLimit: 15000,
				FaultRate: 0.2, JWTPublicKeyPath: "key.pem", FieldsPath: "fields.json",
			},
		},
		{
			name: "every environment variable",
			env: map[string]string{
				"SANDBOX_ZENDESK_ADDR": ":7001", "SANDBOX_SALESFORCE_ADDR": ":7002", "SANDBOX_ACCOUNTS": "1",
				"SANDBOX_CONTACTS": "2", "SANDBOX_TICKETS": "3", "SANDBOX_SEED": "4", "SANDBOX_ZENDESK_RPM": "200",
				"SANDBOX_ZENDESK_EXPORT_RPM": "-1", "SANDBOX_SALESFORCE_DAILY_LIMIT": "5", "SANDBOX_FAULT_RATE": "1",
			},
			want: config{
				ZendeskAddr: ":7001", SalesforceAddr: ":7002", Accounts: 1, Contacts: 2, Tickets: 3, Seed: 4,
				ZendeskRPM: 200, ZendeskExportRPM: -1, SalesforceDailyLimit: 5, FaultRate: 1,
			},
		},
		{
			name: "flags win over the environment",
			args: []string{"-contacts", "7"},
			env:  map[string]string{"SANDBOX_CONTACTS": "9", "SANDBOX_TICKETS": "8"},
			want: with(func(c *config) { c.Contacts, c.Tickets = 7, 8 }),
		},
		{name: "bad environment value", env: map[string]string{"SANDBOX_SEED": "one"}, wantErr: `SANDBOX_SEED="one": not a valid seed`},
		{name: "bad flag value", args: []string{"-contacts", "many"}, wantErr: `invalid value "many" for flag -contacts`},
		{name: "unknown flag", args: []string{"-contact", "1"}, wantErr: "flag provided but not defined: -contact"},
		{name: "stray argument", args: []string{"serve"}, wantErr: `unexpected argument "serve"`},
		{name: "address without port", args: []string{"-zendesk-addr", "localhost"}, wantErr: `-zendesk-addr "localhost": want host:port`},
		{name: "same address twice", args: []string{"-salesforce-addr", "127.0.0.1:8801"}, wantErr: "both"},
		{name: "negative contacts", args: []string{"-contacts", "-1"}, wantErr: "-contacts -1: want 0 to 10000000"},
		{name: "zero rpm", args: []string{"-zendesk-rpm", "0"}, wantErr: "-zendesk-rpm 0"},
		{name: "zero export rpm", env: map[string]string{"SANDBOX_ZENDESK_EXPORT_RPM": "0"}, wantErr: "-zendesk-export-rpm 0"},
		{name: "zero daily limit", args: []string{"-salesforce-daily-limit", "0"}, wantErr: "-salesforce-daily-limit 0"},
		{name: "fault rate above one", args: []string{"-fault-rate", "1.5"}, wantErr: "-fault-rate 1.5: want 0 to 1"},
		{name: "fault rate not a number", args: []string{"-fault-rate", "NaN"}, wantErr: "-fault-rate NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseConfig(tt.args, func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseConfigHelp(t *testing.T) {
	_, err := parseConfig([]string{"-h"}, func(string) string { return "" })
	require.ErrorIs(t, err, flag.ErrHelp)

	var out bytes.Buffer
	printUsage(&out)
	for _, name := range []string{"-zendesk-addr", "-fault-rate", "SANDBOX_FAULT_RATE", "-salesforce-fields"} {
		assert.Contains(t, out.String(), name)
	}
}
