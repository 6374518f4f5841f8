// Package salesforce is a client for the parts of the Salesforce REST API
// that crmsync uses: OAuth grants (client credentials and JWT bearer), SOQL
// queries with pagination, sObject reads and writes, upserts by external id,
// the replication endpoints (updated/deleted) and API limits.
//
// The client never retries on its own: Temporal activities own retries, so
// errors are typed (see IsRetryable) to let them decide. The one exception
// is an expired session, which is re-granted once and the call repeated once.
package salesforce
