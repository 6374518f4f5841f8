package salesforce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

const tokenPath = "/services/oauth2/token"

// token is one grant. Compared by pointer so a stale 401 cannot discard a
// token another goroutine has just granted.
type token struct {
	accessToken string
	instanceURL string
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	InstanceURL string `json:"instance_url"`
	TokenType   string `json:"token_type"`
}

type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// Authenticate grants a new token now, replacing any cached one. Workers call
// it at start to fail fast on wrong credentials.
func (c *Client) Authenticate(ctx context.Context) error {
	if err := c.acquireGrantLock(ctx); err != nil {
		return err
	}
	defer c.releaseGrantLock()
	tok, err := c.grant(ctx)
	if err != nil {
		return err
	}
	c.tok = tok
	return nil
}

// currentToken returns the cached token, granting one if there is none.
// Only one grant runs at a time; callers waiting for it honour their context.
func (c *Client) currentToken(ctx context.Context) (*token, error) {
	if err := c.acquireGrantLock(ctx); err != nil {
		return nil, err
	}
	defer c.releaseGrantLock()
	if c.tok != nil {
		return c.tok, nil
	}
	tok, err := c.grant(ctx)
	if err != nil {
		return nil, err
	}
	c.tok = tok
	return tok, nil
}

// invalidate drops tok if it is still the cached one.
func (c *Client) invalidate(ctx context.Context, tok *token) error {
	if err := c.acquireGrantLock(ctx); err != nil {
		return err
	}
	defer c.releaseGrantLock()
	if c.tok == tok {
		c.tok = nil
	}
	return nil
}

func (c *Client) acquireGrantLock(ctx context.Context) error {
	select {
	case c.grantLock <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("salesforce: wait for token: %w", ctx.Err())
	}
}

func (c *Client) releaseGrantLock() { <-c.grantLock }

// grant runs the configured OAuth flow. Neither flow returns a refresh
// token, so expiry is handled by granting again.
func (c *Client) grant(ctx context.Context) (*token, error) {
	form := map[string]string{}
	switch c.cfg.flow {
	case flowClientCredentials:
		form["grant_type"] = "client_credentials"
		form["client_id"] = c.cfg.clientID
		form["client_secret"] = c.cfg.clientSecret
	case flowJWTBearer:
		assertion, err := signAssertion(c.cfg.key, jwtClaims{
			Iss: c.cfg.clientID,
			Sub: c.cfg.username,
			Aud: c.cfg.loginURL,
			Exp: c.now().Add(jwtLifetime).Unix(),
		})
		if err != nil {
			return nil, fmt.Errorf("salesforce: POST %s: %w", tokenPath, err)
		}
		form["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer"
		form["assertion"] = assertion
	default:
		return nil, errors.New("salesforce: no OAuth flow configured")
	}

	tok, err := c.postToken(ctx, form)
	if err != nil {
		return nil, fmt.Errorf("salesforce: POST %s: %w", tokenPath, err)
	}
	return tok, nil
}

func (c *Client) postToken(ctx context.Context, form map[string]string) (*token, error) {
	reqCtx, cancel := context.WithTimeout(ctx, c.cfg.timeout)
	defer cancel()
	resp, err := c.http.R().
		SetContext(reqCtx).
		SetHeader("Accept", "application/json").
		SetFormData(form).
		Post(c.cfg.loginURL + tokenPath)
	if err != nil {
		return nil, transportError(ctx, err)
	}
	status, body := resp.StatusCode(), resp.Body()

	if status != http.StatusOK {
		var oe oauthError
		if json.Unmarshal(body, &oe) == nil && oe.Error != "" && status < 500 {
			return nil, &UnauthorizedError{StatusCode: status, Code: oe.Error, Description: oe.Description}
		}
		if status >= 500 {
			return nil, &TransientError{StatusCode: status, Err: fmt.Errorf("token endpoint answered %q", snippet(body))}
		}
		// A 401 refuses the credentials whatever its body says (a proxy's
		// page, no OAuth JSON); retrying with them cannot help.
		if status == http.StatusUnauthorized {
			return nil, &UnauthorizedError{StatusCode: status, Code: http.StatusText(status), Description: snippet(body)}
		}
		// Anything else is an API error like any other call's: a request
		// limit, for one, is a pause, not a refusal.
		return nil, errorFromResponse(status, body)
	}

	// The body holds the access token: errors below never quote it.
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, fmt.Errorf("decode token response: field %q has the wrong type", typeErr.Field)
		}
		return nil, &TransientError{StatusCode: status, Err: errors.New("decode token response: body is not valid JSON")}
	}
	if tr.AccessToken == "" {
		return nil, errors.New("token response has no access_token")
	}
	if tr.TokenType != "" && !strings.EqualFold(tr.TokenType, "Bearer") {
		return nil, fmt.Errorf("token response has token_type %q, want Bearer", tr.TokenType)
	}
	instance := strings.TrimRight(tr.InstanceURL, "/")
	if !strings.HasPrefix(instance, "https://") && !strings.HasPrefix(instance, "http://") {
		return nil, fmt.Errorf("token response has instance_url %q, want an absolute URL", tr.InstanceURL)
	}
	return &token{accessToken: tr.AccessToken, instanceURL: instance}, nil
}

// transportError classifies a failure where no usable response arrived.
// The caller's own cancellation is returned as is (not retryable); our
// per-request timeout and network failures are transient.
func transportError(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	return &TransientError{Err: err}
}
