package zendesk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// opt is a request field that tells "absent" from "null" from a value,
// because Zendesk leaves absent fields alone and clears null ones.
type opt[T any] struct {
	Set   bool
	Null  bool
	Value T
}

func (o *opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(b, []byte("null")) {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// flexString accepts a JSON string or number, as Zendesk does for
// external_id.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number: %w", err)
	}
	*f = flexString(n.String())
	return nil
}

// flexID accepts an id as a JSON number or a numeric string.
type flexID int64

func (f *flexID) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("want a numeric id, got %s", b)
	}
	*f = flexID(n)
	return nil
}

// stringOrNil renders an empty string as JSON null, as Zendesk does for
// unset optional strings.
func stringOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func idOrNil(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
