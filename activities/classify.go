package activities

import (
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

// classify turns a client error into what Temporal must do with it. It is
// called only at the activity boundary, and its ApplicationErrors are
// returned as they are: wrapping one would lose NonRetryable and
// NextRetryDelay.
func classify(op string, err error, dailyLimitWait time.Duration) error {
	if err == nil {
		return nil
	}
	var (
		zRate  *zendesk.RateLimitError
		zAuth  *zendesk.UnauthorizedError
		zForb  *zendesk.ForbiddenError
		sLimit *salesforce.RequestLimitError
		sAuth  *salesforce.UnauthorizedError
		sQuery *salesforce.QueryError
		appErr *temporal.ApplicationError
	)
	switch {
	case errors.As(err, &appErr):
		return appErr
	case errors.As(err, &zRate):
		return temporal.NewApplicationErrorWithOptions(
			fmt.Sprintf("%s: Zendesk rate limit reached, resuming in %s", op, zRate.RetryAfter),
			ErrTypeRateLimited, temporal.ApplicationErrorOptions{NextRetryDelay: zRate.RetryAfter})
	case errors.As(err, &sLimit):
		return temporal.NewApplicationErrorWithOptions(
			fmt.Sprintf("%s: Salesforce daily request limit exceeded, resuming in %s", op, dailyLimitWait),
			ErrTypeDailyLimit, temporal.ApplicationErrorOptions{NextRetryDelay: dailyLimitWait})
	case errors.As(err, &zAuth):
		return temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("%s: Zendesk refused the credentials (check ZENDESK_EMAIL and the API or OAuth token): %v", op, err),
			ErrTypeUnauthorized, nil)
	case errors.As(err, &sAuth):
		return temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("%s: Salesforce refused the credentials: %v", op, err),
			ErrTypeUnauthorized, nil)
	case errors.As(err, &zForb):
		return temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("%s: Zendesk forbids this call for the configured user: %v", op, err),
			ErrTypeForbidden, nil)
	case errors.As(err, &sQuery):
		return temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("%s: Salesforce rejected the query (check the mapping file's fields and filters): %v", op, err),
			ErrTypeConfig, nil)
	}
	return fmt.Errorf("%s: %w", op, err)
}
