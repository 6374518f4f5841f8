package salesforce

import (
	"cmp"
	"strings"

	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
)

// fieldPath is a resolved field reference: the reference fields followed
// from the queried object, then the field read on the last object reached.
type fieldPath struct {
	hops []*field
	leaf *field
}

// name is the canonical dotted name, e.g. "Account.Owner.Email".
func (p fieldPath) name() string {
	var b strings.Builder
	for _, h := range p.hops {
		b.WriteString(h.RelationshipName)
		b.WriteByte('.')
	}
	b.WriteString(p.leaf.Name)
	return b.String()
}

// maxHops is how far a SOQL field path may walk up relationships.
const maxHops = 5

// resolve checks a written field path against the schema. A leading
// segment naming the queried object itself ("Contact.Email" FROM Contact)
// is allowed, as in SOQL.
func (s *schema) resolve(q string, o *object, f soql.Field) (fieldPath, error) {
	parts := f.Path
	if len(parts) > 1 && strings.EqualFold(parts[0], o.Name) && o.relByLower[strings.ToLower(parts[0])] == nil {
		parts = parts[1:]
	}
	var p fieldPath
	cur := o
	for i, part := range parts {
		if i == len(parts)-1 {
			p.leaf = cur.field(part)
			if p.leaf == nil {
				return p, soql.Errorf(q, f.Pos, soql.CodeInvalidField,
					"No such column '%s' on entity '%s'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
					part, cur.Name)
			}
			break
		}
		rel := cur.relByLower[strings.ToLower(part)]
		if rel == nil {
			return p, soql.Errorf(q, f.Pos, soql.CodeInvalidField,
				"Didn't understand relationship '%s' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
				part)
		}
		p.hops = append(p.hops, rel)
		cur = s.object(rel.ReferenceTo)
	}
	if len(p.hops) > maxHops {
		return p, soql.Errorf(q, f.Pos, soql.CodeMalformed, "SOQL statements cannot query relationships that are more than 5 levels away from the root entity object.")
	}
	return p, nil
}

// category groups field types by how SOQL compares them.
type category int

const (
	catText category = iota
	catID
	catBool
	catNumber
	catTime
	// catDate is a date field, stored as its "2006-01-02" text, which sorts
	// as the dates do. SOQL has no quoted form of a date and the sandbox no
	// date literal, so only NULL compares with one.
	catDate
)

func categoryOf(f *field) category {
	switch f.Type {
	case "id", "reference":
		return catID
	case "boolean":
		return catBool
	case "double":
		return catNumber
	case "datetime":
		return catTime
	case "date":
		return catDate
	}
	return catText
}

// sortKey folds a stored value so that == and compare give SOQL's answer:
// text is case-insensitive, Ids are not, datetimes compare by instant.
func sortKey(c category, v any) any {
	switch x := v.(type) {
	case string:
		if c == catText {
			return strings.ToLower(x)
		}
	case interface{ UnixNano() int64 }:
		return x.UnixNano()
	}
	return v
}

// compare orders two non-nil keys of the same category. Keys of different
// Go types (a seed value of the wrong type) compare equal rather than panic.
func compare(a, b any) int {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y)
		}
	case float64:
		if y, ok := b.(float64); ok {
			return cmp.Compare(x, y)
		}
	case int64:
		if y, ok := b.(int64); ok {
			return cmp.Compare(x, y)
		}
	case bool:
		if y, ok := b.(bool); ok && x != y {
			if x {
				return 1
			}
			return -1
		}
	}
	return 0
}
