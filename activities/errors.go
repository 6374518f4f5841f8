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
	// ErrTypeAlreadyRunning: another sync runs on the task queue.
	ErrTypeAlreadyRunning = "AlreadyRunning"
)

// NonRetryable lists the error types that end a run at once: retrying them
// cannot succeed until a person acts.
var NonRetryable = []string{ErrTypeUnauthorized, ErrTypeForbidden, ErrTypeConfig, ErrTypeAlreadyRunning}
