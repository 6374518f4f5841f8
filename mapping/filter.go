package mapping

import (
	"fmt"
	"strings"
)

// maxFilterDepth bounds parenthesis nesting, so no input can exhaust the
// stack of the recursive-descent parser.
const maxFilterDepth = 64

// clauseKeywords end a WHERE clause; a filter holding one would change
// the query it is pasted into.
var clauseKeywords = map[string]bool{
	"SELECT": true, "FROM": true, "WHERE": true, "GROUP": true, "ORDER": true, "LIMIT": true,
	"OFFSET": true, "HAVING": true, "WITH": true, "FOR": true, "UPDATE": true, "USING": true, "TYPEOF": true,
}

// reserved words can never be field names.
var reserved = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "IN": true, "LIKE": true, "INCLUDES": true, "EXCLUDES": true,
	"TRUE": true, "FALSE": true, "NULL": true,
}

// dateLiterals are SOQL's relative dates; the "_N_" ones take ":n".
var dateLiterals = map[string]bool{
	"YESTERDAY": true, "TODAY": true, "TOMORROW": true,
	"LAST_WEEK": true, "THIS_WEEK": true, "NEXT_WEEK": true,
	"LAST_MONTH": true, "THIS_MONTH": true, "NEXT_MONTH": true,
	"LAST_90_DAYS": true, "NEXT_90_DAYS": true,
	"THIS_QUARTER": true, "LAST_QUARTER": true, "NEXT_QUARTER": true,
	"THIS_YEAR": true, "LAST_YEAR": true, "NEXT_YEAR": true,
	"THIS_FISCAL_QUARTER": true, "LAST_FISCAL_QUARTER": true, "NEXT_FISCAL_QUARTER": true,
	"THIS_FISCAL_YEAR": true, "LAST_FISCAL_YEAR": true, "NEXT_FISCAL_YEAR": true,
}

var paramDateLiterals = map[string]bool{
	"LAST_N_DAYS": true, "NEXT_N_DAYS": true, "N_DAYS_AGO": true,
	"LAST_N_WEEKS": true, "NEXT_N_WEEKS": true, "N_WEEKS_AGO": true,
	"LAST_N_MONTHS": true, "NEXT_N_MONTHS": true, "N_MONTHS_AGO": true,
	"LAST_N_QUARTERS": true, "NEXT_N_QUARTERS": true, "N_QUARTERS_AGO": true,
	"LAST_N_YEARS": true, "NEXT_N_YEARS": true, "N_YEARS_AGO": true,
	"LAST_N_FISCAL_QUARTERS": true, "NEXT_N_FISCAL_QUARTERS": true, "N_FISCAL_QUARTERS_AGO": true,
	"LAST_N_FISCAL_YEARS": true, "NEXT_N_FISCAL_YEARS": true, "N_FISCAL_YEARS_AGO": true,
}

// ValidateFilter checks that filter is a well-formed SOQL WHERE fragment
// over the known fields of one object, without calling Salesforce. Field
// names compare case-insensitively, as in SOQL. A relationship path
// "Account.Name" passes when its first step is a known lookup ("AccountId",
// or "Parent__r" for "Parent__c"); the far side is not checked. known nil
// skips the field check. Functions (CALENDAR_YEAR(…)) and bind variables
// are not supported.
func ValidateFilter(filter string, known []string) error {
	if strings.TrimSpace(filter) == "" {
		return nil
	}
	toks, err := lex(filter)
	if err != nil {
		return fmt.Errorf("filter: %w", err)
	}
	p := &filterParser{toks: toks, known: knownSet(known)}
	if err := p.expr(0); err != nil {
		return fmt.Errorf("filter: %w", err)
	}
	if t := p.peek(); t.kind != tokEOF {
		return fmt.Errorf("filter: %w", p.unexpected(t, "AND, OR or end of filter"))
	}
	return nil
}

type filterParser struct {
	toks  []token
	at    int
	known fieldSet
}

func (p *filterParser) peek() token { return p.toks[p.at] }

func (p *filterParser) next() token {
	t := p.toks[p.at]
	if t.kind != tokEOF {
		p.at++
	}
	return t
}

// keyword reports whether t is the given keyword, in any case.
func keyword(t token, kw string) bool { return t.kind == tokIdent && strings.EqualFold(t.text, kw) }

func (p *filterParser) unexpected(t token, want string) error {
	if t.kind == tokIdent && clauseKeywords[strings.ToUpper(t.text)] {
		return fmt.Errorf("at offset %d: clause keyword %s is not allowed in a filter", t.pos, strings.ToUpper(t.text))
	}
	return fmt.Errorf("at offset %d: expected %s, found %s", t.pos, want, t)
}

// expr := term { (AND|OR) term }, one connective per level: SOQL rejects
// "a AND b OR c" and requires parentheses to mix them.
func (p *filterParser) expr(depth int) error {
	if err := p.term(depth); err != nil {
		return err
	}
	var conn string
	for {
		t := p.peek()
		if !keyword(t, "AND") && !keyword(t, "OR") {
			return nil
		}
		up := strings.ToUpper(t.text)
		if conn != "" && up != conn {
			return fmt.Errorf("at offset %d: mixing AND and OR needs parentheses", t.pos)
		}
		conn = up
		p.next()
		if err := p.term(depth); err != nil {
			return err
		}
	}
}

// term := NOT term | '(' expr ')' | condition
func (p *filterParser) term(depth int) error {
	if depth > maxFilterDepth {
		return fmt.Errorf("at offset %d: nested more than %d deep", p.peek().pos, maxFilterDepth)
	}
	t := p.peek()
	switch {
	case keyword(t, "NOT"):
		p.next()
		return p.term(depth + 1)
	case t.kind == tokLParen:
		p.next()
		if err := p.expr(depth + 1); err != nil {
			return err
		}
		if c := p.next(); c.kind != tokRParen {
			return p.unexpected(c, "')'")
		}
		return nil
	}
	return p.condition()
}

// condition := field op value | field [NOT] IN list | field (INCLUDES|EXCLUDES) list | field LIKE string
func (p *filterParser) condition() error {
	f := p.next()
	if f.kind != tokIdent || reserved[strings.ToUpper(f.text)] || clauseKeywords[strings.ToUpper(f.text)] ||
		!fieldPath.MatchString(f.text) {
		return p.unexpected(f, "a field name")
	}
	if p.peek().kind == tokLParen {
		return fmt.Errorf("at offset %d: functions such as %s() are not supported in a filter", f.pos, f.text)
	}
	if err := p.known.check(f.text); err != nil {
		return fmt.Errorf("at offset %d: %w", f.pos, err)
	}
	op := p.next()
	switch {
	case op.kind == tokOp:
		return p.value(op.text)
	case keyword(op, "LIKE"):
		if v := p.next(); v.kind != tokString {
			return p.unexpected(v, "a string after LIKE")
		}
		return nil
	case keyword(op, "NOT"):
		if in := p.next(); !keyword(in, "IN") {
			return p.unexpected(in, "IN after NOT")
		}
		return p.list(false)
	case keyword(op, "IN"):
		return p.list(false)
	case keyword(op, "INCLUDES"), keyword(op, "EXCLUDES"):
		return p.list(true)
	}
	return p.unexpected(op, "an operator")
}

// value accepts one literal after a comparison operator; null and
// booleans only compare for (in)equality.
func (p *filterParser) value(op string) error {
	v := p.next()
	equality := op == "=" || op == "!=" || op == "<>"
	switch {
	case v.kind == tokString, v.kind == tokNumber, v.kind == tokDate, v.kind == tokDateTime, isDateLiteral(v):
		return nil
	case keyword(v, "NULL"), keyword(v, "TRUE"), keyword(v, "FALSE"):
		if !equality {
			return fmt.Errorf("at offset %d: %s only compares with = or !=", v.pos, strings.ToUpper(v.text))
		}
		return nil
	}
	return p.unexpected(v, "a value after "+op)
}

// list := '(' literal { ',' literal } ')'
func (p *filterParser) list(stringsOnly bool) error {
	if t := p.next(); t.kind != tokLParen {
		return p.unexpected(t, "'('")
	}
	for {
		v := p.next()
		ok := v.kind == tokString
		if !stringsOnly {
			ok = ok || v.kind == tokNumber || v.kind == tokDate || v.kind == tokDateTime || isDateLiteral(v) ||
				keyword(v, "NULL") || keyword(v, "TRUE") || keyword(v, "FALSE")
		}
		if !ok {
			want := "a value"
			if stringsOnly {
				want = "a string"
			}
			return p.unexpected(v, want)
		}
		switch t := p.next(); t.kind {
		case tokComma:
		case tokRParen:
			return nil
		default:
			return p.unexpected(t, "',' or ')'")
		}
	}
}

func isDateLiteral(t token) bool {
	if t.kind != tokIdent {
		return false
	}
	name, n, hasParam := strings.Cut(strings.ToUpper(t.text), ":")
	if hasParam {
		return paramDateLiterals[name] && n != ""
	}
	return dateLiterals[name]
}
