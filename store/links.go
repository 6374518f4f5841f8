package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"
	"unicode/utf8"
)

// Link ties a Salesforce record to the Zendesk record the sync wrote for it.
type Link struct {
	Object       string // sync pair name, e.g. "accounts", "contacts"
	SalesforceID string
	ZendeskID    int64
	// Hash is the digest of the values last written, to skip unchanged records.
	Hash string
	// Baseline is what each side held after the last sync, per field: JSON
	// the sync engine writes and reads, opaque to the store. Empty when the
	// link predates baselines or none was written.
	Baseline  []byte
	UpdatedAt time.Time
}

// idBatch bounds the placeholders of one statement; SQLite builds before
// 3.32 allow only 999 of them.
const idBatch = 500

// linkBatch is rows per INSERT: 7 columns × 128 rows = 896 placeholders.
const linkBatch = 128

// linkColumns lists the columns of links in the order queryLinks scans them.
const linkColumns = `object, salesforce_id, zendesk_id, hash, baseline, updated_at`

// Links returns the links of the given Salesforce ids, keyed by id; ids
// without a link are absent.
func (s *Store) Links(ctx context.Context, object string, salesforceIDs []string) (map[string]Link, error) {
	out := make(map[string]Link, len(salesforceIDs))
	for start := 0; start < len(salesforceIDs); start += idBatch {
		batch := salesforceIDs[start:min(start+idBatch, len(salesforceIDs))]
		args := append([]any{s.instance, object}, anys(batch)...)
		q := s.dialect.rebind(`SELECT ` + linkColumns + ` FROM links
			WHERE instance = ? AND object = ? AND salesforce_id IN ` + list(len(batch)))
		err := s.queryLinks(ctx, q, args, func(l Link) { out[l.SalesforceID] = l })
		if err != nil {
			return nil, fmt.Errorf("read %s links: %w", object, err)
		}
	}
	return out, nil
}

// LinksByZendeskID returns the links of the given Zendesk ids, keyed by id;
// ids without a link are absent. Should two Salesforce records be linked to
// one Zendesk record, the lowest Salesforce id wins, so the answer is stable.
func (s *Store) LinksByZendeskID(ctx context.Context, object string, zendeskIDs []int64) (map[int64]Link, error) {
	out := make(map[int64]Link, len(zendeskIDs))
	for start := 0; start < len(zendeskIDs); start += idBatch {
		batch := zendeskIDs[start:min(start+idBatch, len(zendeskIDs))]
		args := make([]any, 0, len(batch)+2)
		args = append(args, s.instance, object)
		for _, id := range batch {
			args = append(args, id)
		}
		q := s.dialect.rebind(`SELECT ` + linkColumns + ` FROM links
			WHERE instance = ? AND object = ? AND zendesk_id IN ` + list(len(batch)) + ` ORDER BY zendesk_id, salesforce_id`)
		err := s.queryLinks(ctx, q, args, func(l Link) {
			if _, seen := out[l.ZendeskID]; !seen {
				out[l.ZendeskID] = l
			}
		})
		if err != nil {
			return nil, fmt.Errorf("read %s links by zendesk id: %w", object, err)
		}
	}
	return out, nil
}

// queryLinks calls each for every link the query returns.
func (s *Store) queryLinks(ctx context.Context, query string, args []any, each func(Link)) error {
	rs, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var l Link
		var baseline string
		if err := rs.Scan(&l.Object, &l.SalesforceID, &l.ZendeskID, &l.Hash, &baseline, &l.UpdatedAt); err != nil {
			return err
		}
		if baseline != "" {
			l.Baseline = []byte(baseline)
		}
		l.UpdatedAt = l.UpdatedAt.UTC()
		each(l)
	}
	return rs.Err()
}

// SaveLinks upserts the links by (Object, SalesforceID) in one transaction.
// Every field is written: a link saved without its Baseline loses the one
// stored. A zero UpdatedAt is set to the current time. When the same key
// appears twice, the later entry wins.
func (s *Store) SaveLinks(ctx context.Context, links []Link) error {
	rows, err := uniqueLinks(links)
	if err != nil {
		return fmt.Errorf("save links: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(rows); start += linkBatch {
			batch := rows[start:min(start+linkBatch, len(rows))]
			args := make([]any, 0, len(batch)*7)
			for _, l := range batch {
				args = append(args, s.instance, l.Object, l.SalesforceID, l.ZendeskID, l.Hash, string(l.Baseline), l.UpdatedAt)
			}
			q := s.dialect.rebind(`INSERT INTO links (instance, ` + linkColumns + `)
				VALUES ` + rowsOf(len(batch), 7) + `
				ON CONFLICT (instance, object, salesforce_id) DO UPDATE SET
					zendesk_id = excluded.zendesk_id, hash = excluded.hash, baseline = excluded.baseline,
					updated_at = excluded.updated_at`)
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

// DeleteLinks removes the links of the given Salesforce ids in one
// transaction; ids without a link are ignored.
func (s *Store) DeleteLinks(ctx context.Context, object string, salesforceIDs []string) error {
	ids := sortedUnique(salesforceIDs)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(ids); start += idBatch {
			batch := ids[start:min(start+idBatch, len(ids))]
			args := append([]any{s.instance, object}, anys(batch)...)
			q := s.dialect.rebind(`DELETE FROM links WHERE instance = ? AND object = ? AND salesforce_id IN ` + list(len(batch)))
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete %d %s links: %w", len(ids), object, err)
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
		// TEXT must be UTF-8 on PostgreSQL; checking here makes both engines
		// refuse the same baselines, and a truncated one fails now rather
		// than at the next sync.
		if len(l.Baseline) > 0 && (!utf8.Valid(l.Baseline) || !json.Valid(l.Baseline)) {
			return nil, fmt.Errorf("link %d: baseline is not UTF-8 JSON", i)
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
	if err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT COUNT(*) FROM links WHERE instance = ? AND object = ?`), s.instance, object).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s links: %w", object, err)
	}
	return n, nil
}
