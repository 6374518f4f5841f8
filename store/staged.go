package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
)

// Staged is one record staged between the activities of a run: activities
// pass keys through Temporal, not the records, which would bloat the
// workflow history. Key is unique within (run, pair, kind).
type Staged struct {
	Key  string
	Data []byte
}

// stagedBatch is rows per INSERT: 6 columns × 150 rows = 900 placeholders.
const stagedBatch = 150

// PutStaged upserts items under (run, pair, kind) in one transaction. When
// the same key appears twice, the later item wins.
func (s *Store) PutStaged(ctx context.Context, run, pair, kind string, items []Staged) error {
	rows, err := uniqueStaged(run, pair, kind, items)
	if err != nil {
		return fmt.Errorf("stage %s %s of run %q: %w", pair, kind, run, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(rows); start += stagedBatch {
			batch := rows[start:min(start+stagedBatch, len(rows))]
			args := make([]any, 0, len(batch)*6)
			for _, it := range batch {
				args = append(args, s.instance, run, pair, kind, it.Key, it.Data)
			}
			q := s.dialect.rebind(`INSERT INTO staged (instance, run, pair, kind, key, data) VALUES ` + rowsOf(len(batch), 6) + `
				ON CONFLICT (instance, run, pair, kind, key) DO UPDATE SET data = excluded.data`)
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stage %d %s %s of run %q: %w", len(rows), pair, kind, run, err)
	}
	return nil
}

// uniqueStaged validates, de-duplicates and sorts the items, for the reasons
// given at uniqueLinks. Keys must be non-empty so that StagedAfter from ""
// lists every item.
func uniqueStaged(run, pair, kind string, items []Staged) ([]Staged, error) {
	if run == "" || pair == "" || kind == "" {
		return nil, errors.New("run, pair and kind are required")
	}
	byKey := make(map[string][]byte, len(items))
	for i, it := range items {
		if it.Key == "" {
			return nil, fmt.Errorf("item %d has no key", i)
		}
		if it.Data == nil {
			it.Data = []byte{} // the column is NOT NULL, and a nil []byte binds as NULL
		}
		byKey[it.Key] = it.Data
	}
	out := make([]Staged, 0, len(byKey))
	for k, d := range byKey {
		out = append(out, Staged{Key: k, Data: d})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// Staged returns the data staged under the given keys; keys never staged
// are absent.
func (s *Store) Staged(ctx context.Context, run, pair, kind string, keys []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(keys))
	for start := 0; start < len(keys); start += idBatch {
		batch := keys[start:min(start+idBatch, len(keys))]
		args := append([]any{s.instance, run, pair, kind}, anys(batch)...)
		q := s.dialect.rebind(`SELECT key, data FROM staged
			WHERE instance = ? AND run = ? AND pair = ? AND kind = ? AND key IN ` + list(len(batch)))
		err := s.queryStaged(ctx, q, args, func(it Staged) { out[it.Key] = it.Data })
		if err != nil {
			return nil, fmt.Errorf("read staged %s %s of run %q: %w", pair, kind, run, err)
		}
	}
	return out, nil
}

// StagedAfter returns up to limit items of (run, pair, kind) whose key sorts
// after the given one, in key order: pass "" for the first page and the last
// key returned for the next. Keys compare byte by byte on both engines.
func (s *Store) StagedAfter(ctx context.Context, run, pair, kind, after string, limit int) ([]Staged, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("list staged %s %s of run %q: limit %d is not positive", pair, kind, run, limit)
	}
	var out []Staged
	q := s.dialect.rebind(`SELECT key, data FROM staged
		WHERE instance = ? AND run = ? AND pair = ? AND kind = ? AND key > ? ORDER BY key LIMIT ?`)
	err := s.queryStaged(ctx, q, []any{s.instance, run, pair, kind, after, limit}, func(it Staged) { out = append(out, it) })
	if err != nil {
		return nil, fmt.Errorf("list staged %s %s of run %q after %q: %w", pair, kind, run, after, err)
	}
	return out, nil
}

// queryStaged calls each for every (key, data) row the query returns.
func (s *Store) queryStaged(ctx context.Context, query string, args []any, each func(Staged)) error {
	rs, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var it Staged
		if err := rs.Scan(&it.Key, &it.Data); err != nil {
			return err
		}
		if it.Data == nil {
			it.Data = []byte{} // drivers differ on how an empty blob scans
		}
		each(it)
	}
	return rs.Err()
}

// DeleteStaged removes the given keys of (run, pair, kind) in one
// transaction; keys never staged are ignored.
func (s *Store) DeleteStaged(ctx context.Context, run, pair, kind string, keys []string) error {
	keys = sortedUnique(keys)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(keys); start += idBatch {
			batch := keys[start:min(start+idBatch, len(keys))]
			args := append([]any{s.instance, run, pair, kind}, anys(batch)...)
			q := s.dialect.rebind(`DELETE FROM staged WHERE instance = ? AND run = ? AND pair = ? AND kind = ? AND key IN ` + list(len(batch)))
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete %d staged %s %s of run %q: %w", len(keys), pair, kind, run, err)
	}
	return nil
}

// ClearStaged removes everything staged for pair by run, of every kind,
// once the run is done with it.
func (s *Store) ClearStaged(ctx context.Context, run, pair string) error {
	if _, err := s.db.ExecContext(ctx, s.dialect.rebind(`DELETE FROM staged WHERE instance = ? AND run = ? AND pair = ?`), s.instance, run, pair); err != nil {
		return fmt.Errorf("clear staged %s of run %q: %w", pair, run, err)
	}
	return nil
}

// ClearStagedExcept removes what runs other than keepRun staged for pair:
// the leftovers of runs that died before clearing up after themselves.
// Only this instance's: another instance's runs are alive on their own
// task queue, and their records are not leftovers.
func (s *Store) ClearStagedExcept(ctx context.Context, pair, keepRun string) error {
	if keepRun == "" {
		// Every staged row has a run, so "" would keep nothing: most likely
		// a caller that lost its run id, about to wipe a live run's records.
		return fmt.Errorf("clear stale staged %s: the run to keep is required", pair)
	}
	if _, err := s.db.ExecContext(ctx, s.dialect.rebind(`DELETE FROM staged WHERE instance = ? AND pair = ? AND run <> ?`), s.instance, pair, keepRun); err != nil {
		return fmt.Errorf("clear staged %s of runs other than %q: %w", pair, keepRun, err)
	}
	return nil
}
