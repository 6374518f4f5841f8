// Package record holds the side-neutral shape every object pair is read
// into and written from: an id, a modification time, a deleted flag and
// field values, each side keeping its own field names and value forms.
package record

import "time"

// Side names one of the two systems.
type Side string

// The two sides.
const (
	Salesforce Side = "salesforce"
	Zendesk    Side = "zendesk"
)

// Record is one object as one side holds it. Field values are strings,
// booleans, float64 numbers, string lists or nil: what JSON gives, so a
// record survives staging in the store unchanged.
type Record struct {
	ID       string         `json:"id"`
	Modified time.Time      `json:"modified"`
	Deleted  bool           `json:"deleted,omitempty"`
	Fields   map[string]any `json:"fields,omitempty"`
}

// Get is the value of a field, nil when absent.
func (r *Record) Get(name string) any {
	if r == nil {
		return nil
	}
	return r.Fields[name]
}
