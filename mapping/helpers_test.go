package mapping

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crmsync/crmsync/reconcile"
	"github.com/stretchr/testify/require"
)

// defaults mirrors pairs.Defaults (package pairs imports mapping, so the
// tests cannot import it): the built-in pairs with their Name, Object and
// Kind set and the same fields as pairs/pairs.go.
func defaults() []Pair {
	return []Pair{
		{
			Name: "accounts", Object: "Account", Kind: Organization,
			Direction: reconcile.SalesforceToZendesk, Fields: []Field{
				{Zendesk: "name", Salesforce: "Name", Transforms: []string{"trim"}},
				{Zendesk: "domain_names", Salesforce: "Website", Transforms: []string{"host"}},
				{Zendesk: "details", Join: []string{"BillingCity", "BillingCountry"}, Separator: ", "},
				{Zendesk: "organization_fields.industry", Salesforce: "Industry", Transforms: []string{"trim"}},
			},
		},
		{
			Name: "contacts", Object: "Contact", Kind: User,
			Direction: reconcile.SalesforceToZendesk, Fields: []Field{
				{Zendesk: "name", Join: []string{"FirstName", "LastName"}, Reverse: "split"},
				{Zendesk: "email", Salesforce: "Email", Transforms: []string{"trim", "lower"}},
				{Zendesk: "phone", Salesforce: "Phone", Transforms: []string{"trim"}},
				{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
				{Zendesk: "user_fields.title", Salesforce: "Title", Transforms: []string{"trim"}},
				{Zendesk: "user_fields.department", Salesforce: "Department", Transforms: []string{"trim"}},
			},
		},
	}
}

// fakeLinks links Salesforce ids to Zendesk ids per pair.
type fakeLinks map[string]map[string]int64

func (l fakeLinks) ZendeskID(pair, salesforceID string) (int64, bool) {
	id, ok := l[pair][salesforceID]
	return id, ok
}

func (l fakeLinks) SalesforceID(pair string, zendeskID int64) (string, bool) {
	for sf, zd := range l[pair] {
		if zd == zendeskID {
			return sf, true
		}
	}
	return "", false
}

// Users: the fake's pair "users" links Salesforce user ids to Zendesk
// agents, "emails" maps an email to a Salesforce user (as id 0).
func (l fakeLinks) SalesforceUser(zendeskUserID int64, email string) (string, bool) {
	if zendeskUserID == 0 {
		for sf := range l["emails:"+email] {
			return sf, true
		}
		return "", false
	}
	return l.SalesforceID("users", zendeskUserID)
}

func (l fakeLinks) ZendeskAgent(salesforceUserID string) (int64, bool) {
	return l.ZendeskID("users", salesforceUserID)
}

// noLinks fails the test when a reference is resolved: fields that are not
// references must never consult the links.
type noLinks struct{ t *testing.T }

func (l noLinks) ZendeskID(pair, id string) (int64, bool) {
	l.t.Errorf("unexpected ZendeskID(%q, %q)", pair, id)
	return 0, false
}

func (l noLinks) SalesforceID(pair string, id int64) (string, bool) {
	l.t.Errorf("unexpected SalesforceID(%q, %d)", pair, id)
	return "", false
}

// writeFile writes a mapping file named name into a fresh directory and
// returns its path.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

// load writes body to a file named name and loads it over the defaults.
func load(t *testing.T, name, body string) (*Config, error) {
	t.Helper()
	return Load(writeFile(t, name, body), defaults())
}

// mustLoad is load for files that must be accepted.
func mustLoad(t *testing.T, name, body string) *Config {
	t.Helper()
	c, err := load(t, name, body)
	require.NoError(t, err)
	return c
}

// field returns the pair's field filling the Zendesk field zd.
func field(t *testing.T, p *Pair, zd string) *Field {
	t.Helper()
	require.NotNil(t, p)
	for i := range p.Fields {
		if p.Fields[i].Zendesk == zd {
			return &p.Fields[i]
		}
	}
	require.Failf(t, "no such field", "pair %s has no field %q", p.Name, zd)
	return nil
}

// zendeskFields lists the Zendesk fields of a pair in order.
func zendeskFields(p *Pair) []string {
	out := make([]string, len(p.Fields))
	for i, f := range p.Fields {
		out[i] = f.Zendesk
	}
	return out
}

// configWith is the built-in mapping with file merged over the named pair,
// as Load would merge it, for tests that need no file. Fields built here
// have no line.
func configWith(t *testing.T, pair string, file Pair) *Config {
	t.Helper()
	c := New(defaults())
	p := c.Pair(pair)
	require.NotNil(t, p, "pair %s", pair)
	p.merge(file)
	return c
}

func (l noLinks) SalesforceUser(id int64, email string) (string, bool) {
	l.t.Errorf("unexpected SalesforceUser(%d, %q)", id, email)
	return "", false
}

func (l noLinks) ZendeskAgent(id string) (int64, bool) {
	l.t.Errorf("unexpected ZendeskAgent(%q)", id)
	return 0, false
}
