package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// EmailClaim says that a Salesforce record wants a Zendesk identity with
// this email. Two records claiming one email are a duplicate that the sync
// must report rather than merge.
type EmailClaim struct {
	SalesforceID, Email string
}

// claimBatch is rows per INSERT: 4 columns × 225 rows = 900 placeholders.
const claimBatch = 225

// canonicalEmail is the form emails are stored and compared in; Zendesk
// treats emails case-insensitively.
func canonicalEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// ClearEmailClaims forgets every claim of object, before a full rebuild.
func (s *Store) ClearEmailClaims(ctx context.Context, object string) error {
	if _, err := s.db.ExecContext(ctx, s.dialect.rebind(`DELETE FROM email_claims WHERE instance = ? AND object = ?`), s.instance, object); err != nil {
		return fmt.Errorf("clear %s email claims: %w", object, err)
	}
	return nil
}

// SaveEmailClaims upserts claims by Salesforce id in one transaction; a
// claim with an empty email removes that record's claim.
func (s *Store) SaveEmailClaims(ctx context.Context, object string, claims []EmailClaim) error {
	latest := make(map[string]string, len(claims))
	for i, c := range claims {
		if c.SalesforceID == "" {
			return fmt.Errorf("save %s email claims: claim %d has no salesforce id", object, i)
		}
		latest[c.SalesforceID] = canonicalEmail(c.Email)
	}
	var keep []EmailClaim
	var drop []string
	for id, email := range latest {
		if email == "" {
			drop = append(drop, id)
		} else {
			keep = append(keep, EmailClaim{SalesforceID: id, Email: email})
		}
	}
	// Fixed order: concurrent savers then lock rows in the same sequence.
	sort.Strings(drop)
	sort.Slice(keep, func(i, j int) bool { return keep[i].SalesforceID < keep[j].SalesforceID })

	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(drop); start += idBatch {
			batch := drop[start:min(start+idBatch, len(drop))]
			args := append([]any{s.instance, object}, anys(batch)...)
			q := s.dialect.rebind(`DELETE FROM email_claims WHERE instance = ? AND object = ? AND salesforce_id IN ` + list(len(batch)))
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		for start := 0; start < len(keep); start += claimBatch {
			batch := keep[start:min(start+claimBatch, len(keep))]
			args := make([]any, 0, len(batch)*4)
			for _, c := range batch {
				args = append(args, s.instance, object, c.SalesforceID, c.Email)
			}
			q := s.dialect.rebind(`INSERT INTO email_claims (instance, object, salesforce_id, email) VALUES ` + rowsOf(len(batch), 4) + `
				ON CONFLICT (instance, object, salesforce_id) DO UPDATE SET email = excluded.email`)
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save %d %s email claims: %w", len(latest), object, err)
	}
	return nil
}

// EmailClaimants returns, for each given email that is claimed, the sorted
// Salesforce ids claiming it. Keys are the emails as passed in; matching
// ignores case and surrounding spaces.
func (s *Store) EmailClaimants(ctx context.Context, object string, emails []string) (map[string][]string, error) {
	asked := make(map[string][]string, len(emails)) // canonical → emails as passed
	for _, e := range emails {
		c := canonicalEmail(e)
		if c != "" {
			asked[c] = append(asked[c], e)
		}
	}
	canon := make([]string, 0, len(asked))
	for c := range asked {
		canon = append(canon, c)
	}
	sort.Strings(canon)

	found := make(map[string][]string)
	for start := 0; start < len(canon); start += idBatch {
		batch := canon[start:min(start+idBatch, len(canon))]
		args := append([]any{s.instance, object}, anys(batch)...)
		q := s.dialect.rebind(`SELECT email, salesforce_id FROM email_claims
			WHERE instance = ? AND object = ? AND email IN ` + list(len(batch)) + ` ORDER BY email, salesforce_id`)
		if err := s.scanClaims(ctx, q, args, found); err != nil {
			return nil, fmt.Errorf("read %s email claimants: %w", object, err)
		}
	}
	out := make(map[string][]string, len(found))
	for c, ids := range found {
		for _, e := range asked[c] {
			out[e] = append([]string(nil), ids...)
		}
	}
	return out, nil
}

// SharedEmails returns every email of object that two or more records
// claim, with their sorted Salesforce ids: the duplicates, read in one
// query once the index is complete instead of email by email.
func (s *Store) SharedEmails(ctx context.Context, object string) (map[string][]string, error) {
	// One scan, counted per email: a join on a grouped subquery ran for
	// minutes on PostgreSQL over a table filled moments before, planned on
	// its empty statistics.
	q := s.dialect.rebind(`SELECT email, salesforce_id FROM (
			SELECT email, salesforce_id, COUNT(*) OVER (PARTITION BY email) AS claims
			FROM email_claims WHERE instance = ? AND object = ?) c
		WHERE claims > 1 ORDER BY email, salesforce_id`)
	found := map[string][]string{}
	if err := s.scanClaims(ctx, q, []any{s.instance, object}, found); err != nil {
		return nil, fmt.Errorf("read %s shared emails: %w", object, err)
	}
	return found, nil
}

func (s *Store) scanClaims(ctx context.Context, query string, args []any, found map[string][]string) error {
	rs, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var email, id string
		if err := rs.Scan(&email, &id); err != nil {
			return err
		}
		found[email] = append(found[email], id)
	}
	return rs.Err()
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
