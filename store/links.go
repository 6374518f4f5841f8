package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// Link ties a Salesforce record to the Zendesk record the sync wrote for it.
type Link struct {
	Object       string // Salesforce object, e.g. "Account"
	SalesforceID string
	ZendeskID    int64
	// Hash is the digest of the values last written, to skip unchanged records.
	Hash      string
	UpdatedAt time.Time
}

// idBatch bounds the placeholders of one statement; SQLite builds before
// 3.32 allow only 999 of them.
const idBatch = 500

// linkBatch is rows per INSERT: 5 columns × 150 rows = 750 placeholders.
const linkBatch = 150

// Links returns the links of the given Salesforce ids, keyed by id; ids
// without a link are absent.
func (s *Store) Links(ctx context.Context, object string, salesforceIDs []string) (map[string]Link, error) {
	out := make(map[string]Link, len(salesforceIDs))
	for start := 0; start < len(salesforceIDs); start += idBatch {
		batch := salesforceIDs[start:min(start+idBatch, len(salesforceIDs))]
		args := make([]any, 0, len(batch)+1)
		args = append(args, object)
		for _, id := range batch {
			args = append(args, id)
		}
		q := s.dialect.rebind(`SELECT object, salesforce_id, zendesk_id, hash, updated_at FROM links
			WHERE object = ? AND salesforce_id IN ` + list(len(batch)))
		if err := s.scanLinks(ctx, q, args, out); err != nil {
			return nil, fmt.Errorf("read %s links: %w", object, err)
		}
	}
	return out, nil
}

func (s *Store) scanLinks(ctx context.Context, query string, args []any, out map[string]Link) error {
	rs, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var l Link
		if err := rs.Scan(&l.Object, &l.SalesforceID, &l.ZendeskID, &l.Hash, &l.UpdatedAt); err != nil {
			return err
		}
		l.UpdatedAt = l.UpdatedAt.UTC()
		out[l.SalesforceID] = l
	}
	return rs.Err()
}

// LinkByZendeskID finds the link of a Zendesk record; ok is false when none.
func (s *Store) LinkByZendeskID(ctx context.Context, object string, zendeskID int64) (Link, bool, error) {
	var l Link
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT object, salesforce_id, zendesk_id, hash, updated_at
		FROM links WHERE object = ? AND zendesk_id = ? ORDER BY salesforce_id LIMIT 1`), object, zendeskID).
		Scan(&l.Object, &l.SalesforceID, &l.ZendeskID, &l.Hash, &l.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Link{}, false, nil
	}
	if err != nil {
		return Link{}, false, fmt.Errorf("read %s link of zendesk id %d: %w", object, zendeskID, err)
	}
	l.UpdatedAt = l.UpdatedAt.UTC()
	return l, true, nil
}

// SaveLinks upserts the links by (Object, SalesforceID) in one transaction.
// A zero UpdatedAt is set to the current time. When the same key appears
// twice, the later entry wins.
func (s *Store) SaveLinks(ctx context.Context, links []Link) error {
	rows, err := uniqueLinks(links)
	if err != nil {
		return fmt.Errorf("save links: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(rows); start += linkBatch {
			batch := rows[start:min(start+linkBatch, len(rows))]
			args := make([]any, 0, len(batch)*5)
			for _, l := range batch {
				args = append(args, l.Object, l.SalesforceID, l.ZendeskID, l.Hash, l.UpdatedAt)
			}
			q := s.dialect.rebind(`INSERT INTO links (object, salesforce_id, zendesk_id, hash, updated_at)
				VALUES ` + rowsOf(len(batch), 5) + `
				ON CONFLICT (object, salesforce_id) DO UPDATE SET
					zendesk_id = excluded.zendesk_id, hash = excluded.hash, updated_at = excluded.updated_at`)
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save %d links: %w", len(rows), err)
	}
	return nil
}

// uniqueLinks validates, de-duplicates and sorts the links. One statement
// may not touch a row twice (PostgreSQL rejects it), and a fixed key order
// keeps concurrent transactions from deadlocking on each other's rows.
func uniqueLinks(links []Link) ([]Link, error) {
	byKey := make(map[[2]string]Link, len(links))
	stamp := now()
	for i, l := range links {
		if l.Object == "" || l.SalesforceID == "" {
			return nil, fmt.Errorf("link %d: object and salesforce id are required", i)
		}
		if l.UpdatedAt.IsZero() {
			l.UpdatedAt = stamp
		} else {
			l.UpdatedAt = normalize(l.UpdatedAt)
		}
		byKey[[2]string{l.Object, l.SalesforceID}] = l
	}
	out := make([]Link, 0, len(byKey))
	for _, l := range byKey {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Object != out[j].Object {
			return out[i].Object < out[j].Object
		}
		return out[i].SalesforceID < out[j].SalesforceID
	})
	return out, nil
}

// CountLinks returns how many records of object are linked.
func (s *Store) CountLinks(ctx context.Context, object string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT COUNT(*) FROM links WHERE object = ?`), object).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s links: %w", object, err)
	}
	return n, nil
}
