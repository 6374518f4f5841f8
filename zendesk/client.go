package zendesk

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
)

const (
	defaultUserAgent = "crmsync-zendesk"
	// maxBodyBytes caps a response in memory; a 1000-record export page is a
	// few megabytes.
	maxBodyBytes = 64 << 20
)

// Client talks to one Zendesk account. It is safe for concurrent use; share
// one per account so pacing sees all requests.
type Client struct {
	http  *resty.Client
	pacer *pacer

	mu      sync.Mutex
	rate    Rate
	incRate Rate
}

// NewClient validates cfg and builds a client.
func NewClient(cfg Config) (*Client, error) {
	base, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	auth := "Bearer " + cfg.OAuthToken
	if cfg.OAuthToken == "" {
		auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(cfg.Email+"/token:"+cfg.APIToken))
	}
	rc := resty.New().
		SetBaseURL(base).
		SetTimeout(timeout).
		SetRetryCount(0). // Temporal owns retries.
		SetDebug(false).  // debug output would print the Authorization header.
		SetLogger(discardLogger{}).
		SetResponseBodyLimit(maxBodyBytes).
		SetHeader("Accept", "application/json").
		SetHeader("User-Agent", orDefault(cfg.UserAgent, defaultUserAgent)).
		SetHeader("Authorization", auth)
	return &Client{http: rc, pacer: newPacer(cfg.RequestsPerMinute, cfg.OnPacingWait)}, nil
}

// Rate returns the account rate-limit headers of the last response that
// carried them.
func (c *Client) Rate() Rate {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rate
}

// IncrementalRate returns the last state of the incremental-export bucket.
func (c *Client) IncrementalRate() Rate {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.incRate
}

// request is one API call.
type request struct {
	method string
	path   string
	query  url.Values
	body   any
	bucket bucket
}

func (r request) op() string { return r.method + " " + r.path }

// do sends r and decodes a 2xx body into out (skipped when out is nil). It
// returns the status code so callers can tell 201 from 200. Every error
// names the method and path and wraps a typed error.
func (c *Client) do(ctx context.Context, r request, out any) (int, error) {
	if err := c.pacer.wait(ctx, r.bucket); err != nil {
		return 0, fmt.Errorf("zendesk: %s: %w", r.op(), err)
	}
	defer c.pacer.done(r.bucket)
	req := c.http.R().SetContext(ctx)
	if r.query != nil {
		req.SetQueryParamsFromValues(r.query)
	}
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return 0, fmt.Errorf("zendesk: %s: encode request: %w", r.op(), err)
		}
		req.SetHeader("Content-Type", "application/json").SetBody(b)
	}
	resp, err := req.Execute(r.method, r.path)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return 0, fmt.Errorf("zendesk: %s: %w", r.op(), ctxErr)
		}
		status := 0
		if resp != nil && resp.RawResponse != nil {
			status = resp.StatusCode()
		}
		return 0, fmt.Errorf("zendesk: %s: %w", r.op(), &TransientError{StatusCode: status, Err: err})
	}

	now := c.pacer.now()
	status := resp.StatusCode()
	// A 429's Retry-After is authoritative; its Remaining 0 must not stretch
	// the wait to a guessed window end.
	c.observe(resp.Header(), now, status != http.StatusTooManyRequests)
	if status < 200 || status > 299 {
		apiErr := errorFor(status, resp.Header(), resp.Body(), now)
		if rl, ok := apiErr.(*RateLimitError); ok {
			c.pacer.block(r.bucket, now.Add(rl.RetryAfter))
		}
		return status, fmt.Errorf("zendesk: %s: %w", r.op(), apiErr)
	}
	if out == nil {
		return status, nil
	}
	if err := decodeJSON(status, resp.Header(), resp.Body(), out); err != nil {
		return status, fmt.Errorf("zendesk: %s: %w", r.op(), err)
	}
	return status, nil
}

// observe records the rate-limit headers and, when a window is spent, holds
// back further requests until it reopens.
func (c *Client) observe(h http.Header, now time.Time, block bool) {
	if r, ok := parseRate(h, now); ok {
		c.mu.Lock()
		c.rate = r
		c.mu.Unlock()
		reset := accountReset(h, r)
		if block {
			c.pacer.heard(accountBucket, r.Limit, r.Remaining, reset)
		}
		if block && r.Remaining <= 0 {
			c.pacer.block(accountBucket, reset)
		}
	}
	if r, reset, ok := parseIncrementalRate(h, now); ok {
		c.mu.Lock()
		c.incRate = r
		c.mu.Unlock()
		if block {
			c.pacer.heard(incrementalBucket, r.Limit, r.Remaining, reset)
		}
		if block && r.Remaining <= 0 {
			c.pacer.block(incrementalBucket, reset)
		}
	}
}

// discardLogger silences resty, which would otherwise warn on stderr (e.g.
// about auth over plain http to the sandbox).
type discardLogger struct{}

func (discardLogger) Errorf(string, ...any) {}
func (discardLogger) Warnf(string, ...any)  {}
func (discardLogger) Debugf(string, ...any) {}
