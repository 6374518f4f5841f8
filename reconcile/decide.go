package reconcile

import (
	"time"

	"github.com/crmsync/crmsync/record"
)

// Sides is one field's value on each side, each in that side's own form:
// a lossy value map (Zendesk pending → Salesforce Working) is kept apart
// so a later unrelated edit cannot turn pending into open.
type Sides struct {
	Salesforce any `json:"sf,omitempty"`
	Zendesk    any `json:"zd,omitempty"`
	// Unknown names a side whose value is not known yet: one that filled
	// in its own default when the sync created the record. The side's
	// next read sets it, and is no change.
	Unknown record.Side `json:"unknown,omitempty"`
}

// Value is one side's field this run.
type Value struct {
	// Read says the side's record was read this run; otherwise it did not
	// change since the last sync and Now is ignored (the baseline holds it).
	Read bool
	// Now is the side's current value in its own form.
	Now any
	// Mapped is Now in the other side's form; MapErr says why it has none
	// (a value with no mapping, a field that does not flow this way).
	Mapped any
	MapErr error
}

// Field is one mapped field of a linked pair of records.
type Field struct {
	Name       string
	Direction  Direction
	Policy     Policy
	Salesforce Value
	Zendesk    Value
}

// Input is a linked pair of records: its fields, the baseline of the last
// sync (a field absent from it has none yet) and the records' times.
type Input struct {
	Fields             []Field
	Baseline           map[string]Sides
	SalesforceModified time.Time
	ZendeskModified    time.Time
}

// Conflict is a field changed on both sides to different values, and how
// the policy settled it.
type Conflict struct {
	Field              string      `json:"field"`
	Salesforce         any         `json:"salesforce"`
	Zendesk            any         `json:"zendesk"`
	SalesforceModified time.Time   `json:"salesforce_modified"`
	ZendeskModified    time.Time   `json:"zendesk_modified"`
	Policy             Policy      `json:"policy"`
	Winner             record.Side `json:"winner"`
	Value              any         `json:"value"`
}

// Problem is a field skipped for this record, with the reason.
type Problem struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Plan is what to write on each side (field → value, in that side's form;
// a Salesforce value is the map of the Salesforce fields it sets) and the
// baseline to keep once the writes succeed.
type Plan struct {
	Zendesk    map[string]any
	Salesforce map[string]any
	Baseline   map[string]Sides
	Conflicts  []Conflict
	Problems   []Problem
}

// Writes tells whether the plan writes anything on side s.
func (p *Plan) Writes(s record.Side) bool {
	if s == record.Salesforce {
		return len(p.Salesforce) > 0
	}
	return len(p.Zendesk) > 0
}

// Decide plans one linked pair of records.
func Decide(in Input) Plan {
	p := Plan{Zendesk: map[string]any{}, Salesforce: map[string]any{}, Baseline: map[string]Sides{}}
	for name, b := range in.Baseline {
		p.Baseline[name] = b
	}
	for _, f := range in.Fields {
		base, known := in.Baseline[f.Name]
		if known && learn(&base, f) {
			p.Baseline[f.Name] = base
		}
		sf, zd := current(f.Salesforce, base.Salesforce), current(f.Zendesk, base.Zendesk)
		sfChanged := changed(f.Salesforce, base.Salesforce, known) && f.Direction.From(record.Salesforce)
		zdChanged := changed(f.Zendesk, base.Zendesk, known) && f.Direction.From(record.Zendesk)
		winner := record.Side("")
		switch {
		case sfChanged && zdChanged:
			if agree(f) {
				p.Baseline[f.Name] = Sides{Salesforce: sf, Zendesk: zd}
				continue
			}
			winner = settle(f.Policy, in.SalesforceModified, in.ZendeskModified)
		case sfChanged:
			winner = record.Salesforce
		case zdChanged:
			winner = record.Zendesk
		default:
			continue
		}
		if !p.apply(f, winner, sf, zd) {
			continue
		}
		if sfChanged && zdChanged {
			v := p.Baseline[f.Name].Zendesk
			if winner == record.Zendesk {
				v = p.Baseline[f.Name].Salesforce
			}
			p.Conflicts = append(p.Conflicts, Conflict{
				Field: f.Name, Salesforce: sf, Zendesk: zd,
				SalesforceModified: in.SalesforceModified, ZendeskModified: in.ZendeskModified,
				Policy: f.Policy, Winner: winner, Value: v,
			})
		}
	}
	return p
}

// apply carries the winner's value to the other side unless that side
// already holds it (as read, or as the baseline says when it was not
// read); false when the value cannot be carried.
func (p *Plan) apply(f Field, winner record.Side, sf, zd any) bool {
	from := f.Salesforce
	if winner == record.Zendesk {
		from = f.Zendesk
	}
	if from.MapErr != nil {
		p.Problems = append(p.Problems, Problem{Field: f.Name, Reason: from.MapErr.Error()})
		return false
	}
	if winner == record.Salesforce {
		if !record.Equal(from.Mapped, zd) {
			p.Zendesk[f.Name] = from.Mapped
		}
		p.Baseline[f.Name] = Sides{Salesforce: sf, Zendesk: from.Mapped}
		return true
	}
	if !record.Equal(from.Mapped, sf) {
		p.Salesforce[f.Name] = from.Mapped
	}
	p.Baseline[f.Name] = Sides{Salesforce: from.Mapped, Zendesk: zd}
	return true
}

// learn takes the value of a side the baseline did not know from its
// read; true when it did.
func learn(base *Sides, f Field) bool {
	switch {
	case base.Unknown == record.Salesforce && f.Salesforce.Read:
		base.Salesforce = f.Salesforce.Now
	case base.Unknown == record.Zendesk && f.Zendesk.Read:
		base.Zendesk = f.Zendesk.Now
	default:
		return false
	}
	base.Unknown = ""
	return true
}

// current is a side's value this run: what it holds when read, else what
// the baseline says it held.
func current(v Value, base any) any {
	if v.Read {
		return v.Now
	}
	return base
}

// changed tells a side's value moved since the baseline; with no baseline
// every value read counts as a change.
func changed(v Value, base any, known bool) bool {
	if !v.Read {
		return false
	}
	return !known || !record.Equal(v.Now, base)
}

// agree tells both sides now hold the same value, seen from either side.
func agree(f Field) bool {
	if f.Salesforce.MapErr == nil && record.Equal(f.Salesforce.Mapped, f.Zendesk.Now) {
		return true
	}
	return f.Zendesk.MapErr == nil && record.Equal(f.Zendesk.Mapped, f.Salesforce.Now)
}

// settle names the side whose value wins a conflict. Under newest_wins a
// tie goes to Zendesk, as under the default policy.
func settle(p Policy, sfModified, zdModified time.Time) record.Side {
	switch p {
	case SalesforceWins:
		return record.Salesforce
	case NewestWins:
		if sfModified.After(zdModified) {
			return record.Salesforce
		}
	}
	return record.Zendesk
}
