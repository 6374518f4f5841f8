package soql

import (
	"strings"
)

type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tString
	tValue // number, date or datetime: classified by the parser
	tOp
	tLParen
	tRParen
	tComma
)

type token struct {
	kind tokKind
	text string // for tString the unescaped value
	pos  int
}

// upper is the token text upper-cased, for keyword matching.
func (t token) upper() string { return strings.ToUpper(t.text) }

func (t token) is(keyword string) bool { return t.kind == tIdent && t.upper() == keyword }

func lex(q string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{tLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, token{tComma, ",", i})
			i++
		case c == '=':
			toks = append(toks, token{tOp, "=", i})
			i++
		case c == '!' && i+1 < len(q) && q[i+1] == '=':
			toks = append(toks, token{tOp, "!=", i})
			i += 2
		case c == '<' || c == '>':
			op := string(c)
			if i+1 < len(q) && q[i+1] == '=' {
				op += "="
			} else if c == '<' && i+1 < len(q) && q[i+1] == '>' {
				op = "!="
			}
			toks = append(toks, token{tOp, op, i})
			i += len(op) // "<>" is two bytes, like its "!=" spelling
		case c == '\'':
			s, n, err := lexString(q, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tString, s, i})
			i += n
		case isDigit(c) || (c == '-' || c == '+') && i+1 < len(q) && isDigit(q[i+1]):
			start := i
			i++
			for i < len(q) && isValueChar(q[i]) {
				i++
			}
			toks = append(toks, token{tValue, q[start:i], start})
		case isIdentStart(c):
			start := i
			for i < len(q) && (isIdentStart(q[i]) || isDigit(q[i]) || q[i] == '.') {
				i++
			}
			toks = append(toks, token{tIdent, q[start:i], start})
		default:
			return nil, Errorf(q, i, CodeMalformed, "line 1:%d no viable alternative at character '%c'", i, c)
		}
	}
	return append(toks, token{tEOF, "", len(q)}), nil
}

// lexString reads a quoted literal at q[at] and returns its value and
// length. Backslash escapes follow SOQL's list; \% and \_ stay escaped so
// LIKE can tell a literal % from a wildcard.
func lexString(q string, at int) (string, int, error) {
	var b strings.Builder
	for i := at + 1; i < len(q); i++ {
		c := q[i]
		switch c {
		case '\'':
			return b.String(), i - at + 1, nil
		case '\\':
			if i+1 >= len(q) {
				return "", 0, Errorf(q, i, CodeMalformed, "Invalid string literal: unterminated escape")
			}
			i++
			switch e := q[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case '\'', '"', '\\':
				b.WriteByte(e)
			case '%', '_':
				b.WriteByte('\\')
				b.WriteByte(e)
			default:
				return "", 0, Errorf(q, i-1, CodeMalformed, "Invalid string literal '\\%c'. Illegal character sequence '\\%c' in string literal.", e, e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, Errorf(q, at, CodeMalformed, "line 1:%d mismatched character '<EOF>' expecting '''", len(q))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isValueChar accepts what numbers and ISO 8601 datetimes are made of.
func isValueChar(c byte) bool {
	return isDigit(c) || c == '.' || c == ':' || c == '-' || c == '+' || c == 'T' || c == 'Z' || c == 'e' || c == 'E'
}
