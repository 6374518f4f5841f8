package record

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEqual(t *testing.T) {
	cases := []struct {
		a, b any
		want bool
	}{
		{nil, "", true},
		{nil, []string{}, true},
		{"a", "a", true},
		{"a", "A", false},
		{" a", "a", false},
		{float64(3), int64(3), true},
		{json.Number("3"), 3, true},
		{float64(3), "3", false},
		{true, "true", false},
		{[]string{"b", "a"}, []any{"a", "b"}, true},
		{[]string{"a", "a"}, []string{"a"}, true},
		{[]string{"a"}, []string{"a", "b"}, false},
		{map[string]any{"A": "x", "B": ""}, map[string]any{"A": "x"}, true},
		{map[string]any{"A": "x"}, map[string]any{"A": "y"}, false},
		{map[string]any{"A": ""}, nil, true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Equal(c.a, c.b), "%#v vs %#v", c.a, c.b)
	}
}

func TestText(t *testing.T) {
	assert.Equal(t, "", Text(nil))
	assert.Equal(t, "+1 555", Text("+1 555"))
	assert.Equal(t, "+1 555", Text(map[string]any{"Phone": "+1 555"}))
	assert.Equal(t, `{"FirstName":"Ann","LastName":"Lee"}`, Text(map[string]any{"FirstName": "Ann", "LastName": "Lee"}))
	assert.Equal(t, "3", Text(float64(3)))
}
