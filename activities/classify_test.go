package activities

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		name         string
		err          error
		appType      string // "" → a plain retryable error
		nonRetryable bool
		delay        time.Duration
	}{
		{"zendesk 429 waits Retry-After", &zendesk.RateLimitError{RetryAfter: 42 * time.Second}, ErrTypeRateLimited, false, 42 * time.Second},
		{"salesforce daily limit waits the configured time", &salesforce.RequestLimitError{APIError: &salesforce.APIError{StatusCode: 403}}, ErrTypeDailyLimit, false, 7 * time.Minute},
		{"zendesk bad credentials", &zendesk.UnauthorizedError{Message: "Couldn't authenticate you"}, ErrTypeUnauthorized, true, 0},
		{"salesforce bad credentials", &salesforce.UnauthorizedError{StatusCode: 400, Code: "invalid_client"}, ErrTypeUnauthorized, true, 0},
		{"zendesk forbidden", &zendesk.ForbiddenError{Title: "Forbidden"}, ErrTypeForbidden, true, 0},
		{"malformed query", &salesforce.QueryError{APIError: &salesforce.APIError{StatusCode: 400}}, ErrTypeConfig, true, 0},
		{"wrapped rate limit", fmt.Errorf("submit users job: %w", &zendesk.RateLimitError{RetryAfter: time.Second}), ErrTypeRateLimited, false, time.Second},
		{"transient 503 retries with backoff", &zendesk.TransientError{StatusCode: 503, Err: errors.New("unavailable")}, "", false, 0},
		{"network error retries with backoff", errors.New("connection reset"), "", false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := classify("op", tc.err, 7*time.Minute)
			require.Error(t, err)
			appErr, ok := err.(*temporal.ApplicationError)
			if tc.appType == "" {
				assert.False(t, ok, "a transient error stays a plain error: %v", err)
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.True(t, ok, "an ApplicationError is returned as itself, not wrapped: %T", err)
			assert.Equal(t, tc.appType, appErr.Type())
			assert.Equal(t, tc.nonRetryable, appErr.NonRetryable())
			assert.Equal(t, tc.delay, appErr.NextRetryDelay())
			assert.Contains(t, appErr.Error(), "op")
		})
	}
}
