package mapping

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTransforms(t *testing.T) {
	cases := []struct {
		transform, in, want string
	}{
		{"trim", "  Acme \t\n", "Acme"},
		{"trim", "", ""},
		{"lower", "ÄCME Inc", "äcme inc"},
		{"upper", "acme inc", "ACME INC"},
		{"squash", "  Ann \t  Lee  ", "Ann Lee"},
		{"host", "https://www.Acme.com/about", "acme.com"},
		{"host", "http://shop.acme.co.uk:8080/x?y=1", "shop.acme.co.uk"},
		{"host", "www.acme.com", "acme.com"},
		{"host", "acme.com/path", "acme.com"},
		{"host", "  ACME.COM.  ", "acme.com"},
		{"host", "https://xn--bcher-kva.example", "xn--bcher-kva.example"},
		{"host", "not a url", ""},
		{"host", "localhost", ""},
		{"host", "http://10.0.0.1/", ""},
		{"host", "ftp://acme.com", ""},
		{"host", "https://user:pw@acme.com", ""},
		{"host", "https://-acme.com", ""},
		{"host", "https://acme.c0m", ""},
		{"host", "mailto:info@acme.com", ""},
		{"host", "", ""},
	}
	for _, c := range cases {
		t.Run(c.transform+"/"+c.in, func(t *testing.T) {
			assert.Equal(t, c.want, transforms[c.transform](c.in))
		})
	}
}

func TestValidEmail(t *testing.T) {
	cases := []struct {
		email string
		ok    bool
	}{
		{"ann@acme.com", true},
		{"ann.lee+crm@mail.acme.co.uk", true},
		{"o'brien@acme.ie", true},
		{"x@xn--bcher-kva.example", true},
		{"foo@", false},
		{"@acme.com", false},
		{"ann@acme", false},
		{"ann lee@acme.com", false},
		{"ann@@acme.com", false},
		{"ann@ac me.com", false},
		{".ann@acme.com", false},
		{"ann..lee@acme.com", false},
		{"ann@-acme.com", false},
		{"ann@acme.c", false},
		{"ann@acme.123", false},
		{`"ann"@acme.com`, false},
		{string(make([]byte, 65)) + "@acme.com", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.ok, validEmail(c.email), c.email)
	}
}

func TestTag(t *testing.T) {
	assert.Equal(t, "customer_-_direct", tag(" Customer - Direct "))
	assert.Equal(t, "", tag("   "))
}
