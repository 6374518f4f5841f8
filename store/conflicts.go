package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Winners of a conflict.
const (
	WinnerSalesforce = "salesforce"
	WinnerZendesk    = "zendesk"
)

// Conflict records one field that both sides changed since the last sync
// and how it was resolved, so a two-way run can be audited after the fact.
type Conflict struct {
	ID                 int64 // assigned when recorded; ignored by RecordConflicts
	RunID, Pair        string
	SalesforceID       string
	ZendeskID          int64
	Field              string
	SalesforceValue    string
	ZendeskValue       string
	SalesforceModified time.Time
	ZendeskModified    time.Time
	Policy             string
	Winner             string // WinnerSalesforce or WinnerZendesk
	Value              string // the value written to both sides
	At                 time.Time
}

// ConflictFilter selects conflicts; zero fields select everything.
type ConflictFilter struct {
	RunID, Pair string
	// Workflow selects every run of a workflow: run ids are
	// "<workflow id>/<run id>".
	Workflow string
	Limit    int // at most this many, the earliest first; 0 for all
}

// conflictBatch is rows per INSERT: 14 columns × 69 rows = 966 placeholders.
const conflictBatch = 69

const conflictColumns = `run_id, pair, salesforce_id, zendesk_id, field, salesforce_value, zendesk_value,
	salesforce_modified, zendesk_modified, policy, winner, value, at`

// RecordConflicts appends the conflicts in one transaction, in order. A
// zero At is set to the current time. A conflict of a run, pair, record
// and field already recorded is kept as it was: a retried step records
// nothing twice.
func (s *Store) RecordConflicts(ctx context.Context, cs []Conflict) error {
	for i, c := range cs {
		if c.RunID == "" || c.Pair == "" {
			return fmt.Errorf("record conflicts: conflict %d: run id and pair are required", i)
		}
		if c.Winner != WinnerSalesforce && c.Winner != WinnerZendesk {
			return fmt.Errorf("record conflicts: conflict %d: winner %q is neither %q nor %q",
				i, c.Winner, WinnerSalesforce, WinnerZendesk)
		}
	}
	stamp := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(cs); start += conflictBatch {
			batch := cs[start:min(start+conflictBatch, len(cs))]
			args := make([]any, 0, len(batch)*14)
			for _, c := range batch {
				at := stamp
				if !c.At.IsZero() {
					at = normalize(c.At)
				}
				args = append(args, s.instance, c.RunID, c.Pair, c.SalesforceID, c.ZendeskID, c.Field, c.SalesforceValue,
					c.ZendeskValue, normalize(c.SalesforceModified), normalize(c.ZendeskModified), c.Policy,
					c.Winner, c.Value, at)
			}
			q := s.dialect.rebind(`INSERT INTO conflicts (instance, ` + conflictColumns + `) VALUES ` + rowsOf(len(batch), 14) + `
				ON CONFLICT (instance, run_id, pair, salesforce_id, field) DO NOTHING`)
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record %d conflicts: %w", len(cs), err)
	}
	return nil
}

// Conflicts returns the conflicts f selects in the order they were recorded.
func (s *Store) Conflicts(ctx context.Context, f ConflictFilter) ([]Conflict, error) {
	if f.Limit < 0 {
		return nil, fmt.Errorf("read conflicts: negative limit %d", f.Limit)
	}
	where := []string{"instance = ?"}
	args := []any{s.instance}
	if f.RunID != "" {
		where, args = append(where, "run_id = ?"), append(args, f.RunID)
	}
	if f.Pair != "" {
		where, args = append(where, "pair = ?"), append(args, f.Pair)
	}
	if f.Workflow != "" {
		prefix := f.Workflow + "/"
		where, args = append(where, "substr(run_id, 1, ?) = ?"), append(args, utf8.RuneCountInString(prefix), prefix)
	}
	q := `SELECT id, ` + conflictColumns + ` FROM conflicts WHERE ` + strings.Join(where, " AND ") + ` ORDER BY id`
	if f.Limit > 0 {
		q, args = q+` LIMIT ?`, append(args, f.Limit)
	}
	out, err := s.scanConflicts(ctx, s.dialect.rebind(q), args)
	if err != nil {
		return nil, fmt.Errorf("read conflicts (run %q, pair %q): %w", f.RunID, f.Pair, err)
	}
	return out, nil
}

func (s *Store) scanConflicts(ctx context.Context, query string, args []any) ([]Conflict, error) {
	rs, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Conflict
	for rs.Next() {
		var c Conflict
		if err := rs.Scan(&c.ID, &c.RunID, &c.Pair, &c.SalesforceID, &c.ZendeskID, &c.Field, &c.SalesforceValue,
			&c.ZendeskValue, &c.SalesforceModified, &c.ZendeskModified, &c.Policy, &c.Winner, &c.Value,
			&c.At); err != nil {
			return nil, err
		}
		c.SalesforceModified = c.SalesforceModified.UTC()
		c.ZendeskModified = c.ZendeskModified.UTC()
		c.At = c.At.UTC()
		out = append(out, c)
	}
	return out, rs.Err()
}
