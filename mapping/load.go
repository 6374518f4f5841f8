package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// Load reads a mapping file (.yaml, .yml or .json) and merges it over the
// defaults: a file field replaces every default field of the same target,
// other targets are added; replace_defaults drops the defaults of that
// object. The result is structurally valid; Validate with the describe of
// both objects checks the field names.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load mapping: %w", err)
	}
	var file Config
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		err = decodeYAML(data, &file)
	case ".json":
		err = decodeJSON(data, &file)
	default:
		return nil, fmt.Errorf("load mapping %s: unknown format, use .yaml, .yml or .json", path)
	}
	if err != nil {
		return nil, fmt.Errorf("load mapping %s: %w", path, err)
	}
	c := Default()
	c.Accounts = c.Accounts.mergedWith(file.Accounts)
	c.Contacts = c.Contacts.mergedWith(file.Contacts)
	if err := c.Validate(nil); err != nil {
		return nil, fmt.Errorf("load mapping %s: %w", path, err)
	}
	return c, nil
}

func (o Object) mergedWith(file Object) Object {
	out := Object{Filter: o.Filter}
	if file.Filter != "" {
		out.Filter = file.Filter
	}
	replaced := map[string]bool{}
	for _, f := range file.Fields {
		replaced[f.Target] = true
	}
	if !file.ReplaceDefaults {
		for _, f := range o.Fields {
			if !replaced[f.Target] {
				out.Fields = append(out.Fields, f)
			}
		}
	}
	out.Fields = append(out.Fields, file.Fields...)
	return out
}

func decodeYAML(data []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file keeps the defaults
		}
		return err
	}
	return nil
}

// fieldKeys are the keys a field entry may have.
var fieldKeys = map[string]bool{
	"target": true, "source": true, "join": true, "separator": true, "template": true,
	"constant": true, "transforms": true, "values": true, "default": true,
}

// UnmarshalYAML records the entry's line for error messages. yaml.v3 does
// not pass KnownFields to custom unmarshalers, so unknown keys are checked
// here.
func (f *Field) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a field entry must be a mapping", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !fieldKeys[k.Value] {
			return fmt.Errorf("line %d: unknown key %q in field entry", k.Line, k.Value)
		}
	}
	type plain Field
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*f = Field(p)
	f.line = n.Line
	return nil
}

func decodeJSON(data []byte, c *Config) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(c)
	if err == nil {
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("line %d: %w", lineAt(data, syntax.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("line %d: %w", lineAt(data, typ.Offset), err)
	}
	// Unknown-field errors carry no offset; the decoder stopped near it.
	return fmt.Errorf("line %d: %w", lineAt(data, dec.InputOffset()), err)
}

// lineAt returns the 1-based line of a byte offset.
func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
