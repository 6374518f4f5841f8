package salesforce

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// FieldDef declares a custom field the org has beyond the built-in ones,
// e.g. a mapping target. Types are describe's names: string, textarea,
// email, url, phone, picklist, boolean, double, datetime.
type FieldDef struct {
	Object     string   `json:"object"`
	Name       string   `json:"name"`
	Type       string   `json:"type"`
	Length     int      `json:"length,omitempty"`
	Nillable   bool     `json:"nillable"`
	ExternalID bool     `json:"externalId,omitempty"`
	Unique     bool     `json:"unique,omitempty"`
	Picklist   []string `json:"picklist,omitempty"`
}

// LoadFieldDefs reads a JSON array of FieldDef from path and checks each.
func LoadFieldDefs(path string) ([]FieldDef, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read field defs: %w", err)
	}
	var defs []FieldDef
	if err := json.Unmarshal(raw, &defs); err != nil {
		return nil, fmt.Errorf("parse field defs %s: %w", path, err)
	}
	for i, d := range defs {
		if err := d.check(); err != nil {
			return nil, fmt.Errorf("field def %d in %s: %w", i, path, err)
		}
	}
	return defs, nil
}

var textTypes = map[string]bool{"string": true, "textarea": true, "email": true, "url": true, "phone": true}

func (d FieldDef) check() error {
	if _, ok := objectPrefixes[d.Object]; !ok {
		return fmt.Errorf("unknown object %q", d.Object)
	}
	if noCustomFields[d.Object] {
		return fmt.Errorf("object %s takes no custom fields", d.Object)
	}
	if !strings.HasSuffix(d.Name, "__c") || len(d.Name) < 4 {
		return fmt.Errorf("custom field name %q must end in __c", d.Name)
	}
	switch {
	case textTypes[d.Type]:
		if d.Length <= 0 || d.Length > 131072 {
			return fmt.Errorf("field %s: length %d out of 1..131072", d.Name, d.Length)
		}
	case d.Type == "picklist":
		if len(d.Picklist) == 0 {
			return fmt.Errorf("field %s: picklist needs values", d.Name)
		}
	case d.Type == "boolean" || d.Type == "double" || d.Type == "datetime":
	default:
		return fmt.Errorf("field %s: unsupported type %q", d.Name, d.Type)
	}
	if d.ExternalID && !(d.Type == "string" || d.Type == "email" || d.Type == "double") {
		return fmt.Errorf("field %s: an external id must be string, email or double", d.Name)
	}
	return nil
}
