package reconcile

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/crmsync/crmsync/record"
)

var (
	older = time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	newer = older.Add(time.Minute)
)

// read is a side's value this run, mapped to the other side by m.
func read(now any, m func(any) (any, error)) Value {
	v, err := m(now)
	return Value{Read: true, Now: now, Mapped: v, MapErr: err}
}

func same(v any) (any, error) { return v, nil }

// status maps Zendesk ticket statuses to Salesforce's and back, lossily.
func zdStatus(v any) (any, error) {
	m := map[any]any{"open": "Working", "pending": "Working", "hold": "Escalated"}
	if out, ok := m[v]; ok {
		return out, nil
	}
	return nil, errors.New("no mapping")
}

func sfStatus(v any) (any, error) {
	m := map[any]any{"Working": "open", "Escalated": "hold"}
	if out, ok := m[v]; ok {
		return out, nil
	}
	return nil, errors.New("no mapping")
}

func TestDecide(t *testing.T) {
	unread := Value{}
	cases := []struct {
		name       string
		field      Field
		baseline   map[string]Sides
		sfMod      time.Time
		zdMod      time.Time
		zendesk    map[string]any
		salesforce map[string]any
		base       Sides
		conflict   *Conflict
		problem    string
	}{
		{
			name:     "nothing changed",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("a", same), Zendesk: read("a", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			base:     sides("a", "a"),
		},
		{
			name:     "salesforce changed flows to zendesk",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("b", same), Zendesk: read("a", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			zendesk:  map[string]any{"f": "b"},
			base:     sides("b", "b"),
		},
		{
			name:       "zendesk changed flows to salesforce",
			field:      Field{Direction: Both, Policy: SalesforceWins, Salesforce: read("a", same), Zendesk: read("z", same)},
			baseline:   map[string]Sides{"f": sides("a", "a")},
			salesforce: map[string]any{"f": "z"},
			base:       sides("z", "z"),
		},
		{
			name:     "zendesk change ignored one way",
			field:    Field{Direction: SalesforceToZendesk, Policy: ZendeskWins, Salesforce: read("a", same), Zendesk: read("z", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			base:     sides("a", "a"),
		},
		{
			name:     "salesforce change ignored the other way",
			field:    Field{Direction: ZendeskToSalesforce, Policy: ZendeskWins, Salesforce: read("b", same), Zendesk: read("a", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			base:     sides("a", "a"),
		},
		{
			name:     "zendesk not read: baseline stands for it",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("b", same), Zendesk: unread},
			baseline: map[string]Sides{"f": sides("a", "a")},
			zendesk:  map[string]any{"f": "b"},
			base:     sides("b", "b"),
		},
		{
			name:       "salesforce not read: baseline stands for it",
			field:      Field{Direction: Both, Policy: SalesforceWins, Salesforce: unread, Zendesk: read("z", same)},
			baseline:   map[string]Sides{"f": sides("a", "a")},
			salesforce: map[string]any{"f": "z"},
			base:       sides("z", "z"),
		},
		{
			name:     "echo of our own write costs nothing",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: unread, Zendesk: read("b", same)},
			baseline: map[string]Sides{"f": sides("b", "b")},
			base:     sides("b", "b"),
		},
		{
			name:     "both changed to the same value: baseline moves",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("c", same), Zendesk: read("c", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			base:     sides("c", "c"),
		},
		{
			name:       "conflict zendesk wins",
			field:      Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("s", same), Zendesk: read("z", same)},
			baseline:   map[string]Sides{"f": sides("a", "a")},
			sfMod:      newer,
			zdMod:      older,
			salesforce: map[string]any{"f": "z"},
			base:       sides("z", "z"),
			conflict:   &Conflict{Field: "f", Salesforce: "s", Zendesk: "z", Policy: ZendeskWins, Winner: record.Zendesk, Value: "z"},
		},
		{
			name:     "conflict salesforce wins",
			field:    Field{Direction: Both, Policy: SalesforceWins, Salesforce: read("s", same), Zendesk: read("z", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			sfMod:    older,
			zdMod:    newer,
			zendesk:  map[string]any{"f": "s"},
			base:     sides("s", "s"),
			conflict: &Conflict{Field: "f", Salesforce: "s", Zendesk: "z", Policy: SalesforceWins, Winner: record.Salesforce, Value: "s"},
		},
		{
			name:     "conflict newest wins: salesforce newer",
			field:    Field{Direction: Both, Policy: NewestWins, Salesforce: read("s", same), Zendesk: read("z", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			sfMod:    newer,
			zdMod:    older,
			zendesk:  map[string]any{"f": "s"},
			base:     sides("s", "s"),
			conflict: &Conflict{Field: "f", Salesforce: "s", Zendesk: "z", Policy: NewestWins, Winner: record.Salesforce, Value: "s"},
		},
		{
			name:       "conflict newest wins: zendesk newer",
			field:      Field{Direction: Both, Policy: NewestWins, Salesforce: read("s", same), Zendesk: read("z", same)},
			baseline:   map[string]Sides{"f": sides("a", "a")},
			sfMod:      older,
			zdMod:      newer,
			salesforce: map[string]any{"f": "z"},
			base:       sides("z", "z"),
			conflict:   &Conflict{Field: "f", Salesforce: "s", Zendesk: "z", Policy: NewestWins, Winner: record.Zendesk, Value: "z"},
		},
		{
			name:       "conflict newest wins: a tie goes to zendesk",
			field:      Field{Direction: Both, Policy: NewestWins, Salesforce: read("s", same), Zendesk: read("z", same)},
			baseline:   map[string]Sides{"f": sides("a", "a")},
			sfMod:      older,
			zdMod:      older,
			salesforce: map[string]any{"f": "z"},
			base:       sides("z", "z"),
			conflict:   &Conflict{Field: "f", Salesforce: "s", Zendesk: "z", Policy: NewestWins, Winner: record.Zendesk, Value: "z"},
		},
		{
			name:     "one-way field never conflicts",
			field:    Field{Direction: SalesforceToZendesk, Policy: ZendeskWins, Salesforce: read("s", same), Zendesk: read("z", same)},
			baseline: map[string]Sides{"f": sides("a", "a")},
			zendesk:  map[string]any{"f": "s"},
			base:     sides("s", "s"),
		},
		{
			name:     "lossy map survives an unrelated edit",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("Working", sfStatus), Zendesk: unread},
			baseline: map[string]Sides{"f": sides("Working", "pending")},
			base:     sides("Working", "pending"),
		},
		{
			name:       "lossy map: zendesk moves on, salesforce follows",
			field:      Field{Direction: Both, Policy: ZendeskWins, Salesforce: unread, Zendesk: read("hold", zdStatus)},
			baseline:   map[string]Sides{"f": sides("Working", "pending")},
			salesforce: map[string]any{"f": "Escalated"},
			base:       sides("Escalated", "hold"),
		},
		{
			name:     "lossy map: a zendesk change mapping to what salesforce holds writes nothing",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: unread, Zendesk: read("open", zdStatus)},
			baseline: map[string]Sides{"f": sides("Working", "pending")},
			base:     sides("Working", "open"),
		},
		{
			name:     "both changed, agreeing through the map",
			field:    Field{Direction: Both, Policy: SalesforceWins, Salesforce: read("Escalated", sfStatus), Zendesk: read("hold", zdStatus)},
			baseline: map[string]Sides{"f": sides("Working", "open")},
			base:     sides("Escalated", "hold"),
		},
		{
			name:     "unmapped value is skipped and reported",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("Closed", sfStatus), Zendesk: unread},
			baseline: map[string]Sides{"f": sides("Working", "open")},
			base:     sides("Working", "open"),
			problem:  "no mapping",
		},
		{
			name:    "no baseline, zendesk unknown: salesforce is written",
			field:   Field{Direction: SalesforceToZendesk, Policy: ZendeskWins, Salesforce: read("s", same), Zendesk: unread},
			zendesk: map[string]any{"f": "s"},
			base:    sides("s", "s"),
		},
		{
			name:  "no baseline, both read and equal: baseline only",
			field: Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("s", same), Zendesk: read("s", same)},
			base:  sides("s", "s"),
		},
		{
			name:       "no baseline, both read and different: a conflict",
			field:      Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("s", same), Zendesk: read("z", same)},
			salesforce: map[string]any{"f": "z"},
			base:       sides("z", "z"),
			conflict:   &Conflict{Field: "f", Salesforce: "s", Zendesk: "z", Policy: ZendeskWins, Winner: record.Zendesk, Value: "z"},
		},
		{
			name:     "a side's unknown default is learnt from its read, not carried",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("Medium", same), Zendesk: unread},
			baseline: map[string]Sides{"f": {Zendesk: "", Unknown: record.Salesforce}},
			base:     sides("Medium", ""),
		},
		{
			name:       "once learnt, a real change of that side flows",
			field:      Field{Direction: Both, Policy: ZendeskWins, Salesforce: unread, Zendesk: read("high", same)},
			baseline:   map[string]Sides{"f": {Zendesk: "", Unknown: record.Salesforce}},
			salesforce: map[string]any{"f": "high"},
			base:       sides("high", "high"),
		},
		{
			name:     "an unknown zendesk default is learnt too",
			field:    Field{Direction: Both, Policy: SalesforceWins, Salesforce: unread, Zendesk: read("normal", same)},
			baseline: map[string]Sides{"f": {Salesforce: "x", Unknown: record.Zendesk}},
			base:     sides("x", "normal"),
		},
		{
			name:     "empty and absent are the same value",
			field:    Field{Direction: Both, Policy: ZendeskWins, Salesforce: read("", same), Zendesk: read(nil, same)},
			baseline: map[string]Sides{"f": sides(nil, "")},
			base:     sides(nil, ""),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.field.Name = "f"
			p := Decide(Input{Fields: []Field{tc.field}, Baseline: tc.baseline, SalesforceModified: tc.sfMod, ZendeskModified: tc.zdMod})
			assert.Equal(t, orEmpty(tc.zendesk), p.Zendesk, "zendesk writes")
			assert.Equal(t, orEmpty(tc.salesforce), p.Salesforce, "salesforce writes")
			assert.Equal(t, tc.base, p.Baseline["f"], "baseline")
			if tc.conflict == nil {
				assert.Empty(t, p.Conflicts)
			} else if assert.Len(t, p.Conflicts, 1) {
				want := *tc.conflict
				want.SalesforceModified, want.ZendeskModified = tc.sfMod, tc.zdMod
				assert.Equal(t, want, p.Conflicts[0])
			}
			if tc.problem == "" {
				assert.Empty(t, p.Problems)
			} else if assert.Len(t, p.Problems, 1) {
				assert.Equal(t, Problem{Field: "f", Reason: tc.problem}, p.Problems[0])
			}
		})
	}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func TestDecideKeepsBaselineOfFieldsNotInThisRun(t *testing.T) {
	p := Decide(Input{
		Fields:   []Field{{Name: "a", Direction: Both, Policy: ZendeskWins, Salesforce: read("x", same)}},
		Baseline: map[string]Sides{"a": sides("w", "w"), "gone": sides("1", "1")},
	})
	assert.Equal(t, map[string]Sides{"a": sides("x", "x"), "gone": sides("1", "1")}, p.Baseline)
	assert.True(t, p.Writes(record.Zendesk))
	assert.False(t, p.Writes(record.Salesforce))
}

func TestDirectionAndPolicyCheck(t *testing.T) {
	for _, d := range Directions {
		assert.NoError(t, d.Check())
	}
	assert.ErrorContains(t, Direction("sf2zd").Check(), `direction "sf2zd"`)
	for _, p := range Policies {
		assert.NoError(t, p.Check())
	}
	assert.ErrorContains(t, Policy("remote").Check(), `conflict_policy "remote"`)
	assert.False(t, Direction("x").From(record.Salesforce))
}

func sides(sf, zd any) Sides { return Sides{Salesforce: sf, Zendesk: zd} }
