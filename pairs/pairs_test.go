package pairs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelectRunsPairsInDependencyOrder(t *testing.T) {
	cases := []struct {
		names   []string
		want    []string
		wantErr string
	}{
		{names: nil, want: []string{"accounts", "contacts", "leads", "tickets", "comments"}},
		{names: []string{"comments", "tickets", "leads", "contacts", "accounts"}, want: []string{"accounts", "contacts", "leads", "tickets", "comments"}},
		{names: []string{"contacts"}, want: []string{"contacts"}},
		{names: []string{"contact"}, wantErr: `object "contact": want one of [accounts contacts leads tickets comments]`},
	}
	for _, tc := range cases {
		got, err := Select(tc.names)
		if tc.wantErr != "" {
			assert.EqualError(t, err, tc.wantErr)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
}

// Every pair runs after the pairs it names in After, and its references
// name pairs that run before it.
func TestDeclarationsRunAfterWhatTheyNeed(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range All() {
		for _, dep := range p.After {
			assert.True(t, seen[dep], "%s runs after %s", p.Name, dep)
		}
		if p.Parent != "" {
			assert.Contains(t, p.After, p.Parent, "%s runs after its parent", p.Name)
		}
		if p.Handover != nil {
			assert.True(t, seen[p.Handover.To], "%s hands over to %s, which runs first", p.Name, p.Handover.To)
		}
		for _, f := range p.Mapping.Fields {
			if f.Reference != "" {
				assert.True(t, seen[f.Reference], "%s references %s, which must run first", p.Name, f.Reference)
				assert.Contains(t, p.After, f.Reference)
			}
		}
		seen[p.Name] = true
	}
}

func TestDefaultMappingIsValid(t *testing.T) {
	m, err := Mapping("")
	require.NoError(t, err)
	require.NoError(t, m.Validate(nil))
	for _, p := range All() {
		mp := m.Pair(p.Name)
		require.NotNil(t, mp, p.Name)
		assert.Equal(t, p.Salesforce, mp.Object)
		assert.Equal(t, p.Zendesk, mp.Kind)
		assert.Equal(t, p.Name != "leads", mp.On(), "%s on by default: only leads is off", p.Name)
		twoWay := p.Name == "tickets" || p.Name == "comments"
		assert.Equal(t, twoWay, mp.ReadsZendesk(), "%s: only tickets and comments sync both ways by default", p.Name)
		assert.Equal(t, p.Append, p.Origin == "", "%s: only records made once come from either side", p.Name)
		assert.Equal(t, p.Origin == "zendesk", p.ExternalID != "", "%s: a pair created from Zendesk upserts by an external id", p.Name)
		assert.Equal(t, p.Append, p.Parent != "" && p.ParentField != "", "%s: records made once live under a parent", p.Name)
	}
	_, ok := Get("cases")
	assert.False(t, ok)
}
