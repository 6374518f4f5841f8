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

// The assignee meets the case owner through the person's email; with no
// matching user the default owner (an id or an email) is used, and with
// none the field sets nothing.
func TestAssigneeMatchesTheOwnerByEmail(t *testing.T) {
	links := fakeLinks{"users": {"005A": 77}, "emails:ops@example.com": {"005OPS": 0}}
	cases := []struct {
		name string
		def  string
		zd   any
		want map[string]any
	}{
		{"agent with a user", "", float64(77), map[string]any{"OwnerId": "005A"}},
		{"agent without one, no default", "", float64(78), map[string]any{}},
		{"unassigned, default by id", "005DEF", nil, map[string]any{"OwnerId": "005DEF"}},
		{"agent without one, default by email", "ops@example.com", float64(78), map[string]any{"OwnerId": "005OPS"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := Field{Zendesk: "assignee_id", Salesforce: "OwnerId", Default: tc.def}
			got, err := f.ToSalesforce(Ticket, tc.zd, links)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	f := Field{Zendesk: "assignee_id", Salesforce: "OwnerId", Default: "nobody@example.com"}
	_, err := f.ToSalesforce(Ticket, float64(78), links)
	assert.ErrorContains(t, err, `default owner's email "nobody@example.com"`)

	v, err := f.ToZendesk(Ticket, map[string]any{"OwnerId": "005A"}, links)
	require.NoError(t, err)
	assert.Equal(t, int64(77), v)
	_, err = f.ToZendesk(Ticket, map[string]any{"OwnerId": "005Z"}, links)
	assert.ErrorIs(t, err, ErrNoMatch, "an owner no agent shares an email with leaves the ticket as it is")
}
