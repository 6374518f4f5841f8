package salesforce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/crmsync/crmsync/pacing"
)

// Client talks to one Salesforce org. It is safe for concurrent use.
type Client struct {
	cfg    *settings
	http   *resty.Client
	pacer  *pacing.Bucket // nil: no in-process budget
	limits limitTracker
	now    func() time.Time

	// grantLock is a one-slot semaphore guarding tok; a channel rather than a
	// mutex so goroutines waiting behind a slow grant can give up on ctx.
	grantLock chan struct{}
	tok       *token
}

// NewClient validates cfg and builds a client. It does not call the network;
// the first call (or Authenticate) grants the token.
func NewClient(cfg Config) (*Client, error) {
	s, err := cfg.validate()
	if err != nil {
		return nil, fmt.Errorf("salesforce: config: %w", err)
	}
	// No cookie jar: the API is stateless and cookies would only carry
	// session state between calls that must stand alone.
	h := resty.New().
		SetCookieJar(nil).
		SetRetryCount(0).
		SetLogger(discardLogger{}).
		SetHeader("User-Agent", "crmsync-salesforce")
	c := &Client{
		cfg:       s,
		http:      h,
		now:       time.Now,
		grantLock: make(chan struct{}, 1),
	}
	if s.rpm > 0 {
		c.pacer = newPacer(s.rpm, time.Now())
	}
	return c, nil
}

// apiRequest is one REST call. path is relative to /services/data/vXX.X
// unless absolute is set (nextRecordsUrl already carries the version).
type apiRequest struct {
	method   string
	path     string
	absolute bool
	query    url.Values
	header   map[string]string
	body     any
}

type apiResponse struct {
	status int
	body   []byte
}

func (c *Client) fullPath(r *apiRequest) string {
	if r.absolute {
		return r.path
	}
	return "/services/data/v" + c.cfg.apiVersion + r.path
}

// do sends r, re-granting the token once on 401 and repeating the call once.
// Any status >= 400 becomes a typed error wrapped with the method and path.
func (c *Client) do(ctx context.Context, r *apiRequest) (*apiResponse, error) {
	path := c.fullPath(r)
	wrap := func(err error) error { return fmt.Errorf("salesforce: %s %s: %w", r.method, path, err) }

	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return nil, wrap(fmt.Errorf("encode request body: %w", err))
		}
	}

	for attempt := 1; ; attempt++ {
		tok, err := c.currentToken(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := c.send(ctx, tok, r, path, payload)
		if err != nil {
			return nil, wrap(err)
		}
		if resp.status == http.StatusUnauthorized && attempt == 1 {
			if err := c.invalidate(ctx, tok); err != nil {
				return nil, wrap(err)
			}
			continue
		}
		if resp.status >= http.StatusBadRequest {
			return resp, wrap(errorFromResponse(resp.status, resp.body))
		}
		return resp, nil
	}
}

// doJSON sends r and decodes a success body into v. A body that does not
// decode gets the same method-and-path context as a failed call.
func (c *Client) doJSON(ctx context.Context, r *apiRequest, v any) (*apiResponse, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	if err := decodeJSON(resp.status, resp.body, v); err != nil {
		return nil, c.wrapDecode(r, err)
	}
	return resp, nil
}

func (c *Client) send(ctx context.Context, tok *token, r *apiRequest, path string, payload []byte) (*apiResponse, error) {
	if c.pacer != nil {
		// The wall clock, not c.now: tests pin c.now for JWT expiry, and a
		// pinned clock would never refill the bucket.
		slept, err := c.pacer.Wait(ctx, time.Now())
		if err != nil {
			return nil, fmt.Errorf("wait for request pacing: %w", err)
		}
		if slept > 0 && c.cfg.onPacingWait != nil {
			c.cfg.onPacingWait(slept)
		}
	}
	reqCtx, cancel := context.WithTimeout(ctx, c.cfg.timeout)
	defer cancel()
	req := c.http.R().
		SetContext(reqCtx).
		SetHeader("Authorization", "Bearer "+tok.accessToken).
		SetHeader("Accept", "application/json")
	for k, v := range r.header {
		req.SetHeader(k, v)
	}
	if len(r.query) > 0 {
		req.SetQueryParamsFromValues(r.query)
	}
	if payload != nil {
		req.SetHeader("Content-Type", "application/json").SetBody(payload)
	}
	resp, err := req.Execute(r.method, tok.instanceURL+path)
	if err != nil {
		return nil, transportError(ctx, err)
	}
	c.limits.observe(resp.Header().Get("Sforce-Limit-Info"), c.now())
	return &apiResponse{status: resp.StatusCode(), body: resp.Body()}, nil
}

type discardLogger struct{}

func (discardLogger) Errorf(string, ...any) {}
func (discardLogger) Warnf(string, ...any)  {}
func (discardLogger) Debugf(string, ...any) {}

// wrapDecode gives a decode failure the same context as a transport failure.
func (c *Client) wrapDecode(r *apiRequest, err error) error {
	return fmt.Errorf("salesforce: %s %s: %w", r.method, c.fullPath(r), err)
}
