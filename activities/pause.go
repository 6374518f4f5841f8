package activities

import (
	"errors"
	"fmt"
	"time"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

// pauseFor tells whether err is a service asking to wait, and until when.
func (a *Activities) pauseFor(err error) *Pause {
	var (
		zRate  *zendesk.RateLimitError
		sLimit *salesforce.RequestLimitError
	)
	now := a.now()
	switch {
	case errors.As(err, &zRate):
		return &Pause{Service: "zendesk", Until: now.Add(max(zRate.RetryAfter, time.Second)),
			Reason: fmt.Sprintf("rate limit reached (Retry-After %s)", zRate.RetryAfter)}
	case errors.As(err, &sLimit):
		wait := a.opts().DailyLimitWait
		return &Pause{Service: "salesforce", Until: now.Add(wait),
			Reason: "daily API request limit exceeded (REQUEST_LIMIT_EXCEEDED)"}
	}
	return nil
}

func (a *Activities) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}
