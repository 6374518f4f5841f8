package soql

import (
	"fmt"
	"strings"
)

// Error codes a query can fail with, as Salesforce names them.
const (
	CodeMalformed      = "MALFORMED_QUERY"
	CodeInvalidField   = "INVALID_FIELD"
	CodeInvalidType    = "INVALID_TYPE"
	CodeFilterOperator = "INVALID_QUERY_FILTER_OPERATOR"
	CodeOutOfRange     = "NUMBER_OUTSIDE_VALID_RANGE"
)

// Error is a query rejected with a Salesforce error code. Message carries
// the query line, a caret and the row and column, as the real API's do.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf builds an Error pointing at byte offset pos of query q.
func Errorf(q string, pos int, code, format string, args ...any) *Error {
	if pos < 0 {
		pos = 0
	}
	if pos > len(q) {
		pos = len(q)
	}
	row := strings.Count(q[:pos], "\n") + 1
	lineStart := strings.LastIndexByte(q[:pos], '\n') + 1
	lineEnd := strings.IndexByte(q[pos:], '\n')
	if lineEnd < 0 {
		lineEnd = len(q)
	} else {
		lineEnd += pos
	}
	col := pos - lineStart
	msg := fmt.Sprintf("\n%s\n%s^\nERROR at Row:%d:Column:%d\n%s",
		q[lineStart:lineEnd], strings.Repeat(" ", col), row, col+1, fmt.Sprintf(format, args...))
	return &Error{Code: code, Message: msg}
}
