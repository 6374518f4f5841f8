package soql

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Parse reads one SELECT statement.
func Parse(q string) (*Query, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{q: q, toks: toks}
	return p.query()
}

type parser struct {
	q    string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) unexpected(t token) error {
	if t.kind == tEOF {
		return Errorf(p.q, t.pos, CodeMalformed, "unexpected token: '<EOF>'")
	}
	return Errorf(p.q, t.pos, CodeMalformed, "unexpected token: '%s'", t.text)
}

func (p *parser) keyword(kw string) error {
	if t := p.next(); !t.is(kw) {
		return p.unexpected(t)
	}
	return nil
}

func (p *parser) query() (*Query, error) {
	q := &Query{Limit: -1, Offset: -1}
	if err := p.keyword("SELECT"); err != nil {
		return nil, err
	}
	if err := p.selectList(q); err != nil {
		return nil, err
	}
	if err := p.keyword("FROM"); err != nil {
		return nil, err
	}
	obj := p.next()
	if obj.kind != tIdent || reserved[obj.upper()] || strings.Contains(obj.text, ".") {
		return nil, p.unexpected(obj)
	}
	q.Object, q.ObjPos = obj.text, obj.pos
	if p.peek().is("WHERE") {
		p.next()
		w, err := p.orExpr()
		if err != nil {
			return nil, err
		}
		q.Where = w
	}
	if p.peek().is("ORDER") {
		p.next()
		if err := p.keyword("BY"); err != nil {
			return nil, err
		}
		if err := p.orderList(q); err != nil {
			return nil, err
		}
	}
	if p.peek().is("LIMIT") {
		p.next()
		n, err := p.count()
		if err != nil {
			return nil, err
		}
		q.Limit = n
	}
	if p.peek().is("OFFSET") {
		p.next()
		n, err := p.count()
		if err != nil {
			return nil, err
		}
		q.Offset = n
	}
	if t := p.next(); t.kind != tEOF {
		return nil, p.unexpected(t)
	}
	return q, nil
}

// reserved words cannot name a field or an object.
var reserved = map[string]bool{
	"SELECT": true, "FROM": true, "WHERE": true, "AND": true, "OR": true, "NOT": true,
	"IN": true, "LIKE": true, "ORDER": true, "BY": true, "LIMIT": true, "OFFSET": true,
	"NULL": true, "TRUE": true, "FALSE": true, "ASC": true, "DESC": true, "NULLS": true,
	"GROUP": true, "HAVING": true, "INCLUDES": true, "EXCLUDES": true, "USING": true,
	"WITH": true, "FOR": true, "TYPEOF": true,
}

func (p *parser) selectList(q *Query) error {
	if t := p.peek(); t.is("COUNT") && p.toks[p.i+1].kind == tLParen {
		p.next()
		p.next()
		if t := p.next(); t.kind != tRParen {
			// COUNT(field) is an aggregate the sandbox does not serve.
			return Errorf(p.q, t.pos, CodeMalformed, "aggregate functions are not supported by the sandbox: COUNT(%s)", t.text)
		}
		q.Count = true
		return nil
	}
	seen := map[string]bool{}
	for {
		t := p.next()
		if t.kind == tLParen {
			return Errorf(p.q, t.pos, CodeMalformed, "relationship subqueries are not supported by the sandbox")
		}
		f, err := p.field(t)
		if err != nil {
			return err
		}
		if p.peek().kind == tLParen {
			return Errorf(p.q, t.pos, CodeMalformed, "function %s() is not supported by the sandbox", t.text)
		}
		key := strings.ToLower(f.Name())
		if seen[key] {
			return Errorf(p.q, t.pos, CodeMalformed, "duplicate field selected: %s", f.Name())
		}
		seen[key] = true
		q.Fields = append(q.Fields, f)
		if p.peek().kind != tComma {
			return nil
		}
		p.next()
	}
}

func (p *parser) field(t token) (Field, error) {
	if t.kind != tIdent || reserved[t.upper()] {
		return Field{}, p.unexpected(t)
	}
	parts := strings.Split(t.text, ".")
	for _, part := range parts {
		if part == "" {
			return Field{}, p.unexpected(t)
		}
	}
	return Field{Path: parts, Pos: t.pos}, nil
}

// orExpr and andExpr keep to SOQL's rule that AND and OR may not be mixed at
// one level without parentheses.
func (p *parser) orExpr() (Expr, error) {
	first, err := p.unary()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if !t.is("AND") && !t.is("OR") {
		return first, nil
	}
	joiner := t.upper()
	terms := []Expr{first}
	for p.peek().is(joiner) {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		terms = append(terms, x)
	}
	if t := p.peek(); t.is("AND") || t.is("OR") {
		return nil, p.unexpected(t)
	}
	if joiner == "AND" {
		return &And{Terms: terms}, nil
	}
	return &Or{Terms: terms}, nil
}

func (p *parser) unary() (Expr, error) {
	t := p.peek()
	if t.is("NOT") {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Not{X: x}, nil
	}
	if t.kind == tLParen {
		p.next()
		x, err := p.orExpr()
		if err != nil {
			return nil, err
		}
		if t := p.next(); t.kind != tRParen {
			return nil, p.unexpected(t)
		}
		return x, nil
	}
	return p.condition()
}

func (p *parser) condition() (Expr, error) {
	f, err := p.field(p.next())
	if err != nil {
		return nil, err
	}
	if p.peek().kind == tLParen {
		return nil, Errorf(p.q, f.Pos, CodeMalformed, "function %s() is not supported by the sandbox", f.Name())
	}
	c := &Cond{Field: f}
	t := p.next()
	switch {
	case t.kind == tOp:
		c.Op = t.text
	case t.is("LIKE"):
		c.Op = OpLike
	case t.is("IN"):
		c.Op = OpIn
	case t.is("NOT") && p.peek().is("IN"):
		p.next()
		c.Op = OpNotIn
	case t.is("INCLUDES") || t.is("EXCLUDES"):
		return nil, Errorf(p.q, t.pos, CodeMalformed, "%s is not supported by the sandbox", t.upper())
	default:
		return nil, p.unexpected(t)
	}
	if c.Op == OpIn || c.Op == OpNotIn {
		c.Values, err = p.list()
		return c, err
	}
	c.Value, err = p.literal(p.next())
	return c, err
}

func (p *parser) list() ([]Literal, error) {
	if t := p.next(); t.kind != tLParen {
		if t.is("SELECT") || t.kind == tIdent {
			return nil, Errorf(p.q, t.pos, CodeMalformed, "semi-join subqueries are not supported by the sandbox")
		}
		return nil, p.unexpected(t)
	}
	if p.peek().is("SELECT") {
		return nil, Errorf(p.q, p.peek().pos, CodeMalformed, "semi-join subqueries are not supported by the sandbox")
	}
	var vals []Literal
	for {
		l, err := p.literal(p.next())
		if err != nil {
			return nil, err
		}
		vals = append(vals, l)
		t := p.next()
		if t.kind == tRParen {
			return vals, nil
		}
		if t.kind != tComma {
			return nil, p.unexpected(t)
		}
	}
}

var (
	numberRe   = regexp.MustCompile(`^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$`)
	dateRe     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	dateTimeRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[-+]\d{2}:?\d{2})$`)
)

func (p *parser) literal(t token) (Literal, error) {
	l := Literal{Raw: t.text, Pos: t.pos}
	switch t.kind {
	case tString:
		l.Kind, l.Str = KindString, t.text
		l.Raw = "'" + t.text + "'"
		return l, nil
	case tValue:
		switch {
		case numberRe.MatchString(t.text):
			n, err := strconv.ParseFloat(t.text, 64)
			if err != nil {
				return l, Errorf(p.q, t.pos, CodeMalformed, "invalid number: %s", t.text)
			}
			l.Kind, l.Num = KindNumber, n
			return l, nil
		case dateTimeRe.MatchString(t.text):
			tm, err := ParseDateTime(t.text)
			if err != nil {
				return l, Errorf(p.q, t.pos, CodeMalformed, "line 1:%d no viable alternative at character '%s'", t.pos, t.text)
			}
			l.Kind, l.Time = KindDateTime, tm
			return l, nil
		case dateRe.MatchString(t.text):
			return l, Errorf(p.q, t.pos, CodeMalformed, "date literals are not supported by the sandbox (no field of type date): %s", t.text)
		}
		return l, Errorf(p.q, t.pos, CodeMalformed, "line 1:%d no viable alternative at character '%s'", t.pos, t.text)
	case tIdent:
		switch t.upper() {
		case "NULL":
			l.Kind = KindNull
			return l, nil
		case "TRUE", "FALSE":
			l.Kind, l.Bool = KindBool, t.upper() == "TRUE"
			return l, nil
		}
		if dateLiteral(t.upper()) {
			return l, Errorf(p.q, t.pos, CodeMalformed, "date literal %s is not supported by the sandbox: use an ISO 8601 datetime", t.text)
		}
	}
	return l, p.unexpected(t)
}

// dateLiteral spots TODAY, LAST_N_DAYS:n and the like, which the sandbox
// refuses loudly rather than misreading as a field name.
func dateLiteral(s string) bool {
	switch s {
	case "TODAY", "YESTERDAY", "TOMORROW", "THIS_WEEK", "LAST_WEEK", "NEXT_WEEK",
		"THIS_MONTH", "LAST_MONTH", "NEXT_MONTH", "THIS_YEAR", "LAST_YEAR", "NEXT_YEAR":
		return true
	}
	return strings.HasPrefix(s, "LAST_N_") || strings.HasPrefix(s, "NEXT_N_")
}

func (p *parser) orderList(q *Query) error {
	for {
		f, err := p.field(p.next())
		if err != nil {
			return err
		}
		o := Order{Field: f}
		if t := p.peek(); t.is("ASC") || t.is("DESC") {
			p.next()
			o.Desc = t.is("DESC")
		}
		if p.peek().is("NULLS") {
			p.next()
			t := p.next()
			switch {
			case t.is("FIRST"):
			case t.is("LAST"):
				o.NullsLast = true
			default:
				return p.unexpected(t)
			}
		}
		q.OrderBy = append(q.OrderBy, o)
		if p.peek().kind != tComma {
			return nil
		}
		p.next()
	}
}

func (p *parser) count() (int, error) {
	t := p.next()
	if t.kind != tValue {
		return 0, p.unexpected(t)
	}
	n, err := strconv.Atoi(t.text)
	if err != nil || n < 0 {
		return 0, Errorf(p.q, t.pos, CodeMalformed, "unexpected token: '%s'", t.text)
	}
	return n, nil
}

// ParseDateTime reads an ISO 8601 datetime as SOQL and the REST API accept
// it: Z or a numeric offset, with or without milliseconds or the colon.
func ParseDateTime(s string) (time.Time, error) {
	for _, layout := range []string{
		"2006-01-02T15:04:05Z07:00",
		"2006-01-02T15:04:05.999Z07:00",
		"2006-01-02T15:04:05Z0700",
		"2006-01-02T15:04:05.999Z0700",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	_, err := time.Parse(time.RFC3339, s)
	return time.Time{}, err
}
