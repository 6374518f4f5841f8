package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sfsandbox "github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/telemetry"
)

// startSandboxes serves both simulators in process and points the
// worker's environment at them.
func startSandboxes(t *testing.T) (zendeskURL, salesforceURL string) {
	t.Helper()
	data := seed.Generate(seed.Options{Seed: 1, Accounts: 3, Contacts: 10, Tickets: 2})
	zd := httptest.NewServer(zdsandbox.New(zdsandbox.Config{}, data.Zendesk))
	t.Cleanup(zd.Close)
	sf := httptest.NewServer(sfsandbox.New(sfsandbox.Config{}, data.Salesforce))
	t.Cleanup(sf.Close)
	t.Setenv("ZENDESK_URL", zd.URL)
	t.Setenv("SALESFORCE_LOGIN_URL", sf.URL)
	t.Setenv("CRMSYNC_STORE", filepath.Join(t.TempDir(), "state.db"))
	return zd.URL, sf.URL
}

// buildFromEnv is the worker's start-up up to the first task.
func buildFromEnv(t *testing.T) error {
	t.Helper()
	c, err := loadConfig()
	require.NoError(t, err, "the environment itself is valid")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, closeStore, err := build(ctx, c, telemetry.NewMetrics())
	if err == nil {
		closeStore()
	}
	return err
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

// unregisteredKey is a PEM RSA key the sandbox org does not know.
func unregisteredKey(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	der := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	return writeFile(t, "key.pem", string(der))
}

func TestBuildAgainstTheSandboxStarts(t *testing.T) {
	startSandboxes(t)
	assert.NoError(t, buildFromEnv(t))
}

func TestStartupRefusalNamesTheVariableNotTheSecret(t *testing.T) {
	cases := []struct {
		name   string
		env    func(t *testing.T, zendeskURL, salesforceURL string) map[string]string
		want   []string
		unwant []string // besides the secrets
	}{
		{
			name: "Zendesk API token",
			env: func(*testing.T, string, string) map[string]string {
				return map[string]string{"ZENDESK_API_TOKEN": "wrong-zendesk-token-1"}
			},
			want: []string{"refused ZENDESK_EMAIL/ZENDESK_API_TOKEN", "status 401", "Couldn't authenticate you"},
		},
		{
			name: "Zendesk OAuth token",
			env: func(*testing.T, string, string) map[string]string {
				return map[string]string{"ZENDESK_OAUTH_TOKEN": "wrong-oauth-token-2"}
			},
			want:   []string{"refused ZENDESK_OAUTH_TOKEN", "status 401"},
			unwant: []string{"ZENDESK_API_TOKEN"},
		},
		{
			name: "Zendesk URL",
			env: func(_ *testing.T, _, salesforceURL string) map[string]string {
				return map[string]string{"ZENDESK_URL": salesforceURL}
			},
			want:   []string{"ZENDESK_URL=http://127.0.0.1:", "not found"},
			unwant: []string{"ZENDESK_API_TOKEN"},
		},
		{
			name: "Salesforce client secret",
			env: func(*testing.T, string, string) map[string]string {
				return map[string]string{"SALESFORCE_CLIENT_SECRET": "wrong-client-secret-3"}
			},
			want: []string{"refused SALESFORCE_CLIENT_ID/SALESFORCE_CLIENT_SECRET", "invalid_client"},
		},
		{
			name: "Salesforce JWT key",
			env: func(t *testing.T, _, _ string) map[string]string {
				return map[string]string{"SALESFORCE_USERNAME": "integration@example.com", "SALESFORCE_PRIVATE_KEY_FILE": unregisteredKey(t)}
			},
			want:   []string{"refused SALESFORCE_CLIENT_ID/SALESFORCE_USERNAME/SALESFORCE_PRIVATE_KEY_FILE", "status 400"},
			unwant: []string{"PRIVATE KEY", "SALESFORCE_CLIENT_SECRET"},
		},
		{
			name: "mapping field the org lacks",
			env: func(t *testing.T, _, _ string) map[string]string {
				return map[string]string{"CRMSYNC_MAPPING": writeFile(t, "m.yaml", "contacts:\n  fields:\n    - {zendesk: user_fields.x, salesforce: Emial}\n")}
			},
			want:   []string{"CRMSYNC_MAPPING=", "m.yaml does not fit the org: contacts: field 7", `unknown field "Emial"`},
			unwant: []string{"mapping: mapping", "does not fit the org: mapping:"},
		},
		{
			name: "malformed mapping file",
			env: func(t *testing.T, _, _ string) map[string]string {
				return map[string]string{"CRMSYNC_MAPPING": writeFile(t, "m.yaml", "contacts:\n  fields:\n    - {zendesk: email, salesforce: Email, transforms: [bogus]}\n")}
			},
			want:   []string{"CRMSYNC_MAPPING: load mapping ", "m.yaml: contacts: field ", `unknown transform "bogus"`},
			unwant: []string{"mapping: mapping", "m.yaml: mapping:"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			zendeskURL, salesforceURL := startSandboxes(t)
			env := tc.env(t, zendeskURL, salesforceURL)
			for k, v := range env {
				t.Setenv(k, v)
			}
			err := buildFromEnv(t)
			require.Error(t, err)
			msg := err.Error()
			for _, w := range tc.want {
				assert.Contains(t, msg, w)
			}
			for _, u := range tc.unwant {
				assert.NotContains(t, msg, u)
			}
			t.Log(msg)
			for _, secret := range []string{"ZENDESK_API_TOKEN", "ZENDESK_OAUTH_TOKEN", "SALESFORCE_CLIENT_SECRET"} {
				if v, ok := env[secret]; ok {
					assert.NotContains(t, msg, v, "the value of %s", secret)
				}
			}
			// The sandbox's own credentials, which stay in effect on the
			// side not under test.
			assert.NotContains(t, msg, "sandbox-token")
			assert.NotContains(t, msg, "sandbox-secret")
		})
	}
}
