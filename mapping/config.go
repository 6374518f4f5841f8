// Package mapping turns Salesforce records into Zendesk records. It is pure:
// the same record and configuration always give the same result, so the
// hash of a mapped record tells whether Zendesk already holds it.
package mapping

// Salesforce objects the mapping covers.
const (
	Account = "Account"
	Contact = "Contact"
)

// Config is the mapping of both objects. Default gives the built-in one;
// Load merges a mapping file over it.
type Config struct {
	Accounts Object `yaml:"accounts" json:"accounts"`
	Contacts Object `yaml:"contacts" json:"contacts"`
}

// Object is the mapping of one Salesforce object.
type Object struct {
	// Filter is a SOQL WHERE fragment selecting the records to sync.
	Filter string `yaml:"filter" json:"filter"`
	// ReplaceDefaults drops the built-in fields instead of merging over them.
	ReplaceDefaults bool    `yaml:"replace_defaults" json:"replace_defaults"`
	Fields          []Field `yaml:"fields" json:"fields"`
}

// Field fills one Zendesk target from exactly one of Source, Join,
// Template or Constant. The value then goes through Transforms in order,
// then through Values; Default replaces a value Values does not map, or an
// empty value when there is no Values.
type Field struct {
	Target     string            `yaml:"target" json:"target"`
	Source     string            `yaml:"source,omitempty" json:"source,omitempty"`
	Join       []string          `yaml:"join,omitempty" json:"join,omitempty"`
	Separator  string            `yaml:"separator,omitempty" json:"separator,omitempty"` // for Join, " " when empty
	Template   string            `yaml:"template,omitempty" json:"template,omitempty"`
	Constant   any               `yaml:"constant,omitempty" json:"constant,omitempty"`
	Transforms []string          `yaml:"transforms,omitempty" json:"transforms,omitempty"`
	Values     map[string]string `yaml:"values,omitempty" json:"values,omitempty"`
	Default    string            `yaml:"default,omitempty" json:"default,omitempty"`

	line int // in the mapping file, 0 for built-in fields
}

// Default returns the built-in mapping. Each call returns a fresh copy.
func Default() *Config {
	return &Config{
		Accounts: Object{Fields: []Field{
			{Target: "name", Source: "Name", Transforms: []string{"trim"}},
			{Target: "domain_names", Source: "Website", Transforms: []string{"host"}},
			{Target: "details", Join: []string{"BillingCity", "BillingCountry"}, Separator: ", "},
			{Target: "organization_fields.industry", Source: "Industry", Transforms: []string{"trim"}},
		}},
		Contacts: Object{Fields: []Field{
			{Target: "name", Join: []string{"FirstName", "LastName"}},
			{Target: "email", Source: "Email", Transforms: []string{"trim", "lower"}},
			{Target: "phone", Source: "Phone", Transforms: []string{"trim"}},
			{Target: "user_fields.title", Source: "Title", Transforms: []string{"trim"}},
			{Target: "user_fields.department", Source: "Department", Transforms: []string{"trim"}},
		}},
	}
}

// object returns the mapping of a Salesforce object, nil for others.
func (c *Config) object(name string) *Object {
	switch name {
	case Account:
		return &c.Accounts
	case Contact:
		return &c.Contacts
	}
	return nil
}

// Filter returns the SOQL WHERE fragment of object, "" for none.
func (c *Config) Filter(object string) string {
	if o := c.object(object); o != nil {
		return o.Filter
	}
	return ""
}
