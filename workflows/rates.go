package workflows

import (
	"math"
	"time"
)

// rates fills each begun pair's rate (Salesforce records read a second)
// and, for one still running, the seconds left at that rate.
func rates(objects []PairResult, now time.Time) {
	for i := range objects {
		o := &objects[i]
		if o.StartedAt == nil {
			continue
		}
		end := now
		if o.FinishedAt != nil {
			end = *o.FinishedAt
		}
		elapsed := end.Sub(*o.StartedAt).Seconds()
		done := min(o.Counts.Fetched, o.Total)
		if elapsed <= 0 || done == 0 {
			continue
		}
		o.Rate = math.Round(float64(done)/elapsed*10) / 10
		if !o.Done && o.Rate > 0 {
			o.ETASeconds = int(math.Ceil(float64(o.Total-done) / (float64(done) / elapsed)))
		}
	}
}
