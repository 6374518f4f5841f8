package zendesk

import "time"

// zendeskTime renders a timestamp as Zendesk does: UTC, whole seconds.
func zendeskTime(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}
