package soql

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFullQuery(t *testing.T) {
	q, err := Parse("SELECT Id, Account.Name FROM Contact WHERE (Email LIKE '%@x.com' OR Email = NULL) AND NOT Title IN ('a', 'b') " +
		"AND SystemModstamp >= 2026-01-01T00:00:00Z AND Amount__c <> -1.5 ORDER BY LastName DESC NULLS LAST, Id LIMIT 10 OFFSET 5")
	require.NoError(t, err)
	assert.Equal(t, "Contact", q.Object)
	require.Len(t, q.Fields, 2)
	assert.Equal(t, []string{"Account", "Name"}, q.Fields[1].Path)
	and, ok := q.Where.(*And)
	require.True(t, ok)
	require.Len(t, and.Terms, 4)
	or, ok := and.Terms[0].(*Or)
	require.True(t, ok)
	assert.Equal(t, OpLike, or.Terms[0].(*Cond).Op)
	assert.Equal(t, KindNull, or.Terms[1].(*Cond).Value.Kind)
	not, ok := and.Terms[1].(*Not)
	require.True(t, ok)
	in := not.X.(*Cond)
	assert.Equal(t, OpIn, in.Op)
	assert.Equal(t, []string{"a", "b"}, []string{in.Values[0].Str, in.Values[1].Str})
	dt := and.Terms[2].(*Cond)
	assert.Equal(t, OpGe, dt.Op)
	assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), dt.Value.Time)
	ne := and.Terms[3].(*Cond)
	assert.Equal(t, OpNe, ne.Op)
	assert.Equal(t, -1.5, ne.Value.Num)
	assert.Equal(t, []Order{
		{Field: Field{Path: []string{"LastName"}, Pos: q.OrderBy[0].Field.Pos}, Desc: true, NullsLast: true},
		{Field: Field{Path: []string{"Id"}, Pos: q.OrderBy[1].Field.Pos}},
	}, q.OrderBy)
	assert.Equal(t, 10, q.Limit)
	assert.Equal(t, 5, q.Offset)
}

func TestParseCountAndDefaults(t *testing.T) {
	q, err := Parse("select count() from Lead")
	require.NoError(t, err)
	assert.True(t, q.Count)
	assert.Empty(t, q.Fields)
	assert.Equal(t, -1, q.Limit)
	assert.Equal(t, -1, q.Offset)
	assert.Nil(t, q.Where)
}

func TestParseErrorsPointAtTheToken(t *testing.T) {
	cases := []struct {
		q, want string
	}{
		{"SELECT Id FROM Contact WHERE", "\nSELECT Id FROM Contact WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'"},
		{"SELECT Id\nFROM Contact WHERE Name = 'a' AND Phone = 'b' OR Title = 'c'", "\nFROM Contact WHERE Name = 'a' AND Phone = 'b' OR Title = 'c'\n                                              ^\nERROR at Row:2:Column:47\nunexpected token: 'OR'"},
		{"SELECT Id FROM Contact WHERE Name = #", "\nSELECT Id FROM Contact WHERE Name = #\n                                    ^\nERROR at Row:1:Column:37\nline 1:36 no viable alternative at character '#'"},
	}
	for _, tc := range cases {
		_, err := Parse(tc.q)
		var qe *Error
		require.True(t, errors.As(err, &qe), "%v", err)
		assert.Equal(t, CodeMalformed, qe.Code)
		assert.Equal(t, tc.want, qe.Message)
	}
}

func TestParseRejects(t *testing.T) {
	for _, q := range []string{
		"", "SELECT", "SELECT Id", "SELECT Id FROM", "SELECT Id, FROM Contact", "SELECT Id FROM Contact.Account",
		"SELECT Id FROM Contact WHERE Name", "SELECT Id FROM Contact WHERE Name = ", "SELECT Id FROM Contact WHERE (Name = 'a'",
		"SELECT Id FROM Contact WHERE Name IN ()", "SELECT Id FROM Contact WHERE Name IN ('a' 'b')", "SELECT Id FROM Contact ORDER Name",
		"SELECT Id FROM Contact ORDER BY Name NULLS", "SELECT Id FROM Contact LIMIT -1", "SELECT Id FROM Contact LIMIT 5 LIMIT 6",
		"SELECT Id FROM Contact WHERE Name = 'a\\q'", "SELECT Id FROM Contact WHERE Name = 12abc", "SELECT MAX(Amount) FROM Contact",
		"SELECT Id FROM Contact WHERE Name INCLUDES ('a')", "SELECT Id FROM Contact WHERE CALENDAR_YEAR(CreatedDate) = 2020",
		"SELECT Id FROM Contact WHERE CreatedDate > LAST_N_DAYS:7", "SELECT Id FROM Contact WHERE CreatedDate > 2026-13-45T00:00:00Z",
		"SELECT Id FROM Contact FOR UPDATE", "SELECT Id.. FROM Contact",
	} {
		_, err := Parse(q)
		var qe *Error
		if assert.True(t, errors.As(err, &qe), "%q parsed", q) {
			assert.Equal(t, CodeMalformed, qe.Code, q)
		}
	}
}

func TestLike(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"%@acme.com", "Bob@ACME.com", true},
		{"%@acme.com", "bob@acme.co", false},
		{"b_b", "bob", true},
		{"b_b", "boob", false},
		{`100\%`, "100%", true},
		{`100\%`, "1000", false},
		{`a\_b`, "a_b", true},
		{`a\_b`, "axb", false},
		{"a.b", "axb", false},
		{"é%", "Éclair", true},
		{"_", "é", true},
		{"%", "", true},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, CompileLike(tc.pattern)(tc.s), "%q LIKE %q", tc.s, tc.pattern)
	}
}

func TestParseDateTime(t *testing.T) {
	want := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, s := range []string{"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000Z", "2026-01-02T04:04:05+01:00", "2026-01-02T03:04:05.000+0000"} {
		got, err := ParseDateTime(s)
		require.NoError(t, err, s)
		assert.True(t, want.Equal(got), s)
	}
	_, err := ParseDateTime("2026-01-02")
	assert.Error(t, err)
}
