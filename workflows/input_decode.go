package workflows

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// acceptedFields are the input fields a user may set; continuation is
// accepted too, but only the workflow itself writes it.
var acceptedFields = []string{"mode", "objects", "dry_run"}

// UnmarshalJSON decodes an input strictly: exact field names, the right
// types. Every client (starter, CLI, Web UI) sends JSON, so this is where
// a typo like "dryrun" would otherwise run a real sync. A mistake is kept
// in the input rather than returned: the SDK turns a decode error into a
// retryable failure with its own wrapping, while Sync fails with a
// non-retryable BadInput error that names the field.
func (in *SyncInput) UnmarshalJSON(data []byte) error {
	*in = SyncInput{}
	if err := in.decode(data); err != nil {
		in.invalid = "input: " + err.Error()
	}
	return nil
}

func (in *SyncInput) decode(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf(`want a JSON object like {"mode":"full"}, got %s`, kind(data))
	}
	// Fields are read in the order they were written, so the first mistake
	// reported is the first one in the input, on every replay alike.
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("not valid JSON: %w", err)
		}
		name, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("not valid JSON: %w", err)
		}
		if err := in.field(name, raw); err != nil {
			return err
		}
	}
	return nil
}

// field decodes one field; null leaves the field at its default, as
// encoding/json would.
func (in *SyncInput) field(name string, raw json.RawMessage) error {
	switch name {
	case "mode":
		if json.Unmarshal(raw, &in.Mode) != nil {
			return fmt.Errorf(`field "mode": want "full" or "incremental", got %s`, kind(raw))
		}
	case "objects":
		if json.Unmarshal(raw, &in.Objects) != nil {
			return fmt.Errorf(`field "objects": want a list of pair names like ["contacts"], got %s`, kind(raw))
		}
	case "dry_run":
		if json.Unmarshal(raw, &in.DryRun) != nil {
			return fmt.Errorf(`field "dry_run": want true or false, got %s`, kind(raw))
		}
	case "continuation":
		// Written by an earlier run of this sync, possibly by an older
		// worker: decoded leniently, so a field dropped since still reads.
		if err := json.Unmarshal(raw, &in.Continuation); err != nil {
			return fmt.Errorf(`field "continuation" (internal, leave it out): %w`, err)
		}
	default:
		return fmt.Errorf("unknown field %q; accepted fields: %s", name, strings.Join(acceptedFields, ", "))
	}
	return nil
}

// kind names a JSON value's type the way a person writing it thinks of
// it; a list says what it holds when that is what is wrong.
func kind(raw []byte) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return "invalid JSON"
		}
		return "an unreadable value"
	}
	switch v := v.(type) {
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "true/false"
	case map[string]any:
		return "an object"
	case []any:
		for _, e := range v {
			if _, ok := e.(string); !ok {
				return "a list holding " + kind(mustJSON(e))
			}
		}
		return "a list"
	}
	return "null"
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
