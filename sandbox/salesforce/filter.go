package salesforce

import (
	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
)

// pred decides whether a row matches. It runs under the store's read lock.
type pred func(r *record) bool

// filterCompiler turns a WHERE tree into a predicate, type-checking every
// literal against its field as the real query planner does.
type filterCompiler struct {
	q   string
	obj *object
	st  *store
}

func (c *filterCompiler) expr(e soql.Expr) (pred, error) {
	switch x := e.(type) {
	case *soql.And:
		terms, err := c.terms(x.Terms)
		if err != nil {
			return nil, err
		}
		return func(r *record) bool {
			for _, t := range terms {
				if !t(r) {
					return false
				}
			}
			return true
		}, nil
	case *soql.Or:
		terms, err := c.terms(x.Terms)
		if err != nil {
			return nil, err
		}
		return func(r *record) bool {
			for _, t := range terms {
				if t(r) {
					return true
				}
			}
			return false
		}, nil
	case *soql.Not:
		inner, err := c.expr(x.X)
		if err != nil {
			return nil, err
		}
		return func(r *record) bool { return !inner(r) }, nil
	case *soql.Cond:
		return c.cond(x)
	}
	return nil, soql.Errorf(c.q, 0, soql.CodeMalformed, "unsupported condition")
}

func (c *filterCompiler) terms(in []soql.Expr) ([]pred, error) {
	out := make([]pred, len(in))
	for i, e := range in {
		p, err := c.expr(e)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func (c *filterCompiler) cond(x *soql.Cond) (pred, error) {
	path, err := c.st.schema.resolve(c.q, c.obj, x.Field)
	if err != nil {
		return nil, err
	}
	f := path.leaf
	if !f.Filterable {
		return nil, soql.Errorf(c.q, x.Field.Pos, soql.CodeInvalidField, "field '%s' can not be filtered in a query call", f.Name)
	}
	cat := categoryOf(f)
	get := func(r *record) any { return sortKey(cat, c.st.get(path, r)) }
	switch x.Op {
	case soql.OpIn, soql.OpNotIn:
		set := make(map[any]bool, len(x.Values))
		for _, l := range x.Values {
			v, err := c.literal(f, cat, l)
			if err != nil {
				return nil, err
			}
			set[v] = true
		}
		want := x.Op == soql.OpIn
		return func(r *record) bool { return set[get(r)] == want }, nil
	case soql.OpLike:
		if cat != catText {
			return nil, soql.Errorf(c.q, x.Field.Pos, soql.CodeFilterOperator, "invalid operator on %s field: LIKE", f.Type)
		}
		if x.Value.Kind != soql.KindString {
			return nil, c.typeError(f, x.Value)
		}
		match := soql.CompileLike(x.Value.Str)
		return func(r *record) bool {
			s, ok := c.st.get(path, r).(string)
			return ok && match(s)
		}, nil
	}
	want, err := c.literal(f, cat, x.Value)
	if err != nil {
		return nil, err
	}
	switch x.Op {
	case soql.OpEq:
		return func(r *record) bool { return get(r) == want }, nil
	case soql.OpNe:
		return func(r *record) bool { return get(r) != want }, nil
	}
	if want == nil {
		return nil, soql.Errorf(c.q, x.Value.Pos, soql.CodeFilterOperator, "invalid operator on null: %s", x.Op)
	}
	if cat == catBool {
		return nil, soql.Errorf(c.q, x.Field.Pos, soql.CodeFilterOperator, "invalid operator on boolean field: %s", x.Op)
	}
	var ok func(int) bool
	switch x.Op {
	case soql.OpLt:
		ok = func(n int) bool { return n < 0 }
	case soql.OpLe:
		ok = func(n int) bool { return n <= 0 }
	case soql.OpGt:
		ok = func(n int) bool { return n > 0 }
	default:
		ok = func(n int) bool { return n >= 0 }
	}
	return func(r *record) bool {
		v := get(r)
		return v != nil && ok(compare(v, want))
	}, nil
}

// literal converts a literal to the key a stored value of f folds to.
func (c *filterCompiler) literal(f *field, cat category, l soql.Literal) (any, error) {
	if l.Kind == soql.KindNull {
		return nil, nil
	}
	switch cat {
	case catText, catID:
		if l.Kind != soql.KindString {
			return nil, c.typeError(f, l)
		}
		s := soql.Unescape(l.Str)
		if cat == catID {
			if !idShaped(s) {
				return nil, soql.Errorf(c.q, l.Pos, soql.CodeFilterOperator, "invalid ID field: %s", s)
			}
			return expandID(s), nil
		}
		return sortKey(cat, s), nil
	case catBool:
		if l.Kind != soql.KindBool {
			return nil, c.typeError(f, l)
		}
		return l.Bool, nil
	case catNumber:
		if l.Kind != soql.KindNumber {
			return nil, c.typeError(f, l)
		}
		return l.Num, nil
	case catDate:
		return nil, c.typeError(f, l)
	default:
		if l.Kind != soql.KindDateTime {
			return nil, c.typeError(f, l)
		}
		return l.Time.UnixNano(), nil
	}
}

func (c *filterCompiler) typeError(f *field, l soql.Literal) error {
	switch categoryOf(f) {
	case catText, catID:
		return soql.Errorf(c.q, l.Pos, soql.CodeFilterOperator,
			"value of filter criterion for field '%s' must be of type %s and should be enclosed in quotes", f.Name, f.Type)
	case catBool:
		return soql.Errorf(c.q, l.Pos, soql.CodeFilterOperator,
			"value of filter criterion for field '%s' must be of type boolean and should not be enclosed in quotes", f.Name)
	case catNumber:
		return soql.Errorf(c.q, l.Pos, soql.CodeFilterOperator,
			"value of filter criterion for field '%s' must be of type double and should not be enclosed in quotes", f.Name)
	case catDate:
		return soql.Errorf(c.q, l.Pos, soql.CodeFilterOperator,
			"value of filter criterion for field '%s' must be of type date and should not be enclosed in quotes", f.Name)
	}
	return soql.Errorf(c.q, l.Pos, soql.CodeFilterOperator,
		"value of filter criterion for field '%s' must be of type dateTime and should not be enclosed in quotes", f.Name)
}

func idShaped(s string) bool {
	if len(s) != 15 && len(s) != 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
