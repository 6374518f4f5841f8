package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// MaxCollectionSize is the most records one sObject Collections call takes.
const MaxCollectionSize = 200

// UpdateCollection updates up to MaxCollectionSize records by Id; they may
// be of different objects. Each names its object in attributes.type, as a
// queried record does, and carries its Id. It returns one result per
// record, in order: record-level failures (e.g. ENTITY_IS_DELETED) are in
// the results, not the error. With allOrNone a single failure rolls back
// every record.
func (c *Client) UpdateCollection(ctx context.Context, recs []Record, allOrNone bool) ([]SaveResult, error) {
	return c.sendTyped(ctx, "update collection", http.MethodPatch, recs, allOrNone, func(rec Record) error {
		if rec.ID() == "" {
			return errors.New("has no Id")
		}
		return nil
	})
}

// CreateCollection inserts up to MaxCollectionSize new records, of any
// objects, e.g. the CaseComments of several cases. Each names its object
// in attributes.type and carries no Id. It returns one result per record,
// in order, with the new Id on success; record-level failures (e.g.
// STRING_TOO_LONG) are in the results, not the error. With allOrNone a
// single failure rolls back every record.
func (c *Client) CreateCollection(ctx context.Context, recs []Record, allOrNone bool) ([]SaveResult, error) {
	return c.sendTyped(ctx, "create collection", http.MethodPost, recs, allOrNone, func(rec Record) error {
		if _, ok := rec["Id"]; ok {
			return errors.New("has an Id; a create takes none")
		}
		return nil
	})
}

// sendTyped sends a collection call (what names it in errors) whose
// records each name their own object; it refuses, without a request, a
// record without attributes.type or one that check refuses.
func (c *Client) sendTyped(ctx context.Context, what, method string, recs []Record, allOrNone bool, check func(Record) error) ([]SaveResult, error) {
	if err := checkCollectionSize(len(recs)); err != nil {
		return nil, fmt.Errorf("salesforce: %s: %w", what, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	body := collectionRequest{AllOrNone: allOrNone, Records: make([]Record, len(recs))}
	for i, rec := range recs {
		object := objectOf(rec)
		if object == "" {
			return nil, fmt.Errorf("salesforce: %s: record %d has no attributes.type", what, i)
		}
		if err := check(rec); err != nil {
			return nil, fmt.Errorf("salesforce: %s: record %d %w", what, i, err)
		}
		body.Records[i] = typed(rec, object)
	}
	p, _ := collectionPath()
	return c.sendCollection(ctx, &apiRequest{method: method, path: p, body: body}, len(recs))
}

// DeleteCollection soft-deletes up to MaxCollectionSize records by Id, of
// any objects, and returns one result per id, in order; record-level
// failures are in the results. With allOrNone a single failure restores
// every record.
func (c *Client) DeleteCollection(ctx context.Context, ids []string, allOrNone bool) ([]SaveResult, error) {
	if err := checkCollectionSize(len(ids)); err != nil {
		return nil, fmt.Errorf("salesforce: delete collection: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	for i, id := range ids {
		// The ids travel as one comma-separated parameter.
		if id == "" || strings.ContainsAny(id, ", ") {
			return nil, fmt.Errorf("salesforce: delete collection: id %d (%q) is not an Id", i, id)
		}
	}
	p, _ := collectionPath()
	q := url.Values{"ids": {strings.Join(ids, ",")}, "allOrNone": {strconv.FormatBool(allOrNone)}}
	return c.sendCollection(ctx, &apiRequest{method: http.MethodDelete, path: p, query: q}, len(ids))
}

type collectionRequest struct {
	AllOrNone bool     `json:"allOrNone"`
	Records   []Record `json:"records"`
}

// collectionPath is /composite/sobjects, then, for an upsert, the object
// and its external id field.
func collectionPath(segments ...string) (string, error) {
	if len(segments) == 0 {
		return "/composite/sobjects", nil
	}
	p, err := objectPath(segments[0], segments[1:]...)
	if err != nil {
		return "", err
	}
	return "/composite" + p, nil
}

func checkCollectionSize(n int) error {
	if n > MaxCollectionSize {
		return fmt.Errorf("%d records, at most %d per call", n, MaxCollectionSize)
	}
	return nil
}

// objectOf is a record's attributes.type when that is text: Type would
// turn a number into its digits.
func objectOf(rec Record) string {
	v, _ := rec.lookup("attributes.type")
	object, _ := v.(string)
	return object
}

// typed copies rec for a collection body, its attributes naming only the
// object: the caller's record is never modified, and a queried record's
// attributes.url is not sent back.
func typed(rec Record, object string) Record {
	out := make(Record, len(rec)+1)
	for k, v := range rec {
		out[k] = v
	}
	out["attributes"] = map[string]string{"type": object}
	return out
}

// sendCollection sends a collection request for n records and checks that
// one result came back for each.
func (c *Client) sendCollection(ctx context.Context, r *apiRequest, n int) ([]SaveResult, error) {
	var results []SaveResult
	if _, err := c.doJSON(ctx, r, &results); err != nil {
		return nil, err
	}
	if len(results) != n {
		return nil, c.wrapDecode(r, fmt.Errorf("got %d results for %d records", len(results), n))
	}
	return results, nil
}
