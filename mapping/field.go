package mapping

import (
	"errors"
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/reconcile"
	"github.com/crmsync/crmsync/record"
)

// Links resolves reference fields: the Zendesk id linked to a Salesforce
// id in a pair, and back.
type Links interface {
	ZendeskID(pair, salesforceID string) (int64, bool)
	SalesforceID(pair string, zendeskID int64) (string, bool)
	// SalesforceUser is the active Salesforce user with the email of a
	// Zendesk user, or with the given email when zendeskUserID is 0.
	SalesforceUser(zendeskUserID int64, email string) (string, bool)
	// ZendeskAgent is the Zendesk agent with the email of a Salesforce
	// user.
	ZendeskAgent(salesforceUserID string) (int64, bool)
}

// ErrNoReverse says a Zendesk value cannot be carried to Salesforce.
var ErrNoReverse = errors.New("flows one way only")

// ErrNoMatch says a person has no counterpart on the other side (an
// owner no agent shares an email with): the other side keeps its own.
var ErrNoMatch = errors.New("no one on the other side has this email")

// ErrNotLinked says a reference names a Zendesk record no link ties to a
// Salesforce record.
var ErrNotLinked = errors.New("not linked")

// SalesforceValue is the field's value as Salesforce holds it: the values
// of the Salesforce fields it reads, keyed by field path. It is what the
// baseline keeps for the Salesforce side.
func (f *Field) SalesforceValue(rec map[string]any) any {
	srcs := f.sources()
	if len(srcs) == 0 {
		return nil
	}
	out := make(map[string]any, len(srcs))
	for _, s := range srcs {
		out[s] = lookup(rec, s)
	}
	return out
}

// ToZendesk maps a Salesforce record to this field's Zendesk value, as
// Zendesk will hold it (it trims names and lower-cases emails).
func (f *Field) ToZendesk(kind string, rec map[string]any, links Links) (any, error) {
	tk, err := classify(kind, f.Zendesk)
	if err != nil {
		return nil, err
	}
	if tk == personTarget {
		id := strings.TrimSpace(text(lookup(rec, f.Salesforce)))
		if agent, ok := links.ZendeskAgent(id); ok && id != "" {
			return agent, nil
		}
		return nil, ErrNoMatch
	}
	if tk == referenceTarget {
		id := strings.TrimSpace(text(lookup(rec, f.Salesforce)))
		if id == "" {
			return nil, nil
		}
		zid, ok := links.ZendeskID(f.Reference, id)
		if !ok {
			// Not synced (filtered, rejected): no membership rather than
			// a record held back.
			return nil, nil
		}
		return zid, nil
	}
	v, err := f.evaluate(rec, tk)
	if err != nil {
		return nil, err
	}
	s, ok := v.(string)
	if !ok {
		return v, nil
	}
	switch f.Zendesk {
	case "name", "phone":
		return strings.TrimSpace(s), nil
	case "email":
		return strings.ToLower(strings.TrimSpace(s)), nil
	}
	return s, nil
}

// ToSalesforce maps this field's Zendesk value back to the Salesforce
// fields it came from.
func (f *Field) ToSalesforce(kind string, zd any, links Links) (map[string]any, error) {
	if err := f.invertible(kind); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoReverse, err)
	}
	tk, _ := classify(kind, f.Zendesk)
	switch {
	case tk == personTarget:
		return f.owner(zd, links)
	case tk == referenceTarget:
		if zd == nil {
			return map[string]any{f.Salesforce: nil}, nil
		}
		zid, ok := asID(zd)
		if !ok {
			return nil, fmt.Errorf("%v is not a Zendesk id", zd)
		}
		id, ok := links.SalesforceID(f.Reference, zid)
		if !ok {
			return nil, fmt.Errorf("Zendesk record %d is %w to a Salesforce record of %s", zid, ErrNotLinked, f.Reference)
		}
		return map[string]any{f.Salesforce: id}, nil
	case len(f.Join) > 0:
		first, last := splitName(text(zd))
		return map[string]any{f.Join[0]: first, f.Join[1]: last}, nil
	}
	if zd == nil || zd == "" {
		return map[string]any{f.Salesforce: nil}, nil
	}
	if f.Values == nil {
		return map[string]any{f.Salesforce: zd}, nil
	}
	v, ok := f.reverseValues()[text(zd)]
	if !ok {
		return nil, fmt.Errorf("Zendesk value %q has no mapping to Salesforce %s", text(zd), f.Salesforce)
	}
	return map[string]any{f.Salesforce: v}, nil
}

// MatchesPeople tells a field that meets the other side's people by
// email (a ticket's assignee, a case's owner).
func (f *Field) MatchesPeople(kind string) bool {
	tk, err := classify(kind, f.Zendesk)
	return err == nil && tk == personTarget
}

// owner is the Salesforce user for a Zendesk agent: the active user with
// the agent's email, else the field's default (a user id, or an email).
// With neither, the field sets nothing and Salesforce keeps its own.
func (f *Field) owner(zd any, links Links) (map[string]any, error) {
	if zid, ok := asID(zd); ok {
		if id, ok := links.SalesforceUser(zid, ""); ok {
			return map[string]any{f.Salesforce: id}, nil
		}
	}
	switch {
	case f.Default == "":
		return map[string]any{}, nil
	case !strings.Contains(f.Default, "@"):
		return map[string]any{f.Salesforce: f.Default}, nil
	}
	if id, ok := links.SalesforceUser(0, f.Default); ok {
		return map[string]any{f.Salesforce: id}, nil
	}
	return nil, fmt.Errorf("no active Salesforce user has the default owner's email %q", f.Default)
}

// FallbackValues are the Salesforce fields Fallback sets from the fields
// of the referenced Zendesk record.
func (f *Field) FallbackValues(referenced map[string]any) map[string]any {
	out := make(map[string]any, len(f.Fallback))
	for sf, zd := range f.Fallback {
		out[sf] = referenced[zd]
	}
	return out
}

// FallbackFrom is the other way of Fallback: the referenced Zendesk
// record's fields as the Salesforce record holds them.
func (f *Field) FallbackFrom(rec map[string]any) map[string]any {
	out := make(map[string]any, len(f.Fallback))
	for sf, zd := range f.Fallback {
		out[zd] = lookup(rec, sf)
	}
	return out
}

// splitName is the reverse of joining FirstName and LastName with a
// space: the last word is the last name, the rest the first name, so
// "Mary Ann Lee" → "Mary Ann", "Lee". Salesforce requires LastName, so a
// single word is a last name.
func splitName(name string) (string, string) {
	words := strings.Fields(name)
	if len(words) == 0 {
		return "", ""
	}
	return strings.Join(words[:len(words)-1], " "), words[len(words)-1]
}

func asID(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		return int64(x), x == float64(int64(x))
	case int:
		return int64(x), true
	}
	return 0, false
}

// reverseValues is the Zendesk → Salesforce value map.
func (f *Field) reverseValues() map[string]string {
	if f.ReverseValues != nil {
		return f.ReverseValues
	}
	out := make(map[string]string, len(f.Values))
	for sf, zd := range f.Values {
		out[zd] = sf
	}
	return out
}

// stable transforms give the same result applied twice, so a value that
// went through them comes back unchanged: what Zendesk holds can be
// written to Salesforce as it is.
var stable = map[string]bool{"trim": true, "lower": true, "upper": true, "squash": true}

// invertible says why a field cannot carry Zendesk values back, nil when
// it can.
func (f *Field) invertible(kind string) error {
	tk, err := classify(kind, f.Zendesk)
	if err != nil {
		return err
	}
	switch {
	case tk == personTarget:
		return nil
	case f.Constant != nil:
		return errors.New("a constant has no Salesforce field to write back")
	case f.Template != "":
		return errors.New("a template cannot be split back into its fields")
	case len(f.Join) > 0:
		if f.Reverse != "split" || len(f.Join) != 2 || strings.TrimSpace(f.Separator) != "" {
			return errors.New(`a join goes back only with reverse: split over exactly two fields joined by a space (first name, last name)`)
		}
		return nil
	case tk == listTarget:
		return errors.New("a list field flows one way")
	case f.Zendesk == "email":
		return errors.New("email is the Zendesk user's identity, changed only through its identities")
	case strings.Contains(f.Salesforce, "."):
		return fmt.Errorf("%s is a field of a related record", f.Salesforce)
	}
	for _, t := range f.Transforms {
		if !stable[t] {
			return fmt.Errorf("transform %q cannot be undone", t)
		}
	}
	if f.Default != "" && f.Values == nil {
		return errors.New("a default cannot be told apart from a real value on the way back")
	}
	if f.Values != nil && f.ReverseValues == nil {
		seen := map[string]string{}
		for sf, zd := range f.Values {
			if other, dup := seen[zd]; dup {
				a, b := min(sf, other), max(sf, other)
				return fmt.Errorf("values maps %q and %q both to %q: give reverse_values", a, b, zd)
			}
			seen[zd] = sf
		}
	}
	return nil
}

// DirectionOf is the field's effective direction: its own, else the
// pair's — but a built-in field that cannot be inverted stays one way
// when the pair is made two-way.
func (p *Pair) DirectionOf(f *Field) reconcile.Direction {
	if f.Direction != "" {
		return f.Direction
	}
	if p.Direction.From(record.Zendesk) && f.builtin && f.invertible(p.Kind) != nil {
		return reconcile.SalesforceToZendesk
	}
	return p.Direction
}

// PolicyOf is the field's effective conflict policy.
func (c *Config) PolicyOf(p *Pair, f *Field) reconcile.Policy {
	switch {
	case f.ConflictPolicy != "":
		return f.ConflictPolicy
	case p.ConflictPolicy != "":
		return p.ConflictPolicy
	}
	return c.ConflictPolicy
}

// ReadsZendesk tells whether any field carries Zendesk changes, or the
// pair carries Zendesk deletions, so it must read Zendesk's changes.
func (p *Pair) ReadsZendesk() bool {
	if p.CarriesDeletes(record.Zendesk) {
		return true
	}
	for i := range p.Fields {
		if p.DirectionOf(&p.Fields[i]).From(record.Zendesk) {
			return true
		}
	}
	return false
}
