package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/admin"
)

func noEnv(string) string { return "" }

func TestRunRefusesBadFlagsWithOneLine(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad value", []string{"-tickets", "x"}, `invalid value "x" for flag -tickets`},
		{"out of range", []string{"-fault-rate", "2"}, "-fault-rate 2"},
		{"missing key file", []string{"-salesforce-jwt-public-key", filepath.Join(t.TempDir(), "none.pem")}, "-salesforce-jwt-public-key: read public key"},
		{"missing fields file", []string{"-salesforce-fields", filepath.Join(t.TempDir(), "none.json")}, "-salesforce-fields:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, noEnv, &stdout, &stderr)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout.String())
			assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), stderr.String())
			assert.Contains(t, stderr.String(), tt.want)
		})
	}
}

func TestRunHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 0, run(context.Background(), []string{"-h"}, noEnv, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "SANDBOX_ZENDESK_ADDR")
}

func TestRunAddressInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer func() { _ = l.Close() }()

	var stdout, stderr bytes.Buffer
	args := []string{"-zendesk-addr", l.Addr().String(), "-salesforce-addr", "127.0.0.1:0", "-contacts", "10", "-accounts", "2", "-tickets", "6"}
	assert.Equal(t, 1, run(context.Background(), args, noEnv, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "listen for zendesk")
}

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as a SIGINT arriving straight after start
	var stdout, stderr bytes.Buffer
	args := []string{"-zendesk-addr", "127.0.0.1:0", "-salesforce-addr", "127.0.0.1:0", "-contacts", "50", "-accounts", "5", "-tickets", "10"}
	assert.Equal(t, 0, run(ctx, args, noEnv, &stdout, &stderr), stderr.String())
	out := stdout.String()
	for _, want := range []string{"admin@example.com", "sandbox-token", "sandbox-client", "sandbox-secret", "/_sandbox/", "50 contacts", "sandbox stopped"} {
		assert.Contains(t, out, want)
	}
}

func TestStartServesBothSimulators(t *testing.T) {
	cfg := with(func(c *config) {
		c.ZendeskAddr, c.SalesforceAddr = "127.0.0.1:0", "127.0.0.1:0"
		c.Accounts, c.Contacts, c.Tickets = 5, 50, 10
		c.FaultRate = 0.4
	})
	sb, err := start(cfg, inputs{}, time.Now())
	require.NoError(t, err)
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		require.NoError(t, sb.shutdown(ctx))
	}()
	assert.Equal(t, 50, sb.summary.Contacts)

	for _, base := range []string{sb.zendeskURL, sb.salesforceURL} {
		resp, err := http.Get(base + "/_sandbox/faults")
		require.NoError(t, err, base)
		var got admin.FaultConfig
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
		_ = resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, admin.FaultConfig{ErrorRate: 0.2, DropRate: 0.2, Seed: cfg.Seed}, got, base)
	}
}

func TestGenerationDayIsStableWithinADay(t *testing.T) {
	morning := time.Date(2026, 5, 4, 0, 0, 1, 0, time.UTC)
	evening := time.Date(2026, 5, 4, 23, 59, 59, 0, time.UTC)
	assert.Equal(t, generationDay(morning), generationDay(evening))
	assert.NotEqual(t, generationDay(morning), generationDay(morning.Add(24*time.Hour)))
	assert.False(t, generationDay(evening).After(evening))
}
