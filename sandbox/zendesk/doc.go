// Package zendesk is an in-memory HTTP simulator of the Zendesk Support API
// (the /api/v2 paths crmsync uses): users, organizations, tickets, bulk
// jobs, incremental exports, authentication and rate limits, with the real
// API's payload shapes, status codes, headers and validation rules.
package zendesk
