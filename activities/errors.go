package activities

// ApplicationError types. The workflow's retry policy lists the
// non-retryable ones; the rest are retried, rate limits at the time the
// server asked for.
const (
	ErrTypeRateLimited  = "RateLimited"
	ErrTypeDailyLimit   = "DailyLimitExceeded"
	ErrTypeUnauthorized = "Unauthorized"
	ErrTypeForbidden    = "Forbidden"
	ErrTypeConfig       = "InvalidConfig"
)

// NonRetryable lists the error types that end a run at once: retrying them
// cannot succeed until a person acts.
var NonRetryable = []string{ErrTypeUnauthorized, ErrTypeForbidden, ErrTypeConfig}
