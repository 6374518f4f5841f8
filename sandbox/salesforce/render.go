package salesforce

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// appendRecord renders one row as the API does: attributes first, then the
// fields in SELECT order, relationships as nested records or null.
func appendRecord(b []byte, base string, node *projNode, id string, vals []any) []byte {
	b = append(b, `{"attributes":{"type":"`...)
	b = append(b, node.obj.Name...)
	b = append(b, `","url":"`...)
	b = append(b, base...)
	b = append(b, "/sobjects/"...)
	b = append(b, node.obj.Name...)
	b = append(b, '/')
	b = append(b, id...)
	b = append(b, `"}`...)
	for _, it := range node.items {
		b = append(b, ',', '"')
		b = append(b, it.name...)
		b = append(b, '"', ':')
		if it.child == nil {
			b = appendValue(b, vals[it.slot])
			continue
		}
		parent, ok := vals[it.slot].(string)
		if !ok {
			b = append(b, "null"...)
			continue
		}
		b = appendRecord(b, base, it.child, parent, vals)
	}
	return append(b, '}')
}

func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case float64:
		return strconv.AppendFloat(b, x, 'f', -1, 64)
	case time.Time:
		b = append(b, '"')
		b = x.UTC().AppendFormat(b, "2006-01-02T15:04:05.000-0700")
		return append(b, '"')
	}
	return append(b, "null"...)
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
