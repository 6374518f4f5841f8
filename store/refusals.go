package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Refusal is a create Zendesk refused for a reason that lasts while the
// record does not change, e.g. a name another account's organization
// holds. Hash is the digest of the fields the create sent: the same
// create, planned again, would be refused again.
type Refusal struct {
	SalesforceID string
	// ZendeskID is the record the refusal names, if it names one.
	ZendeskID    int64
	Hash, Reason string
}

// refusalBatch is rows per INSERT: 6 columns × 150 rows = 900 placeholders.
const refusalBatch = 150

// SaveRefusals records refusals of object's creates, replacing earlier
// ones of the same records.
func (s *Store) SaveRefusals(ctx context.Context, object string, refusals []Refusal) error {
	if len(refusals) == 0 {
		return nil
	}
	byID := make(map[string]Refusal, len(refusals))
	for _, r := range refusals {
		byID[r.SalesforceID] = r
	}
	rows := make([]Refusal, 0, len(byID))
	for _, r := range byID {
		rows = append(rows, r)
	}
	// Fixed order: concurrent savers then lock rows in the same sequence.
	sort.Slice(rows, func(i, j int) bool { return rows[i].SalesforceID < rows[j].SalesforceID })
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(rows); start += refusalBatch {
			batch := rows[start:min(start+refusalBatch, len(rows))]
			args := make([]any, 0, len(batch)*6)
			for _, r := range batch {
				args = append(args, s.instance, object, r.SalesforceID, r.ZendeskID, r.Hash, r.Reason)
			}
			q := s.dialect.rebind(`INSERT INTO refusals (instance, object, salesforce_id, zendesk_id, hash, reason) VALUES ` + rowsOf(len(batch), 6) + `
				ON CONFLICT (instance, object, salesforce_id) DO UPDATE SET zendesk_id = excluded.zendesk_id, hash = excluded.hash, reason = excluded.reason`)
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save %d %s refusals: %w", len(rows), object, err)
	}
	return nil
}

// Refusals returns the recorded refusals of the given records, keyed by
// Salesforce id.
func (s *Store) Refusals(ctx context.Context, object string, salesforceIDs []string) (map[string]Refusal, error) {
	out := map[string]Refusal{}
	for start := 0; start < len(salesforceIDs); start += idBatch {
		batch := salesforceIDs[start:min(start+idBatch, len(salesforceIDs))]
		args := append([]any{s.instance, object}, anys(batch)...)
		q := s.dialect.rebind(`SELECT salesforce_id, zendesk_id, hash, reason FROM refusals
			WHERE instance = ? AND object = ? AND salesforce_id IN ` + list(len(batch)))
		if err := s.scanRefusals(ctx, q, args, out); err != nil {
			return nil, fmt.Errorf("read %s refusals: %w", object, err)
		}
	}
	return out, nil
}

func (s *Store) scanRefusals(ctx context.Context, q string, args []any, out map[string]Refusal) error {
	rs, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var r Refusal
		if err := rs.Scan(&r.SalesforceID, &r.ZendeskID, &r.Hash, &r.Reason); err != nil {
			return err
		}
		out[r.SalesforceID] = r
	}
	return rs.Err()
}

// ClearRefusals forgets object's refusals: a full sync tries every
// create again.
func (s *Store) ClearRefusals(ctx context.Context, object string) error {
	if _, err := s.db.ExecContext(ctx, s.dialect.rebind(`DELETE FROM refusals WHERE instance = ? AND object = ?`), s.instance, object); err != nil {
		return fmt.Errorf("clear %s refusals: %w", object, err)
	}
	return nil
}
