package salesforce

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

const (
	defaultAPIVersion = "62.0"
	defaultTimeout    = 60 * time.Second
)

// Config selects the org and the OAuth flow. Set ClientSecret for the client
// credentials flow, or Username and PrivateKeyPEM for the JWT bearer flow;
// setting both is refused so a deployment never silently uses the wrong one.
type Config struct {
	LoginURL          string // e.g. https://login.salesforce.com
	ClientID          string
	ClientSecret      string
	Username          string
	PrivateKeyPEM     []byte
	APIVersion        string        // default "62.0"
	Timeout           time.Duration // per HTTP request, default 60s
	RequestsPerMinute int           // in-process pacing; 0 = none
	// OnPacingWait, when set, is told the length of every wait the
	// in-process pacing made a call sit out, e.g. for metrics. It must be
	// safe for concurrent use.
	OnPacingWait func(time.Duration)
}

type flow int

const (
	flowClientCredentials flow = iota + 1
	flowJWTBearer
)

var apiVersionPattern = regexp.MustCompile(`^[0-9]{2,3}\.[0-9]$`)

// settings is a validated Config with defaults applied.
type settings struct {
	loginURL     string
	clientID     string
	clientSecret string
	username     string
	key          *rsa.PrivateKey
	flow         flow
	apiVersion   string
	timeout      time.Duration
	rpm          int
	onPacingWait func(time.Duration)
}

func (cfg Config) validate() (*settings, error) {
	s := &settings{
		loginURL:     strings.TrimRight(strings.TrimSpace(cfg.LoginURL), "/"),
		clientID:     cfg.ClientID,
		clientSecret: cfg.ClientSecret,
		username:     cfg.Username,
		apiVersion:   strings.TrimPrefix(cfg.APIVersion, "v"),
		timeout:      cfg.Timeout,
		rpm:          cfg.RequestsPerMinute,
		onPacingWait: cfg.OnPacingWait,
	}
	if s.loginURL == "" {
		return nil, errors.New("LoginURL is required")
	}
	u, err := url.Parse(s.loginURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("LoginURL %q must be an absolute http(s) URL", cfg.LoginURL)
	}
	if s.clientID == "" {
		return nil, errors.New("ClientID (the connected app's consumer key) is required")
	}

	hasSecret := cfg.ClientSecret != ""
	hasJWT := cfg.Username != "" || len(cfg.PrivateKeyPEM) > 0
	switch {
	case hasSecret && hasJWT:
		return nil, errors.New("set either ClientSecret (client credentials flow) or Username with PrivateKeyPEM (JWT bearer flow), not both")
	case hasSecret:
		s.flow = flowClientCredentials
	case cfg.Username == "" && len(cfg.PrivateKeyPEM) == 0:
		return nil, errors.New("no OAuth flow configured: set ClientSecret (client credentials flow) or Username with PrivateKeyPEM (JWT bearer flow)")
	case cfg.Username == "":
		return nil, errors.New("JWT bearer flow: Username is required with PrivateKeyPEM")
	case len(cfg.PrivateKeyPEM) == 0:
		return nil, errors.New("JWT bearer flow: PrivateKeyPEM is required with Username")
	default:
		key, err := parseRSAKey(cfg.PrivateKeyPEM)
		if err != nil {
			return nil, fmt.Errorf("JWT bearer flow: PrivateKeyPEM: %w", err)
		}
		s.flow, s.key = flowJWTBearer, key
	}

	if s.apiVersion == "" {
		s.apiVersion = defaultAPIVersion
	}
	if !apiVersionPattern.MatchString(s.apiVersion) {
		return nil, fmt.Errorf("APIVersion %q must look like %q", cfg.APIVersion, defaultAPIVersion)
	}
	if s.timeout < 0 {
		return nil, fmt.Errorf("Timeout %s must not be negative", s.timeout)
	}
	if s.timeout == 0 {
		s.timeout = defaultTimeout
	}
	if s.rpm < 0 {
		return nil, fmt.Errorf("RequestsPerMinute %d must not be negative", s.rpm)
	}
	return s, nil
}

// parseRSAKey accepts PKCS#1 and PKCS#8 keys. Errors never quote the input.
func parseRSAKey(data []byte) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("no PEM block found")
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, errors.New("invalid PKCS#1 RSA private key")
		}
		return key, nil
	case "PRIVATE KEY":
		parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, errors.New("invalid PKCS#8 private key")
		}
		key, ok := parsed.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("PKCS#8 key is %T, RS256 needs an RSA key", parsed)
		}
		return key, nil
	default:
		return nil, fmt.Errorf("PEM block type %q is not a private key", block.Type)
	}
}
