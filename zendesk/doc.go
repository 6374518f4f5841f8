// Package zendesk is a typed client for the parts of the Zendesk Support API
// crmsync needs: users, organizations, tickets, background jobs and the
// incremental exports.
//
// It is modelled on google/go-github: typed models and envelopes, typed
// errors that callers inspect with errors.As, and pagination helpers. It
// never retries on its own: crmsync runs it inside Temporal activities, and
// Temporal owns retries. IsRetryable tells an activity whether a failure is
// worth another attempt.
package zendesk
