package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// SaveResult is the outcome of one record write.
type SaveResult struct {
	ID      string        `json:"id"`
	Success bool          `json:"success"`
	Created bool          `json:"created"`
	Errors  []RecordError `json:"errors"`
}

// RecordError is a record-level failure, e.g. INVALID_EMAIL_ADDRESS on Email.
type RecordError struct {
	StatusCode string   `json:"statusCode"`
	Message    string   `json:"message"`
	Fields     []string `json:"fields"`
}

// HasCode reports whether any of the result's errors has the status code.
func (r SaveResult) HasCode(code string) bool {
	for _, e := range r.Errors {
		if e.StatusCode == code {
			return true
		}
	}
	return false
}

func (r SaveResult) apiError(status int) *APIError {
	items := make([]ErrorItem, 0, len(r.Errors))
	for _, e := range r.Errors {
		items = append(items, ErrorItem{Message: e.Message, ErrorCode: e.StatusCode, Fields: e.Fields})
	}
	return &APIError{StatusCode: status, Errors: items}
}

// Get reads one record. With fields empty Salesforce returns all fields.
func (c *Client) Get(ctx context.Context, object, id string, fields []string) (Record, error) {
	p, err := objectPath(object, id)
	if err != nil {
		return nil, fmt.Errorf("salesforce: get: %w", err)
	}
	return c.getRecord(ctx, p, fields)
}

func (c *Client) getRecord(ctx context.Context, p string, fields []string) (Record, error) {
	r := &apiRequest{method: http.MethodGet, path: p}
	if len(fields) > 0 {
		r.query = url.Values{"fields": {strings.Join(fields, ",")}}
	}
	var rec Record
	if _, err := c.doJSON(ctx, r, &rec); err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, c.wrapDecode(r, errors.New("response body is null"))
	}
	return rec, nil
}

// Create inserts a record and returns its new Id.
func (c *Client) Create(ctx context.Context, object string, rec Record) (string, error) {
	p, err := objectPath(object)
	if err != nil {
		return "", fmt.Errorf("salesforce: create: %w", err)
	}
	r := &apiRequest{method: http.MethodPost, path: p + "/", body: writable(rec)}
	var res SaveResult
	resp, err := c.doJSON(ctx, r, &res)
	if err != nil {
		return "", err
	}
	if !res.Success {
		return "", c.wrapDecode(r, res.apiError(resp.status))
	}
	if res.ID == "" {
		return "", c.wrapDecode(r, errors.New("success response has no id"))
	}
	return res.ID, nil
}

// Update changes the given fields of a record.
func (c *Client) Update(ctx context.Context, object, id string, rec Record) error {
	p, err := objectPath(object, id)
	if err != nil {
		return fmt.Errorf("salesforce: update: %w", err)
	}
	_, err = c.do(ctx, &apiRequest{method: http.MethodPatch, path: p, body: writable(rec)})
	return err
}

// Delete soft-deletes a record (it moves to the recycle bin).
func (c *Client) Delete(ctx context.Context, object, id string) error {
	p, err := objectPath(object, id)
	if err != nil {
		return fmt.Errorf("salesforce: delete: %w", err)
	}
	_, err = c.do(ctx, &apiRequest{method: http.MethodDelete, path: p})
	return err
}

// objectPath builds /sobjects/{object}/{segments...}, refusing empty parts:
// an empty id would silently address a different resource.
func objectPath(object string, segments ...string) (string, error) {
	if object == "" {
		return "", errors.New("object name is empty")
	}
	p := "/sobjects/" + url.PathEscape(object)
	for _, s := range segments {
		if s == "" {
			return "", fmt.Errorf("%s: empty path segment", object)
		}
		p += "/" + url.PathEscape(s)
	}
	return p, nil
}

// writable drops the read-only "attributes" entry a queried record carries,
// so a record read from Salesforce can be written back as is.
func writable(rec Record) Record {
	if _, ok := rec["attributes"]; !ok {
		if rec == nil {
			return Record{}
		}
		return rec
	}
	out := make(Record, len(rec))
	for k, v := range rec {
		if k != "attributes" {
			out[k] = v
		}
	}
	return out
}
