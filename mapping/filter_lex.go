package mapping

import (
	"fmt"
	"strings"
)

// tokenKind classifies a token of a SOQL WHERE fragment.
type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokNumber
	tokDate     // 2026-01-31
	tokDateTime // 2026-01-31T10:00:00Z
	tokOp       // = != <> < <= > >=
	tokLParen
	tokRParen
	tokComma
)

type token struct {
	kind tokenKind
	text string
	pos  int // byte offset in the filter
}

func (t token) String() string {
	if t.kind == tokEOF {
		return "end of filter"
	}
	return fmt.Sprintf("%q", t.text)
}

// lex splits a WHERE fragment into tokens. It knows SOQL's literal forms;
// whether they are in the right places is the parser's business.
func lex(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{tokLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tokRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, token{tokComma, ",", i})
			i++
		case c == '\'':
			end, err := lexString(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokString, src[i:end], i})
			i = end
		case strings.ContainsRune("=!<>", rune(c)):
			op := lexOperator(src[i:])
			if op == "" {
				return nil, fmt.Errorf("at offset %d: unexpected %q", i, c)
			}
			toks = append(toks, token{tokOp, op, i})
			i += len(op)
		case isDigit(c) || ((c == '-' || c == '+') && i+1 < len(src) && isDigit(src[i+1])):
			t, err := lexNumberOrDate(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.text)
		case isIdentStart(c):
			end := i + 1
			for end < len(src) && (isIdentPart(src[end]) || src[end] == '.') {
				end++
			}
			// Date literals with a parameter: LAST_N_DAYS:30.
			if end < len(src) && src[end] == ':' {
				n := end + 1
				for n < len(src) && isDigit(src[n]) {
					n++
				}
				if n == end+1 {
					return nil, fmt.Errorf("at offset %d: ':' must be followed by a number (bind variables are not allowed)", end)
				}
				end = n
			}
			toks = append(toks, token{tokIdent, src[i:end], i})
			i = end
		case c == ';':
			return nil, fmt.Errorf("at offset %d: ';' is not allowed in a filter", i)
		default:
			return nil, fmt.Errorf("at offset %d: unexpected character %q", i, rune(c))
		}
	}
	return append(toks, token{tokEOF, "", len(src)}), nil
}

// lexString returns the end of the string literal starting at src[start].
// SOQL escapes: \n \r \t \b \f \" \' \\ and, for LIKE, \_ \%.
func lexString(src string, start int) (int, error) {
	for i := start + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if i+1 >= len(src) || !strings.ContainsRune(`nrtbf"'\_%`, rune(src[i+1])) {
				return 0, fmt.Errorf("at offset %d: invalid escape sequence in string", i)
			}
			i++
		case '\'':
			return i + 1, nil
		}
	}
	return 0, fmt.Errorf("at offset %d: string is never closed", start)
}

func lexOperator(s string) string {
	for _, op := range []string{"!=", "<>", "<=", ">=", "=", "<", ">"} {
		if strings.HasPrefix(s, op) {
			return op
		}
	}
	return ""
}

// lexNumberOrDate reads a number, a date (YYYY-MM-DD) or a datetime
// (YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)); SOQL writes both unquoted.
func lexNumberOrDate(src string, start int) (token, error) {
	if t, ok := matchDate(src[start:]); ok {
		return token{t.kind, t.text, start}, nil
	}
	i := start
	if src[i] == '-' || src[i] == '+' {
		i++
	}
	digits := 0
	for i < len(src) && isDigit(src[i]) {
		i++
		digits++
	}
	if i < len(src) && src[i] == '.' {
		i++
		frac := 0
		for i < len(src) && isDigit(src[i]) {
			i++
			frac++
		}
		if frac == 0 {
			return token{}, fmt.Errorf("at offset %d: malformed number", start)
		}
	}
	if i < len(src) && (isIdentPart(src[i]) || src[i] == '-' || src[i] == ':' || src[i] == '.') {
		return token{}, fmt.Errorf("at offset %d: malformed number or date", start)
	}
	return token{tokNumber, src[start:i], start}, nil
}

func matchDate(s string) (token, bool) {
	const date = "dddd-dd-dd"
	if !shape(s, date) {
		return token{}, false
	}
	n := len(date)
	if len(s) == n || s[n] != 'T' {
		if len(s) > n && (isIdentPart(s[n]) || s[n] == '-' || s[n] == ':') {
			return token{}, false
		}
		return token{kind: tokDate, text: s[:n]}, true
	}
	n++
	if !shape(s[n:], "dd:dd:dd") {
		return token{}, false
	}
	n += 8
	if n < len(s) && s[n] == '.' {
		n++
		start := n
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		if n == start {
			return token{}, false
		}
	}
	switch {
	case n < len(s) && s[n] == 'Z':
		n++
	case n < len(s) && (s[n] == '+' || s[n] == '-') && shape(s[n+1:], "dd:dd"):
		n += 6
	default:
		return token{}, false
	}
	if n < len(s) && (isIdentPart(s[n]) || s[n] == ':' || s[n] == '.') {
		return token{}, false
	}
	return token{kind: tokDateTime, text: s[:n]}, true
}

// shape reports whether s starts with pattern, where 'd' is any digit.
func shape(s, pattern string) bool {
	if len(s) < len(pattern) {
		return false
	}
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == 'd' {
			if !isDigit(s[i]) {
				return false
			}
		} else if s[i] != pattern[i] {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }
