package zendesk

import "time"

// Config sets the simulated account. Zero values take the defaults below.
type Config struct {
	// Email is the API user; default "admin@example.com".
	Email string
	// APIToken is accepted as Basic base64("{email}/token:{token}");
	// default "sandbox-token".
	APIToken string
	// OAuthToken is accepted as a Bearer token; default "sandbox-oauth-token".
	OAuthToken string
	// RequestsPerMinute is the account-wide limit; default 700 (Enterprise),
	// below zero means unlimited.
	RequestsPerMinute int
	// ExportRequestsPerMinute is the incremental-export bucket; default 10,
	// below zero means unlimited.
	ExportRequestsPerMinute int
	// BaseURL prefixes every URL in a response; when empty it is built from
	// the request's Host.
	BaseURL string
	// JobTTL is how long job statuses stay readable; default 24h.
	JobTTL time.Duration
	// MaxActiveJobs caps queued plus running jobs, as Zendesk's per-account
	// job queue limit does; default 30, below zero means unlimited.
	MaxActiveJobs int
	// BulkImportDisabled answers the bulk user endpoints with 403, as an
	// account without bulk import enabled does.
	BulkImportDisabled bool
	// Now is the clock; default time.Now.
	Now func() time.Time
}

const (
	defaultEmail         = "admin@example.com"
	defaultAPIToken      = "sandbox-token"
	defaultOAuthToken    = "sandbox-oauth-token"
	defaultRPM           = 700
	defaultExportRPM     = 10
	defaultJobTTL        = 24 * time.Hour
	defaultMaxActiveJobs = 30
)

func (c Config) withDefaults() Config {
	if c.Email == "" {
		c.Email = defaultEmail
	}
	if c.APIToken == "" {
		c.APIToken = defaultAPIToken
	}
	if c.OAuthToken == "" {
		c.OAuthToken = defaultOAuthToken
	}
	if c.RequestsPerMinute == 0 {
		c.RequestsPerMinute = defaultRPM
	}
	if c.ExportRequestsPerMinute == 0 {
		c.ExportRequestsPerMinute = defaultExportRPM
	}
	if c.JobTTL == 0 {
		c.JobTTL = defaultJobTTL
	}
	if c.MaxActiveJobs == 0 {
		c.MaxActiveJobs = defaultMaxActiveJobs
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}
