package salesforce

import (
	"context"
	"fmt"
	"net/http"
)

// SObjectDescribe is the metadata of one object type.
type SObjectDescribe struct {
	Name   string  `json:"name"`
	Label  string  `json:"label"`
	Fields []Field `json:"fields"`
}

// Field describes one field of an object.
type Field struct {
	Name           string          `json:"name"`
	Label          string          `json:"label"`
	Type           string          `json:"type"`
	Length         int             `json:"length"`
	Nillable       bool            `json:"nillable"`
	ExternalID     bool            `json:"externalId"`
	Unique         bool            `json:"unique"`
	PicklistValues []PicklistValue `json:"picklistValues"`
}

// PicklistValue is one allowed value of a picklist field.
type PicklistValue struct {
	Value  string `json:"value"`
	Label  string `json:"label"`
	Active bool   `json:"active"`
}

// Field returns the named field, if the object has it.
func (d *SObjectDescribe) Field(name string) (Field, bool) {
	for _, f := range d.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Describe fetches an object's metadata.
func (c *Client) Describe(ctx context.Context, object string) (*SObjectDescribe, error) {
	p, err := objectPath(object, "describe")
	if err != nil {
		return nil, fmt.Errorf("salesforce: describe: %w", err)
	}
	r := &apiRequest{method: http.MethodGet, path: p}
	var d SObjectDescribe
	if _, err := c.doJSON(ctx, r, &d); err != nil {
		return nil, err
	}
	if d.Name == "" {
		return nil, c.wrapDecode(r, fmt.Errorf("describe response has no name"))
	}
	return &d, nil
}
