package mapping

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

const exampleYAML = `
accounts:
  filter: "Type = 'Customer'"
  fields:
    - {target: name, source: Name, transforms: [trim, upper]}
    - {target: organization_fields.tier, source: Rating, values: {Hot: gold, Warm: silver}, default: bronze}
    - {target: notes, template: "{{Industry}} / {{BillingCountry}}"}
    - {target: tags, constant: ["from-salesforce"]}
contacts:
  filter: "Email != null"
  fields:
    - {target: user_fields.title, source: Title, transforms: [trim, lower]}
`

const exampleJSON = `{
  "accounts": {
    "filter": "Type = 'Customer'",
    "fields": [
      {"target": "name", "source": "Name", "transforms": ["trim", "upper"]},
      {"target": "organization_fields.tier", "source": "Rating", "values": {"Hot": "gold", "Warm": "silver"}, "default": "bronze"},
      {"target": "notes", "template": "{{Industry}} / {{BillingCountry}}"},
      {"target": "tags", "constant": ["from-salesforce"]}
    ]
  },
  "contacts": {
    "filter": "Email != null",
    "fields": [{"target": "user_fields.title", "source": "Title", "transforms": ["trim", "lower"]}]
  }
}`

func TestLoad(t *testing.T) {
	for name, content := range map[string]string{"mapping.yaml": exampleYAML, "mapping.JSON": exampleJSON, "m.yml": exampleYAML} {
		t.Run(name, func(t *testing.T) {
			c, err := Load(writeFile(t, name, content))
			require.NoError(t, err)
			require.NoError(t, c.Validate(describe))
			assert.Equal(t, "Type = 'Customer'", c.Filter(Account))
			assert.Equal(t, "Email != null", c.Filter(Contact))

			o, err := c.MapAccount(map[string]any{"Id": "001A", "Name": " acme ", "Rating": "Warm", "Industry": "Retail",
				"BillingCountry": "DE", "Website": "https://acme.com", "BillingCity": "Berlin"})
			require.NoError(t, err)
			assert.Equal(t, "ACME", o.Name, "file replaces the default name field")
			assert.Equal(t, "silver", o.OrganizationFields["tier"])
			assert.Equal(t, "Retail", o.OrganizationFields["industry"], "default fields not in the file are kept")
			assert.Equal(t, []string{"acme.com"}, o.DomainNames)
			assert.Equal(t, "Retail / DE", o.Notes)
			assert.Equal(t, []string{"from-salesforce"}, o.Tags)

			u, err := c.MapContact(map[string]any{"Id": "003A", "LastName": "Lee", "Title": " CTO "})
			require.NoError(t, err)
			assert.Equal(t, "cto", u.UserFields["title"])
			assert.Equal(t, "Lee", u.Name)
		})
	}
}

func TestLoadReplaceDefaults(t *testing.T) {
	c, err := Load(writeFile(t, "m.yaml", `
contacts:
  replace_defaults: true
  fields:
    - {target: name, source: LastName}
    - {target: email, source: Email}
`))
	require.NoError(t, err)
	assert.Len(t, c.Contacts.Fields, 2)
	assert.Len(t, c.Accounts.Fields, len(Default().Accounts.Fields), "the other object keeps its defaults")
	u, err := c.MapContact(map[string]any{"Id": "003A", "FirstName": "Ann", "LastName": "Lee", "Title": "CTO"})
	require.NoError(t, err)
	assert.Equal(t, "Lee", u.Name)
	assert.Empty(t, u.UserFields)
}

func TestLoadEmptyFileKeepsDefaults(t *testing.T) {
	c, err := Load(writeFile(t, "m.yaml", ""))
	require.NoError(t, err)
	assert.Equal(t, Default(), c)
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, file, content string
		wantErr             []string
	}{
		{"yaml syntax", "m.yaml", "accounts:\n  fields:\n    - {target: name\n", []string{"m.yaml", "yaml: line "}},
		{"yaml unknown key", "m.yaml", "accounts:\n  filtre: x\n", []string{"line 2", "field filtre not found"}},
		{"yaml unknown object", "m.yaml", "leads:\n  fields: []\n", []string{"line 1", "field leads not found"}},
		{"yaml unknown field key", "m.yaml", "contacts:\n  fields:\n    - target: name\n      sauce: LastName\n", []string{"line 4", `unknown key "sauce" in field entry`}},
		{"yaml bad transform", "m.yaml", "accounts:\n  fields:\n    - target: notes\n      source: Type\n      transforms: [shout]\n",
			[]string{`mapping: Account: field 5 (target "notes", line 3): unknown transform "shout"`}},
		{"yaml bad filter", "m.yaml", "contacts:\n  filter: \"Email = 'x' ORDER BY Email\"\n", []string{"mapping: Contact: filter", "clause keyword ORDER"}},
		{"yaml field not a mapping", "m.yaml", "accounts:\n  fields:\n    - name\n", []string{"line 3", "must be a mapping"}},
		{"json syntax", "m.json", "{\n  \"accounts\": {\n    \"fields\": [\n      {\"target\": \"name\",}\n", []string{"m.json", "line 4", "invalid character"}},
		{"json unknown key", "m.json", "{\n  \"accounts\": {\"fields\": [],\n  \"filtre\": \"x\"}}", []string{"line 3", `unknown field "filtre"`}},
		{"json wrong type", "m.json", "{\"accounts\": {\n\"fields\": [{\"target\": 5}]}}", []string{"line 2", "cannot unmarshal number"}},
		{"json external id", "m.json", `{"contacts": {"fields": [{"target": "external_id", "source": "Email"}]}}`, []string{"field 6", "external_id is always the Salesforce Id"}},
		{"unknown extension", "m.toml", "", []string{"unknown format"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeFile(t, c.file, c.content))
			require.Error(t, err)
			for _, want := range c.wantErr {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
	_, err := Load(filepath.Join(t.TempDir(), "missing.yaml"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
