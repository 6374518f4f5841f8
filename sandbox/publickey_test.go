package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writePEM(t *testing.T, blockType string, der []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key.pem")
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}), 0o600))
	return path
}

func TestLoadRSAPublicKey(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	pkix1, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "crmsync"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	ecDER, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	require.NoError(t, err)

	tests := []struct {
		name    string
		path    string
		wantErr string
	}{
		{"pkix public key", writePEM(t, "PUBLIC KEY", pkix1), ""},
		{"pkcs1 public key", writePEM(t, "RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&key.PublicKey)), ""},
		{"certificate", writePEM(t, "CERTIFICATE", cert), ""},
		{"private key by mistake", writePEM(t, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key)), `"RSA PRIVATE KEY" is not a public key`},
		{"not RSA", writePEM(t, "PUBLIC KEY", ecDER), "not an RSA key"},
		{"damaged", writePEM(t, "PUBLIC KEY", []byte("nope")), "key.pem"},
		{"no such file", filepath.Join(t.TempDir(), "missing.pem"), "read public key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := loadRSAPublicKey(tt.path)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.True(t, key.PublicKey.Equal(got))
		})
	}
}

func TestLoadRSAPublicKeyRejectsNonPEM(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key.pem")
	require.NoError(t, os.WriteFile(path, []byte("just text"), 0o600))
	_, err := loadRSAPublicKey(path)
	assert.ErrorContains(t, err, "no PEM block")
}
