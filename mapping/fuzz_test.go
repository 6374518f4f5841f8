package mapping

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzMapContact checks that no contact panics the mapping and that every
// accepted contact is one Zendesk accepts, mapped deterministically.
func FuzzMapContact(f *testing.F) {
	f.Add("003A", "Ann", "Lee", "ann@acme.com", "+1 555", "CTO", false)
	f.Add("003B", "", "", "foo@", "", "", false)
	f.Add("", "Ann", "Lee", "", "", "", true)
	f.Add("003C", " ", "Lee", "ANN@ACME.COM ", "1234567890123456789012345678901234567890X", "\x00", true)
	f.Fuzz(func(t *testing.T, id, first, last, email, phone, title string, numericEmail bool) {
		rec := map[string]any{"Id": id, "FirstName": first, "LastName": last, "Email": email, "Phone": phone,
			"Title": title, "Account": map[string]any{"Name": first}}
		if numericEmail {
			rec["Email"] = float64(len(email))
		}
		c := Default()
		u, err := c.MapContact(rec)
		if err != nil {
			var r *Rejection
			require.True(t, errors.As(err, &r), "only rejections are possible with the defaults: %v", err)
			return
		}
		assert.NotEmpty(t, u.Name)
		assert.NotEmpty(t, u.ExternalID)
		assert.True(t, u.Email == "" || validEmail(u.Email), "accepted email %q", u.Email)
		again, err := c.MapContact(rec)
		require.NoError(t, err)
		assert.Equal(t, u.Hash(), again.Hash())
	})
}
