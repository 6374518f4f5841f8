package main

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// loadRSAPublicKey reads the key a connected app's certificate carries, in
// any of the PEM forms openssl writes: a certificate, a PKIX public key or a
// PKCS #1 public key.
func loadRSAPublicKey(path string) (*rsa.PublicKey, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read public key: %w", err)
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		return nil, fmt.Errorf("public key %s: no PEM block", path)
	}
	var key any
	switch block.Type {
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("public key %s: parse certificate: %w", path, err)
		}
		key = cert.PublicKey
	case "PUBLIC KEY":
		if key, err = x509.ParsePKIXPublicKey(block.Bytes); err != nil {
			return nil, fmt.Errorf("public key %s: %w", path, err)
		}
	case "RSA PUBLIC KEY":
		if key, err = x509.ParsePKCS1PublicKey(block.Bytes); err != nil {
			return nil, fmt.Errorf("public key %s: %w", path, err)
		}
	default:
		// Deliberately not echoing the block: a private key put here by
		// mistake must not reach the terminal.
		return nil, fmt.Errorf("public key %s: PEM block %q is not a public key or certificate", path, block.Type)
	}
	rsaKey, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, errors.New("public key " + path + ": not an RSA key (Salesforce signs RS256)")
	}
	return rsaKey, nil
}
