package salesforce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

// recordError is one error on a record, as the API reports it.
// Its JSON is the save-result form (statusCode) used inside results.
type recordError struct {
	Code    string   `json:"statusCode"`
	Message string   `json:"message"`
	Fields  []string `json:"fields"`
}

func jsonParserError(format string, args ...any) *recordError {
	return &recordError{Code: "JSON_PARSER_ERROR", Message: fmt.Sprintf(format, args...)}
}

// decodeFields turns a record body's JSON fields into canonical field
// names and stored value types. What fails here fails the whole request,
// as deserialization errors do in the real API.
func decodeFields(o *object, body map[string]any) (map[string]any, *recordError) {
	out := make(map[string]any, len(body))
	for k, v := range body {
		if k == "attributes" {
			continue
		}
		f := o.field(k)
		if f == nil {
			return nil, &recordError{Code: "INVALID_FIELD", Message: fmt.Sprintf("No such column '%s' on sobject of type %s", k, o.Name)}
		}
		val, err := coerce(f, v)
		if err != nil {
			return nil, err
		}
		out[f.Name] = val
	}
	return out, nil
}

// coerce converts one JSON value to the field's stored type. Text fields
// take numbers and booleans as their text, as the real API does; an empty
// string is stored as null.
func coerce(f *field, v any) (any, *recordError) {
	if v == nil {
		return nil, nil
	}
	switch f.Type {
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case string:
			if b, err := strconv.ParseBool(x); err == nil {
				return b, nil
			}
		}
		return nil, jsonParserError("Cannot deserialize instance of boolean from %s value %v or request may be missing a required field", jsonKind(v), v)
	case "double":
		switch x := v.(type) {
		case json.Number:
			if n, err := x.Float64(); err == nil {
				return n, nil
			}
		case string:
			if n, err := strconv.ParseFloat(x, 64); err == nil {
				return n, nil
			}
		}
		return nil, jsonParserError("Cannot deserialize instance of double from %s value %v or request may be missing a required field", jsonKind(v), v)
	case "datetime":
		if x, ok := v.(string); ok {
			if t, err := soql.ParseDateTime(x); err == nil {
				return t, nil
			}
		}
		return nil, jsonParserError("Cannot deserialize instance of datetime from %s value %v or request may be missing a required field", jsonKind(v), v)
	}
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil, nil
		}
		if f.Type == "id" || f.Type == "reference" {
			if len(x) == 15 {
				return expandID(x), nil
			}
		}
		return x, nil
	case json.Number:
		return x.String(), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return nil, jsonParserError("Cannot deserialize instance of string from %s value or request may be missing a required field", jsonKind(v))
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "VALUE_STRING"
	case json.Number:
		return "VALUE_NUMBER_INT"
	case bool:
		return "VALUE_TRUE"
	case map[string]any:
		return "START_OBJECT"
	case []any:
		return "START_ARRAY"
	}
	return "VALUE"
}

// expandID turns a 15-character Id into its 18-character form; anything
// else is returned unchanged for validation to reject.
func expandID(id string) string {
	if len(id) != 15 {
		return id
	}
	for i := 0; i < 15; i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return id
		}
	}
	return sfid.Extend(id)
}

// decodeBody reads a JSON object body keeping numbers exact.
func decodeBody(raw []byte, into any) *recordError {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		return jsonParserError("%s", jsonErrorText(err))
	}
	return nil
}

func jsonErrorText(err error) string {
	return "Unexpected character in request body: " + err.Error()
}

// formatTime writes a datetime as the API does: 2026-01-02T03:04:05.000+0000.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000-0700") }
