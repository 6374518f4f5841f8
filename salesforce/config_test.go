package salesforce

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientValidatesConfig(t *testing.T) {
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	ecDER, err := x509.MarshalPKCS8PrivateKey(ecKey)
	require.NoError(t, err)
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER})
	rsaPEM := pkcs8PEM(t, rsaKey(t))
	base := Config{LoginURL: "https://login.salesforce.com", ClientID: "id"}

	tests := []struct {
		name string
		mod  func(c *Config)
		want string
	}{
		{"no login url", func(c *Config) { c.LoginURL = ""; c.ClientSecret = "s" }, "LoginURL is required"},
		{"relative login url", func(c *Config) { c.LoginURL = "login.salesforce.com"; c.ClientSecret = "s" }, "absolute http(s) URL"},
		{"no client id", func(c *Config) { c.ClientID = ""; c.ClientSecret = "s" }, "ClientID"},
		{"no flow", func(c *Config) {}, "no OAuth flow configured"},
		{"both flows", func(c *Config) { c.ClientSecret = "s"; c.Username = "u"; c.PrivateKeyPEM = rsaPEM }, "not both"},
		{"jwt without key", func(c *Config) { c.Username = "u" }, "PrivateKeyPEM is required"},
		{"jwt without user", func(c *Config) { c.PrivateKeyPEM = rsaPEM }, "Username is required"},
		{"key not pem", func(c *Config) { c.Username = "u"; c.PrivateKeyPEM = []byte("hunter2-key-material") }, "no PEM block"},
		{"key not rsa", func(c *Config) { c.Username = "u"; c.PrivateKeyPEM = ecPEM }, "needs an RSA key"},
		{"public key pem", func(c *Config) {
			c.Username = "u"
			c.PrivateKeyPEM = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1}})
		}, "not a private key"},
		{"bad version", func(c *Config) { c.ClientSecret = "s"; c.APIVersion = "latest" }, "APIVersion"},
		{"negative timeout", func(c *Config) { c.ClientSecret = "s"; c.Timeout = -time.Second }, "Timeout"},
		{"negative pacing", func(c *Config) { c.ClientSecret = "s"; c.RequestsPerMinute = -1 }, "RequestsPerMinute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base
			tt.mod(&cfg)
			_, err := NewClient(cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "salesforce: config: ")
			assert.NotContains(t, err.Error(), "hunter2")
		})
	}
}

func TestNewClientDefaults(t *testing.T) {
	c, err := NewClient(Config{LoginURL: "https://login.salesforce.com/", ClientID: "id", ClientSecret: "s"})
	require.NoError(t, err)
	assert.Equal(t, "62.0", c.cfg.apiVersion)
	assert.Equal(t, 60*time.Second, c.cfg.timeout)
	assert.Equal(t, "https://login.salesforce.com", c.cfg.loginURL)
	assert.Nil(t, c.pacer)
	assert.Equal(t, flowClientCredentials, c.cfg.flow)

	c, err = NewClient(Config{LoginURL: "http://127.0.0.1:8802", ClientID: "id", Username: "u", PrivateKeyPEM: pkcs8PEM(t, rsaKey(t)),
		APIVersion: "v58.0", Timeout: time.Second, RequestsPerMinute: 60})
	require.NoError(t, err)
	assert.Equal(t, "58.0", c.cfg.apiVersion)
	assert.Equal(t, flowJWTBearer, c.cfg.flow)
	assert.NotNil(t, c.pacer)
}
