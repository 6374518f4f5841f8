package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRebind(t *testing.T) {
	cases := []struct {
		d          dialect
		query, out string
	}{
		{sqliteDialect, "a = ? AND b IN (?, ?)", "a = ? AND b IN (?, ?)"},
		{postgresDialect, "a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"},
		{postgresDialect, "no params", "no params"},
		{postgresDialect, "x = ?" + rowsOf(2, 2), "x = $1($2, $3), ($4, $5)"},
	}
	for _, c := range cases {
		assert.Equal(t, c.out, c.d.rebind(c.query), c.query)
	}
	assert.Equal(t, "(?)", list(1))
	assert.Equal(t, "(?, ?, ?)", list(3))
}
