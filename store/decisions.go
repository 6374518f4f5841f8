package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Decision records how one field conflict of a two-way sync was resolved,
// so a run can be audited after the fact.
type Decision struct {
	RunID, Object, SalesforceID string
	ZendeskID                   int64
	Field, Policy, Winner       string
	SalesforceValue             string
	ZendeskValue                string
	At                          time.Time
}

// decisionBatch is rows per INSERT: 10 columns × 90 rows = 900 placeholders.
const decisionBatch = 90

// RecordDecisions appends the decisions in one transaction. A zero At is
// set to the current time.
func (s *Store) RecordDecisions(ctx context.Context, ds []Decision) error {
	stamp := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(ds); start += decisionBatch {
			batch := ds[start:min(start+decisionBatch, len(ds))]
			args := make([]any, 0, len(batch)*11)
			for i, d := range batch {
				if d.RunID == "" || d.Object == "" {
					return fmt.Errorf("decision %d: run id and object are required", start+i)
				}
				at := stamp
				if !d.At.IsZero() {
					at = normalize(d.At)
				}
				args = append(args, d.RunID, d.Object, d.SalesforceID, d.ZendeskID, d.Field, d.Policy, d.Winner,
					d.SalesforceValue, d.ZendeskValue, at)
			}
			q := s.dialect.rebind(`INSERT INTO decisions (run_id, object, salesforce_id, zendesk_id, field, policy,
				winner, salesforce_value, zendesk_value, at) VALUES ` + rowsOf(len(batch), 10))
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record %d decisions: %w", len(ds), err)
	}
	return nil
}

// Decisions returns the decisions of a run in the order they were recorded.
func (s *Store) Decisions(ctx context.Context, runID string) ([]Decision, error) {
	rs, err := s.db.QueryContext(ctx, s.dialect.rebind(`SELECT run_id, object, salesforce_id, zendesk_id, field, policy,
		winner, salesforce_value, zendesk_value, at FROM decisions WHERE run_id = ? ORDER BY id`), runID)
	if err != nil {
		return nil, fmt.Errorf("read decisions of run %q: %w", runID, err)
	}
	defer rs.Close()
	var out []Decision
	for rs.Next() {
		var d Decision
		if err := rs.Scan(&d.RunID, &d.Object, &d.SalesforceID, &d.ZendeskID, &d.Field, &d.Policy, &d.Winner,
			&d.SalesforceValue, &d.ZendeskValue, &d.At); err != nil {
			return nil, fmt.Errorf("scan decision of run %q: %w", runID, err)
		}
		d.At = d.At.UTC()
		out = append(out, d)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("read decisions of run %q: %w", runID, err)
	}
	return out, nil
}
