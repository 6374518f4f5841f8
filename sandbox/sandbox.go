package main

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/zendesk"
)

// The credentials both simulators accept. They are published in the banner
// on purpose: the sandbox holds generated data only.
const (
	zendeskEmail     = seed.AdminEmail
	zendeskToken     = "sandbox-token"
	sfClientID       = "sandbox-client"
	sfClientSecret   = "sandbox-secret"
	sfUsername       = "integration@example.com"
	shutdownDeadline = 10 * time.Second
)

// inputs is what the flags name outside the command line: files read once
// at start.
type inputs struct {
	jwtKey *rsa.PublicKey
	fields []salesforce.FieldDef
}

func loadInputs(cfg config) (inputs, error) {
	var in inputs
	var err error
	if cfg.JWTPublicKeyPath != "" {
		if in.jwtKey, err = loadRSAPublicKey(cfg.JWTPublicKeyPath); err != nil {
			return in, fmt.Errorf("-salesforce-jwt-public-key: %w", err)
		}
	}
	if cfg.FieldsPath != "" {
		if in.fields, err = salesforce.LoadFieldDefs(cfg.FieldsPath); err != nil {
			return in, fmt.Errorf("-salesforce-fields: %w", err)
		}
	}
	return in, nil
}

// sandbox is both simulators listening.
type sandbox struct {
	zendesk       *zendesk.Server
	salesforce    *salesforce.Server
	zendeskURL    string
	salesforceURL string
	summary       seed.Summary
	servers       []*http.Server
	failed        chan error
}

// generationDay anchors the seeded history. Whole days keep the data of a
// seed the same across restarts on one day while staying recent enough for
// the exports' time windows.
func generationDay(now time.Time) time.Time {
	return now.UTC().Truncate(24 * time.Hour)
}

// start generates the data, listens on both addresses and serves until
// shutdown. Both listeners are open before it returns, so an address in use
// is reported here rather than after the banner.
func start(cfg config, in inputs, now time.Time) (*sandbox, error) {
	data := seed.Generate(seed.Options{
		Seed:     cfg.Seed,
		Accounts: cfg.Accounts,
		Contacts: cfg.Contacts,
		Tickets:  cfg.Tickets,
		Now:      generationDay(now),
	})
	zl, err := net.Listen("tcp", cfg.ZendeskAddr)
	if err != nil {
		return nil, fmt.Errorf("listen for zendesk: %w", err)
	}
	sl, err := net.Listen("tcp", cfg.SalesforceAddr)
	if err != nil {
		_ = zl.Close()
		return nil, fmt.Errorf("listen for salesforce: %w", err)
	}
	sb := &sandbox{
		zendeskURL:    "http://" + zl.Addr().String(),
		salesforceURL: "http://" + sl.Addr().String(),
		summary:       data.Summary(),
		failed:        make(chan error, 2),
	}
	sb.zendesk = zendesk.New(zendesk.Config{
		Email:                   zendeskEmail,
		APIToken:                zendeskToken,
		RequestsPerMinute:       cfg.ZendeskRPM,
		ExportRequestsPerMinute: cfg.ZendeskExportRPM,
		BaseURL:                 sb.zendeskURL,
	}, data.Zendesk)
	sb.salesforce = salesforce.New(salesforce.Config{
		ClientID:     sfClientID,
		ClientSecret: sfClientSecret,
		Username:     sfUsername,
		JWTPublicKey: in.jwtKey,
		DailyLimit:   cfg.SalesforceDailyLimit,
		CustomFields: in.fields,
		BaseURL:      sb.salesforceURL,
	}, data.Salesforce)
	faults := faultConfig(cfg)
	sb.zendesk.Faults().Set(faults)
	sb.salesforce.Faults().Set(faults)

	sb.serve(zl, sb.zendesk)
	sb.serve(sl, sb.salesforce)
	return sb, nil
}

// faultConfig splits -fault-rate evenly between 5xx answers and dropped
// connections, the two failures a sync meets most from these services.
func faultConfig(cfg config) admin.FaultConfig {
	return admin.FaultConfig{ErrorRate: cfg.FaultRate / 2, DropRate: cfg.FaultRate / 2, Seed: cfg.Seed}
}

func (sb *sandbox) serve(l net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	sb.servers = append(sb.servers, srv)
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			sb.failed <- fmt.Errorf("serve %s: %w", l.Addr(), err)
		}
	}()
}

// shutdown stops accepting, lets requests in flight finish within ctx, and
// closes what is left.
func (sb *sandbox) shutdown(ctx context.Context) error {
	var errs []error
	for _, srv := range sb.servers {
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, err, srv.Close())
		}
	}
	return errors.Join(errs...)
}
