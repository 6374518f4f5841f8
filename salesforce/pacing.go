package salesforce

import (
	"time"

	"github.com/crmsync/crmsync/pacing"
)

// newPacer spreads API calls over the minute so one worker cannot burn the
// org's shared daily allocation in a burst: its burst is one second's worth
// of calls (at least one).
func newPacer(perMinute int, now time.Time) *pacing.Bucket {
	return pacing.NewBucket(perMinute, float64(perMinute)/60, now)
}
