package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
)

// UpsertResult is the outcome of a single upsert.
type UpsertResult struct {
	ID      string
	Created bool
}

// MultipleMatchesError is the 300 answer to an upsert whose external id
// matches several records: nothing was written.
type MultipleMatchesError struct {
	Object, Field, Value string
	IDs                  []string
}

func (e *MultipleMatchesError) Error() string {
	return fmt.Sprintf("%s.%s = %q matches %d records %v", e.Object, e.Field, e.Value, len(e.IDs), e.IDs)
}

// Upsert creates or updates the record whose extIDField equals extID.
func (c *Client) Upsert(ctx context.Context, object, extIDField, extID string, rec Record) (*UpsertResult, error) {
	p, err := objectPath(object, extIDField, extID)
	if err != nil {
		return nil, fmt.Errorf("salesforce: upsert: %w", err)
	}
	r := &apiRequest{method: http.MethodPatch, path: p, body: writable(rec)}
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	switch resp.status {
	case http.StatusMultipleChoices:
		var urls []string
		if err := decodeJSON(resp.status, resp.body, &urls); err != nil {
			return nil, c.wrapDecode(r, err)
		}
		me := &MultipleMatchesError{Object: object, Field: extIDField, Value: extID}
		for _, u := range urls {
			me.IDs = append(me.IDs, path.Base(u))
		}
		return nil, c.wrapDecode(r, me)
	case http.StatusNoContent:
		// Versions before 46.0 answer an update with 204 and no id; look it up
		// so callers can always link the record.
		got, err := c.getRecord(ctx, p, []string{"Id"})
		if err != nil {
			return nil, fmt.Errorf("salesforce: upsert: read id after 204: %w", err)
		}
		return &UpsertResult{ID: got.ID(), Created: false}, nil
	}
	var res SaveResult
	if err := decodeJSON(resp.status, resp.body, &res); err != nil {
		return nil, c.wrapDecode(r, err)
	}
	if !res.Success && len(res.Errors) > 0 {
		return nil, c.wrapDecode(r, res.apiError(resp.status))
	}
	if res.ID == "" {
		return nil, c.wrapDecode(r, errors.New("upsert response has no id"))
	}
	return &UpsertResult{ID: res.ID, Created: res.Created || resp.status == http.StatusCreated}, nil
}

// UpsertCollection upserts up to MaxCollectionSize records of one object by
// external id and returns one result per record, in order. Record-level
// failures are reported in the results, not as an error; with allOrNone a
// single failure rolls back every record.
func (c *Client) UpsertCollection(ctx context.Context, object, extIDField string, recs []Record, allOrNone bool) ([]SaveResult, error) {
	p, err := collectionPath(object, extIDField)
	if err == nil {
		err = checkCollectionSize(len(recs))
	}
	if err != nil {
		return nil, fmt.Errorf("salesforce: upsert collection: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	body := collectionRequest{AllOrNone: allOrNone, Records: make([]Record, len(recs))}
	for i, rec := range recs {
		if _, ok := rec["Id"]; ok {
			return nil, fmt.Errorf("salesforce: upsert collection: record %d has an Id; upsert by external id takes none", i)
		}
		if rec.String(extIDField) == "" {
			return nil, fmt.Errorf("salesforce: upsert collection: record %d has no %s", i, extIDField)
		}
		body.Records[i] = typed(rec, object)
	}
	return c.sendCollection(ctx, &apiRequest{method: http.MethodPatch, path: p, body: body}, len(recs))
}
