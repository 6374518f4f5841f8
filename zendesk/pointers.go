package zendesk

// String returns a pointer to v, for optional string fields in writes.
func String(v string) *string { return &v }

// Int64 returns a pointer to v, for optional id fields in writes.
func Int64(v int64) *int64 { return &v }

// Bool returns a pointer to v, for optional flags in writes.
func Bool(v bool) *bool { return &v }

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
