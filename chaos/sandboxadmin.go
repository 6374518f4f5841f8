package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/crmsync/crmsync/sandbox/admin"
)

// sandboxAdmin steers one simulator through its /_sandbox/ API.
type sandboxAdmin struct {
	name string
	base string // e.g. http://127.0.0.1:8811
	http *http.Client
}

func newSandboxAdmin(name, base string) *sandboxAdmin {
	return &sandboxAdmin{name: name, base: base, http: &http.Client{Timeout: 10 * time.Second}}
}

// storm refuses every API request as over the limit for seconds.
func (a *sandboxAdmin) storm(ctx context.Context, seconds int) error {
	return a.call(ctx, http.MethodPost, fmt.Sprintf("storm?seconds=%d", seconds), nil, nil)
}

// calm turns every fault off, ending a storm too, so that the check reads
// the end state without fighting the chaos.
func (a *sandboxAdmin) calm(ctx context.Context) error {
	return a.call(ctx, http.MethodPut, "faults", admin.FaultConfig{}, nil)
}

func (a *sandboxAdmin) stats(ctx context.Context) (admin.Snapshot, error) {
	var s admin.Snapshot
	err := a.call(ctx, http.MethodGet, "stats", nil, &s)
	return s, err
}

func (a *sandboxAdmin) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("%s admin %s: %w", a.name, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+admin.Prefix+path, body)
	if err != nil {
		return fmt.Errorf("%s admin %s: %w", a.name, path, err)
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s admin %s: %w", a.name, path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("%s admin %s: read answer: %w", a.name, path, err)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s admin %s: %s: %s", a.name, path, resp.Status, bytes.TrimSpace(data))
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s admin %s: decode answer: %w", a.name, path, err)
		}
	}
	return nil
}
