package mapping

import "fmt"

// Rejection says why a mapped record cannot become a valid Zendesk
// record. The record is skipped and reported; it is never written.
type Rejection struct {
	Field  string // the Zendesk field at fault, e.g. "email"
	Reason string
}

func (r *Rejection) Error() string { return r.Field + ": " + r.Reason }

func reject(field, format string, args ...any) *Rejection {
	return &Rejection{Field: field, Reason: fmt.Sprintf(format, args...)}
}
