package store

import (
	"fmt"
	"regexp"
)

// DefaultInstance is the instance of a store opened without WithInstance,
// and the one rows written before instances existed belong to.
const DefaultInstance = "default"

// instanceName is what an instance may be called: it goes into task queue
// names, workflow ids and schedule ids as well as the store, so it is kept
// to characters every one of them takes as they are.
var instanceName = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)

// ValidateInstance says whether name can name an instance.
func ValidateInstance(name string) error {
	if !instanceName.MatchString(name) {
		return fmt.Errorf("instance %q: want 1 to 40 lower-case letters, digits, '-' or '_'", name)
	}
	return nil
}

// Option configures Open.
type Option func(*options)

type options struct {
	instance string
}

// WithInstance partitions the store: every read and write of the returned
// Store sees only the rows of instance, so several Salesforce org / Zendesk
// account pairs can share one database. The default is DefaultInstance.
func WithInstance(name string) Option {
	return func(o *options) { o.instance = name }
}

// Instance is the instance the store reads and writes.
func (s *Store) Instance() string { return s.instance }
