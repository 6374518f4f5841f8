package store

import (
	"strconv"
	"strings"
)

// dialect holds everything that differs between the SQL engines, so the
// queries themselves are written once with '?' placeholders.
type dialect struct {
	name string
	// numbered is true when placeholders are $1, $2, … instead of '?'.
	numbered bool
	// timestampType is the column type that round-trips time.Time through
	// the driver with at least microsecond precision.
	timestampType string
	// serialKey is the column definition of an auto-incrementing primary key.
	serialKey string
	// blobType is the column type of raw bytes.
	blobType string
	// bytewise is the collation that orders TEXT byte by byte. PostgreSQL
	// otherwise sorts by the database's locale, so keyset paging would
	// order keys differently from SQLite and from Go's string comparison.
	bytewise string
}

var (
	sqliteDialect = dialect{
		name:          "sqlite",
		timestampType: "TIMESTAMP",
		serialKey:     "INTEGER PRIMARY KEY AUTOINCREMENT",
		blobType:      "BLOB",
		bytewise:      "COLLATE BINARY",
	}
	postgresDialect = dialect{
		name:          "postgres",
		numbered:      true,
		timestampType: "TIMESTAMPTZ",
		serialKey:     "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
		blobType:      "BYTEA",
		bytewise:      `COLLATE "C"`,
	}
)

// rebind turns the '?' placeholders of query into the dialect's form.
// Queries in this package never contain '?' inside literals.
func (d dialect) rebind(query string) string {
	if !d.numbered {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for _, r := range query {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// list returns "(?, ?, …)" with n placeholders, for IN lists.
func list(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// rowsOf returns n comma-separated row groups of width placeholders each,
// for multi-row INSERTs.
func rowsOf(n, width int) string {
	row := list(width)
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}
