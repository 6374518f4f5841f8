package mapping

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/record"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzToZendesk maps an arbitrary contact through the default fields:
// no field panics, mapping is deterministic, Zendesk's own normalisation
// holds (name and phone trimmed, email trimmed and lower-cased) and a
// record CheckZendesk accepts has no email or a valid one.
func FuzzToZendesk(f *testing.F) {
	f.Add("003A", "Ann", "Lee", "ann@acme.com", "+1 555 0100", "CEO")
	f.Add("003B", " Mary Ann ", " Lee ", "  Mary.Lee@ACME.com ", " 555 ", "  VP  ")
	f.Add("003C", "", "", "", "", "")
	f.Add("003D", "Bob", "", "not-an-email", strings.Repeat("9", 41), "x")
	f.Add("003E", "Émile", "Zola", "émile@exämple.fr", "+33 1", "Écrivain")
	f.Add("", "\x00", "\t\n", "a@b.c", "\u00a0", "\u200b")
	f.Add("001A", "First", "Last", "UPPER@EXAMPLE.ORG", "(555) 010-0000", "")
	f.Fuzz(func(t *testing.T, id, first, last, email, phone, title string) {
		c := New(defaults())
		p := c.Pair("contacts")
		require.NotNil(t, p)
		rec := map[string]any{
			"Id": id, "FirstName": first, "LastName": last, "Email": email, "Phone": phone, "Title": title,
			"AccountId": id,
		}
		l := fakeLinks{"accounts": {"001A": 7}}
		fields := map[string]any{}
		for i := range p.Fields {
			fd := &p.Fields[i]
			v, err := fd.ToZendesk(p.Kind, rec, l)
			require.NoError(t, err, fd.Zendesk)
			again, err := fd.ToZendesk(p.Kind, rec, l)
			require.NoError(t, err, fd.Zendesk)
			assert.Equal(t, v, again, "%s is not deterministic", fd.Zendesk)
			if s, ok := v.(string); ok {
				switch fd.Zendesk {
				case "name", "phone":
					assert.Equal(t, strings.TrimSpace(s), s, fd.Zendesk)
				case "email":
					assert.Equal(t, strings.ToLower(strings.TrimSpace(s)), s, fd.Zendesk)
				}
			}
			if record.Canonical(v) != "" {
				fields[fd.Zendesk] = v
			}
		}
		if strings.TrimSpace(id) == "001A" {
			assert.Equal(t, int64(7), fields["organization_id"])
		} else {
			assert.NotContains(t, fields, "organization_id")
		}
		if CheckZendesk(User, fields, true) == nil {
			e := text(fields["email"])
			assert.True(t, e == "" || validEmail(e), "accepted invalid email %q", e)
			assert.NotEmpty(t, text(fields["name"]), "accepted a record without name")
		}
	})
}
