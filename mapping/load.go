package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Load reads a mapping file (.yaml, .yml or .json) and merges it over the
// built-in mapping of the given pairs: a file field replaces every default
// field of the same Zendesk field, other fields are added;
// replace_defaults drops the defaults of that pair. The result is
// structurally valid; Validate with the describe of the objects checks the
// Salesforce field names.
func Load(path string, defaults []Pair) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load mapping: %w", err)
	}
	c := New(defaults)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		err = decodeYAML(data, c)
	case ".json":
		err = decodeJSON(data, c)
	default:
		return nil, fmt.Errorf("load mapping %s: unknown format, use .yaml, .yml or .json", path)
	}
	if err == nil {
		err = c.Validate(nil)
	}
	if err != nil {
		return nil, fmt.Errorf("load mapping %s: %w", path, err)
	}
	return c, nil
}

// merge lays a pair from the file over its built-in mapping.
func (p *Pair) merge(file Pair) {
	if file.Enabled != nil {
		p.Enabled = file.Enabled
	}
	if file.Direction != "" {
		p.Direction = file.Direction
	}
	if file.ConflictPolicy != "" {
		p.ConflictPolicy = file.ConflictPolicy
	}
	if file.Filter != "" {
		p.Filter = file.Filter
	}
	if file.Publish != "" {
		p.Publish = file.Publish
	}
	if file.Deletes != "" {
		p.Deletes = file.Deletes
	}
	if file.DeleteLimit != nil {
		p.DeleteLimit = file.DeleteLimit
	}
	if file.DeletedField != "" {
		p.DeletedField = file.DeletedField
	}
	if file.DefaultAssignee != "" {
		p.DefaultAssignee = file.DefaultAssignee
	}
	p.IncludePrivate = p.IncludePrivate || file.IncludePrivate
	if file.LongBodies != "" {
		p.LongBodies = file.LongBodies
	}
	p.CreateMissingContacts = p.CreateMissingContacts || file.CreateMissingContacts
	if file.DefaultAccount != "" {
		p.DefaultAccount = file.DefaultAccount
	}
	replaced := map[string]bool{}
	for _, f := range file.Fields {
		replaced[f.Zendesk] = true
	}
	var fields []Field
	if !file.ReplaceDefaults {
		for _, f := range p.Fields {
			if !replaced[f.Zendesk] {
				fields = append(fields, f)
			}
		}
	}
	p.Fields = append(fields, file.Fields...)
}

// topKey is a key of the file's top level: conflict_policy or a pair.
func (c *Config) topKey(key string) (*Pair, error) {
	if p := c.Pair(key); p != nil {
		return p, nil
	}
	names := []string{"conflict_policy"}
	for _, p := range c.pairs {
		names = append(names, p.Name)
	}
	return nil, fmt.Errorf("unknown key %q (known: %s)", key, strings.Join(names, ", "))
}

func decodeYAML(data []byte, c *Config) error {
	var top yaml.Node
	if err := yaml.Unmarshal(data, &top); err != nil {
		return err
	}
	if len(top.Content) == 0 {
		return nil // an empty file keeps the defaults
	}
	doc := top.Content[0]
	if doc.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: the file must be a mapping of conflict_policy and pairs", doc.Line)
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value == "conflict_policy" {
			if err := v.Decode(&c.ConflictPolicy); err != nil {
				return fmt.Errorf("line %d: conflict_policy: %w", k.Line, err)
			}
			continue
		}
		p, err := c.topKey(k.Value)
		if err != nil {
			return fmt.Errorf("line %d: %w", k.Line, err)
		}
		var file Pair
		if err := v.Decode(&file); err != nil {
			return fmt.Errorf("%s: %w", k.Value, err)
		}
		p.merge(file)
	}
	return nil
}

// fieldKeys are the keys a field entry may have.
var fieldKeys = map[string]bool{
	"zendesk": true, "salesforce": true, "join": true, "separator": true, "template": true,
	"constant": true, "transforms": true, "values": true, "reverse_values": true, "default": true,
	"reverse": true, "reference": true, "fallback": true, "direction": true, "conflict_policy": true,
}

// pairKeys are the keys a pair may have.
var pairKeys = map[string]bool{
	"enabled": true, "direction": true, "conflict_policy": true, "filter": true,
	"replace_defaults": true, "fields": true, "deletes": true, "delete_limit": true, "deleted_field": true, "publish": true,
	"include_private": true, "default_assignee": true, "create_missing_contacts": true, "default_account": true,
	"long_bodies": true,
}

// UnmarshalYAML refuses unknown keys, which yaml.v3 does not check for
// nodes decoded one by one.
func (p *Pair) UnmarshalYAML(n *yaml.Node) error {
	if err := knownKeys(n, "a pair", pairKeys); err != nil {
		return err
	}
	type plain Pair
	var v plain
	if err := n.Decode(&v); err != nil {
		return err
	}
	*p = Pair(v)
	return nil
}

func knownKeys(n *yaml.Node, what string, keys map[string]bool) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s must be a mapping", n.Line, what)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !keys[k.Value] {
			return fmt.Errorf("line %d: unknown key %q in %s", k.Line, k.Value, what)
		}
	}
	return nil
}

// UnmarshalYAML records the entry's line for error messages. yaml.v3 does
// not pass KnownFields to custom unmarshalers, so unknown keys are checked
// here.
func (f *Field) UnmarshalYAML(n *yaml.Node) error {
	if err := knownKeys(n, "a field entry", fieldKeys); err != nil {
		return err
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
	var top map[string]json.RawMessage
	if err := decodeJSONStrict(data, data, &top); err != nil {
		return err
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		raw := top[k]
		if k == "conflict_policy" {
			if err := decodeJSONStrict(data, raw, &c.ConflictPolicy); err != nil {
				return fmt.Errorf("conflict_policy: %w", err)
			}
			continue
		}
		p, err := c.topKey(k)
		if err != nil {
			return err
		}
		var file Pair
		if err := decodeJSONStrict(data, raw, &file); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		p.merge(file)
	}
	return nil
}

// decodeJSONStrict decodes part, a slice of whole, refusing unknown
// fields and naming the line of whole where decoding stopped.
func decodeJSONStrict(whole, part []byte, out any) error {
	dec := json.NewDecoder(bytes.NewReader(part))
	dec.DisallowUnknownFields()
	err := dec.Decode(out)
	if err == nil {
		if dec.More() {
			return fmt.Errorf("line %d: text after the end of the JSON value", lineAt(whole, int64(bytes.Index(whole, part))+dec.InputOffset()))
		}
		return nil
	}
	base := int64(bytes.Index(whole, part))
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("line %d: %w", lineAt(whole, base+syntax.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("line %d: %w", lineAt(whole, base+typ.Offset), err)
	}
	// Unknown-field errors carry no offset; the decoder stopped near it.
	return fmt.Errorf("line %d: %w", lineAt(whole, base+dec.InputOffset()), err)
}

// lineAt returns the 1-based line of a byte offset.
func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
