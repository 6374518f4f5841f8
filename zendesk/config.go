package zendesk

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds one HTTP request when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config holds everything NewClient needs. Authenticate with either Email
// and APIToken (Basic "{email}/token:{token}") or OAuthToken (Bearer).
type Config struct {
	BaseURL           string        // e.g. https://acme.zendesk.com or http://127.0.0.1:8801
	Email             string        // with APIToken → Basic {email}/token:{token}
	APIToken          string        // secret; never logged
	OAuthToken        string        // Bearer, used when set; set it instead of Email/APIToken, not with them
	Timeout           time.Duration // per request, default 30s
	RequestsPerMinute int           // in-process pacing budget; 0 = no pacing beyond the server headers
	UserAgent         string
	// OnPacingWait, when set, is told the length of every wait the pacing
	// made a request sit out (the budget, or a window the server said is
	// spent), e.g. for metrics. It must be safe for concurrent use.
	OnPacingWait func(time.Duration)
}

// String redacts the secrets so that a logged Config never leaks them.
func (c Config) String() string {
	return fmt.Sprintf("zendesk.Config{BaseURL:%q Email:%q APIToken:%s OAuthToken:%s Timeout:%s RequestsPerMinute:%d UserAgent:%q}",
		c.BaseURL, c.Email, redact(c.APIToken), redact(c.OAuthToken), c.Timeout, c.RequestsPerMinute, c.UserAgent)
}

// GoString keeps %#v from printing the secrets too.
func (c Config) GoString() string { return c.String() }

func redact(secret string) string {
	if secret == "" {
		return `""`
	}
	return "[redacted]"
}

// validate checks the config and returns the base URL without a trailing
// slash, ready for endpoint paths to be appended.
func (c Config) validate() (string, error) {
	if strings.TrimSpace(c.BaseURL) == "" {
		return "", errors.New("zendesk: config: BaseURL is required")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return "", fmt.Errorf("zendesk: config: BaseURL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("zendesk: config: BaseURL %q: scheme must be http or https", c.BaseURL)
	}
	if u.Host == "" {
		return "", fmt.Errorf("zendesk: config: BaseURL %q: host is missing", c.BaseURL)
	}
	// Credentials in the URL would end up in every transport error message.
	if u.User != nil {
		return "", errors.New("zendesk: config: BaseURL must not contain credentials; use Email/APIToken or OAuthToken")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", errors.New("zendesk: config: BaseURL must not contain a query or fragment")
	}
	if strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/api/v2") {
		return "", fmt.Errorf("zendesk: config: BaseURL %q: give the account root, without /api/v2", c.BaseURL)
	}

	basic := c.Email != "" || c.APIToken != ""
	switch {
	case basic && c.OAuthToken != "":
		return "", errors.New("zendesk: config: set either Email and APIToken or OAuthToken, not both")
	case basic && c.Email == "":
		return "", errors.New("zendesk: config: APIToken needs Email")
	case basic && c.APIToken == "":
		return "", errors.New("zendesk: config: Email needs APIToken")
	case !basic && c.OAuthToken == "":
		return "", errors.New("zendesk: config: no credentials: set Email and APIToken, or OAuthToken")
	}
	if c.Timeout < 0 {
		return "", fmt.Errorf("zendesk: config: Timeout %s is negative", c.Timeout)
	}
	if c.RequestsPerMinute < 0 {
		return "", fmt.Errorf("zendesk: config: RequestsPerMinute %d is negative", c.RequestsPerMinute)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u.String(), nil
}
