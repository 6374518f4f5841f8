package mapping

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two-way fields whose way back would lose or invent a value are refused.
func TestTwoWayFieldsThatWouldLoseValuesAreRefused(t *testing.T) {
	cases := map[string]struct{ entry, want string }{
		"join with a separator": {
			`{zendesk: user_fields.location, join: [MailingCity, MailingCountry], separator: ", ", reverse: split, direction: both}`,
			"joined by a space"},
		"default without values": {
			`{zendesk: user_fields.title, salesforce: Title, default: "n/a", direction: both}`,
			"a default cannot be told apart"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := load(t, "m.yaml", "contacts:\n  fields:\n    - "+tc.entry+"\n")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// Clearing a value-mapped field in Zendesk clears it in Salesforce.
func TestClearedValueMappedFieldGoesBackEmpty(t *testing.T) {
	c := mustLoad(t, "m.yaml", "contacts:\n  fields:\n    - {zendesk: user_fields.level, salesforce: Level__c, values: {Gold: gold}, direction: both}\n")
	f := field(t, c.Pair("contacts"), "user_fields.level")
	for _, zd := range []any{nil, ""} {
		got, err := f.ToSalesforce(User, zd, noLinks{t})
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"Level__c": nil}, got)
	}
}

func TestJSONTextAfterTheValueIsRefused(t *testing.T) {
	_, err := load(t, "m.json", `{"contacts": {"enabled": false}} garbage`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "text after the end of the JSON value")
}
