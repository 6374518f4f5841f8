package mapping

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crmsync/crmsync/reconcile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fullYAML sets every top-level, pair and field key of the format.
const fullYAML = `conflict_policy: newest_wins
accounts:
  enabled: false
  filter: "Type = 'Customer'"
contacts:
  enabled: true
  direction: both
  conflict_policy: salesforce_wins
  filter: "Email != null"
  fields:
    - zendesk: name
      join: [FirstName, LastName]
      separator: " "
      reverse: split
    - zendesk: user_fields.level
      salesforce: Level__c
      transforms: [trim, lower]
      values: {hot: high, warm: high, cold: low}
      reverse_values: {high: hot, low: cold}
      default: unknown
      direction: both
      conflict_policy: zendesk_wins
    - zendesk: user_fields.greeting
      template: "Hi {{FirstName}}"
      direction: sf_to_zd
    - zendesk: tags
      constant: [crm, salesforce]
      direction: sf_to_zd
    - zendesk: organization_id
      salesforce: AccountId
      reference: accounts
`

// fullJSON is fullYAML in JSON.
const fullJSON = `{
  "conflict_policy": "newest_wins",
  "accounts": {"enabled": false, "filter": "Type = 'Customer'"},
  "contacts": {
    "enabled": true,
    "direction": "both",
    "conflict_policy": "salesforce_wins",
    "filter": "Email != null",
    "fields": [
      {"zendesk": "name", "join": ["FirstName", "LastName"], "separator": " ", "reverse": "split"},
      {"zendesk": "user_fields.level", "salesforce": "Level__c", "transforms": ["trim", "lower"],
       "values": {"hot": "high", "warm": "high", "cold": "low"},
       "reverse_values": {"high": "hot", "low": "cold"},
       "default": "unknown", "direction": "both", "conflict_policy": "zendesk_wins"},
      {"zendesk": "user_fields.greeting", "template": "Hi {{FirstName}}", "direction": "sf_to_zd"},
      {"zendesk": "tags", "constant": ["crm", "salesforce"], "direction": "sf_to_zd"},
      {"zendesk": "organization_id", "salesforce": "AccountId", "reference": "accounts"}
    ]
  }
}
`

func TestLoadFormats(t *testing.T) {
	cases := []struct{ name, body string }{
		{"mapping.yaml", fullYAML},
		{"mapping.yml", fullYAML},
		{"MAPPING.YAML", fullYAML},
		{"mapping.json", fullJSON},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := mustLoad(t, c.name, c.body)
			assert.Equal(t, reconcile.NewestWins, cfg.ConflictPolicy)

			accounts := cfg.Pair("accounts")
			require.NotNil(t, accounts)
			assert.False(t, accounts.On())
			assert.Equal(t, "Type = 'Customer'", accounts.Filter)
			assert.Equal(t, reconcile.SalesforceToZendesk, accounts.Direction, "a pair without direction keeps the default")
			assert.Equal(t, New(defaults()).Pair("accounts").Fields, accounts.Fields, "a pair without fields keeps the defaults")

			contacts := cfg.Pair("contacts")
			require.NotNil(t, contacts)
			assert.True(t, contacts.On())
			assert.Equal(t, reconcile.Both, contacts.Direction)
			assert.Equal(t, reconcile.SalesforceWins, contacts.ConflictPolicy)
			assert.Equal(t, "Email != null", contacts.Filter)
			assert.Equal(t, []string{"email", "phone", "user_fields.title", "user_fields.department",
				"name", "user_fields.level", "user_fields.greeting", "tags", "organization_id"}, zendeskFields(contacts))

			// Strip the lines so the formats compare equal; YAML's are
			// checked in TestLoadRecordsLines.
			got := make([]Field, 0, 5)
			for _, f := range contacts.Fields[4:] {
				assert.False(t, f.builtin, "%s comes from the file", f.Zendesk)
				f.line = 0
				got = append(got, f)
			}
			assert.Equal(t, []Field{
				{Zendesk: "name", Join: []string{"FirstName", "LastName"}, Separator: " ", Reverse: "split"},
				{
					Zendesk: "user_fields.level", Salesforce: "Level__c", Transforms: []string{"trim", "lower"},
					Values:        map[string]string{"hot": "high", "warm": "high", "cold": "low"},
					ReverseValues: map[string]string{"high": "hot", "low": "cold"},
					Default:       "unknown", Direction: reconcile.Both, ConflictPolicy: reconcile.ZendeskWins,
				},
				{Zendesk: "user_fields.greeting", Template: "Hi {{FirstName}}", Direction: reconcile.SalesforceToZendesk},
				{Zendesk: "tags", Constant: []any{"crm", "salesforce"}, Direction: reconcile.SalesforceToZendesk},
				{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
			}, got)
			for _, f := range contacts.Fields[:4] {
				assert.True(t, f.builtin, "%s is a default", f.Zendesk)
			}
		})
	}
}

func TestLoadRecordsLines(t *testing.T) {
	c := mustLoad(t, "m.yaml", fullYAML)
	p := c.Pair("contacts")
	assert.Equal(t, 11, field(t, p, "name").line)
	assert.Equal(t, 15, field(t, p, "user_fields.level").line)
	assert.Equal(t, 29, field(t, p, "organization_id").line)
	assert.Zero(t, field(t, p, "email").line, "a default has no line")
}

func TestLoadConstantTypes(t *testing.T) {
	c := mustLoad(t, "m.yaml", `contacts:
  fields:
    - {zendesk: user_fields.vip, constant: true}
    - {zendesk: user_fields.score, constant: 7}
    - {zendesk: user_fields.ratio, constant: 0.5}
    - {zendesk: user_fields.source, constant: salesforce}
`)
	p := c.Pair("contacts")
	assert.Equal(t, true, field(t, p, "user_fields.vip").Constant)
	assert.Equal(t, 7, field(t, p, "user_fields.score").Constant)
	assert.Equal(t, 0.5, field(t, p, "user_fields.ratio").Constant)
	assert.Equal(t, "salesforce", field(t, p, "user_fields.source").Constant)
}

func TestLoadMerge(t *testing.T) {
	t.Run("file field replaces the default of the same zendesk field, others are added", func(t *testing.T) {
		c := mustLoad(t, "m.yaml", `contacts:
  fields:
    - zendesk: phone
      salesforce: MobilePhone
    - zendesk: user_fields.city
      salesforce: MailingCity
`)
		p := c.Pair("contacts")
		assert.Equal(t, []string{"name", "email", "organization_id", "user_fields.title",
			"user_fields.department", "phone", "user_fields.city"}, zendeskFields(p))
		phone := field(t, p, "phone")
		assert.Equal(t, "MobilePhone", phone.Salesforce)
		assert.Empty(t, phone.Transforms, "the default's transforms are not merged into the file's field")
		assert.False(t, phone.builtin)
		assert.True(t, field(t, p, "email").builtin)
		assert.Equal(t, New(defaults()).Pair("accounts"), c.Pair("accounts"), "the other pair is untouched")
	})

	t.Run("replace_defaults drops the built-in fields", func(t *testing.T) {
		c := mustLoad(t, "m.yaml", `contacts:
  replace_defaults: true
  fields:
    - {zendesk: name, salesforce: LastName}
    - {zendesk: email, salesforce: Email}
`)
		p := c.Pair("contacts")
		assert.Equal(t, []string{"name", "email"}, zendeskFields(p))
		assert.Equal(t, "LastName", p.Fields[0].Salesforce)
		assert.False(t, p.ReplaceDefaults && p.Fields[1].builtin, "the file's email is not the default")
		assert.Len(t, c.Pair("accounts").Fields, 4)
	})

	t.Run("replace_defaults: false merges", func(t *testing.T) {
		c := mustLoad(t, "m.yaml", "contacts:\n  replace_defaults: false\n  fields:\n    - {zendesk: user_fields.x, salesforce: X__c}\n")
		assert.Len(t, c.Pair("contacts").Fields, 7)
	})

	t.Run("pair settings without fields keep the fields", func(t *testing.T) {
		c := mustLoad(t, "m.yaml", "contacts:\n  enabled: false\n  conflict_policy: newest_wins\n")
		p := c.Pair("contacts")
		assert.False(t, p.On())
		assert.Equal(t, reconcile.NewestWins, p.ConflictPolicy)
		assert.Equal(t, reconcile.SalesforceToZendesk, p.Direction)
		assert.Equal(t, New(defaults()).Pair("contacts").Fields, p.Fields)
		assert.Equal(t, reconcile.ZendeskWins, c.ConflictPolicy, "the top-level default")
	})

	t.Run("the defaults given are not modified", func(t *testing.T) {
		d := defaults()
		_, err := Load(writeFile(t, "m.yaml", "contacts:\n  fields:\n    - {zendesk: phone, salesforce: MobilePhone}\n"), d)
		require.NoError(t, err)
		assert.Equal(t, defaults(), d)
	})
}

func TestLoadEmptyKeepsDefaults(t *testing.T) {
	cases := []struct{ name, body string }{
		{"empty.yaml", ""},
		{"comment.yaml", "# nothing yet\n"},
		{"null_pair.yaml", "contacts:\n"},
		{"empty.json", "{}"},
		{"null_pair.json", `{"contacts": null}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, New(defaults()), mustLoad(t, c.name, c.body))
		})
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, file, body string
		want             []string
	}{
		{
			name: "unknown top-level key names the known ones", file: "m.yaml",
			body: "conflict_policy: zendesk_wins\ncontacts:\n  enabled: true\nleads:\n  enabled: true\n",
			want: []string{`line 4: unknown key "leads" (known: conflict_policy, accounts, contacts)`},
		},
		{
			name: "unknown top-level key in json", file: "m.json", body: `{"leads": {}}`,
			want: []string{`unknown key "leads" (known: conflict_policy, accounts, contacts)`},
		},
		{
			name: "unknown pair key", file: "m.yaml",
			body: "contacts:\n  enabled: true\n  directon: both\n",
			want: []string{`contacts: line 3: unknown key "directon" in a pair`},
		},
		{
			name: "unknown pair key in json", file: "m.json",
			body: "{\n  \"conflict_policy\": \"zendesk_wins\",\n  \"accounts\": {\"filter\": \"Type = 'Customer'\"},\n\n  \"contacts\": {\"directon\": \"both\"}\n}\n",
			want: []string{`contacts: line 5: json: unknown field "directon"`},
		},
		{
			name: "unknown field key", file: "m.yaml",
			body: "contacts:\n  fields:\n    - zendesk: phone\n      salesforce: Phone\n      transform: [trim]\n",
			want: []string{`contacts: line 5: unknown key "transform" in a field entry`},
		},
		{
			name: "unknown field key in json", file: "m.json",
			body: "{\"contacts\": {\"fields\": [\n  {\"zendesk\": \"phone\", \"salesfroce\": \"Phone\"}]}}",
			want: []string{`contacts: line 2: json: unknown field "salesfroce"`},
		},
		{
			name: "pair is not a mapping", file: "m.yaml", body: "accounts: [a]\n",
			want: []string{"accounts: line 1: a pair must be a mapping"},
		},
		{
			name: "field entry is not a mapping", file: "m.yaml", body: "contacts:\n  fields:\n    - phone\n",
			want: []string{"contacts: line 3: a field entry must be a mapping"},
		},
		{
			name: "file is not a mapping", file: "m.yaml", body: "- contacts\n",
			want: []string{"line 1: the file must be a mapping of conflict_policy and pairs"},
		},
		{
			name: "bad field direction", file: "m.yaml",
			body: "contacts:\n  fields:\n    - zendesk: user_fields.x\n      salesforce: X__c\n      direction: up\n",
			want: []string{`contacts: field 7 (zendesk "user_fields.x", line 3): direction "up": want one of [sf_to_zd zd_to_sf both]`},
		},
		{
			name: "bad field policy", file: "m.yaml",
			body: "contacts:\n  fields:\n    - zendesk: user_fields.x\n      salesforce: X__c\n      conflict_policy: loudest\n",
			want: []string{`contacts: field 7 (zendesk "user_fields.x", line 3): conflict_policy "loudest": want one of [zendesk_wins salesforce_wins newest_wins]`},
		},
		{
			name: "bad pair direction", file: "m.yaml", body: "contacts:\n  direction: sideways\n",
			want: []string{`contacts: direction "sideways": want one of [sf_to_zd zd_to_sf both]`},
		},
		{
			name: "bad pair policy", file: "m.json", body: `{"accounts": {"conflict_policy": "loudest"}}`,
			want: []string{`accounts: conflict_policy "loudest": want one of [zendesk_wins salesforce_wins newest_wins]`},
		},
		{
			name: "bad top-level policy", file: "m.yaml", body: "conflict_policy: loudest\n",
			want: []string{`conflict_policy "loudest": want one of`},
		},
		{
			name: "top-level policy of the wrong type", file: "m.yaml", body: "\nconflict_policy: [a]\n",
			want: []string{"line 2: conflict_policy:"},
		},
		{
			name: "every problem is reported", file: "m.yaml",
			body: "conflict_policy: loudest\naccounts:\n  direction: up\ncontacts:\n  direction: down\n",
			want: []string{`conflict_policy "loudest"`, `accounts: direction "up"`, `contacts: direction "down"`},
		},
		{
			name: "bad yaml syntax", file: "m.yaml", body: "contacts:\n  enabled: true\n   direction: both\n",
			want: []string{"yaml: line 3"},
		},
		{
			name: "bad json syntax", file: "m.json",
			body: "{\n  \"contacts\": {\n    \"enabled\": tru,\n    \"direction\": \"both\"\n  }\n}\n",
			want: []string{"line 3: invalid character ',' in literal true"},
		},
		{
			name: "bad json syntax at the top", file: "m.json", body: "{\n\"contacts\": {},\n,}",
			want: []string{"line 3: invalid character ','"},
		},
		{
			name: "json type error", file: "m.json",
			body: "{\n  \"accounts\": {\"filter\": \"Type = 'Customer'\", \"enabled\": true},\n  \"contacts\": {\n    \"enabled\": \"yes\"}\n}",
			want: []string{"contacts: line 4: json: cannot unmarshal string"},
		},
		{
			name: "yaml type error", file: "m.yaml", body: "contacts:\n  fields: phone\n",
			want: []string{"contacts: yaml: unmarshal errors", "line 2"},
		},
		{
			name: "a field error names the entry and its line", file: "m.yml",
			body: "contacts:\n  fields:\n    - zendesk: user_fields.title\n      salesforce: Title\n    - zendesk: nickname\n      salesforce: Nick__c\n",
			want: []string{`contacts: field 7 (zendesk "nickname", line 5): unknown zendesk field "nickname"`},
		},
		{
			name: "a field error in json names the entry", file: "m.json",
			body: `{"contacts": {"fields": [{"zendesk": "nickname", "salesforce": "Nick__c"}]}}`,
			want: []string{`contacts: field 7 (zendesk "nickname"`},
		},
		{
			name: "unknown extension", file: "m.toml", body: "contacts = {}\n",
			want: []string{"unknown format, use .yaml, .yml or .json"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, c.file, c.body)
			cfg, err := Load(path, defaults())
			require.Error(t, err)
			assert.Nil(t, cfg)
			assert.Contains(t, err.Error(), "load mapping "+path+": ")
			for _, w := range c.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "absent.yaml"), defaults())
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), "load mapping: ")
}
