// Package soql parses the subset of the Salesforce Object Query Language the
// sandbox serves. It knows syntax only; which objects and fields exist, and
// whether a literal fits a field's type, is decided by the caller.
package soql

import "time"

// Query is one parsed SELECT statement.
type Query struct {
	// Count is set for SELECT COUNT() FROM ..., which selects no fields.
	Count   bool
	Fields  []Field
	Object  string
	ObjPos  int
	Where   Expr // nil when there is no WHERE clause
	OrderBy []Order
	Limit   int // -1 when absent
	Offset  int // -1 when absent
}

// Field is a field path as written, e.g. "Account.Owner.Email".
type Field struct {
	Path []string
	Pos  int
}

// Name is the path joined with dots, as it was written.
func (f Field) Name() string {
	n := ""
	for i, p := range f.Path {
		if i > 0 {
			n += "."
		}
		n += p
	}
	return n
}

// Order is one ORDER BY item. Nulls sort first unless NullsLast is set,
// whatever the direction: that is SOQL's documented default.
type Order struct {
	Field     Field
	Desc      bool
	NullsLast bool
}

// Expr is a WHERE condition tree: *And, *Or, *Not or *Cond.
type Expr interface{ expr() }

// And holds two or more terms that must all hold.
type And struct{ Terms []Expr }

// Or holds two or more terms of which one must hold.
type Or struct{ Terms []Expr }

// Not negates X.
type Not struct{ X Expr }

// Operators a Cond may carry.
const (
	OpEq    = "="
	OpNe    = "!="
	OpLt    = "<"
	OpLe    = "<="
	OpGt    = ">"
	OpGe    = ">="
	OpLike  = "LIKE"
	OpIn    = "IN"
	OpNotIn = "NOT IN"
)

// Cond compares a field with a literal, or with a list for IN and NOT IN.
type Cond struct {
	Field  Field
	Op     string
	Value  Literal   // for every operator but IN and NOT IN
	Values []Literal // for IN and NOT IN
}

func (*And) expr()  {}
func (*Or) expr()   {}
func (*Not) expr()  {}
func (*Cond) expr() {}

// Kind is the type of a literal as SOQL reads it.
type Kind int

// The literal kinds.
const (
	KindString Kind = iota
	KindNumber
	KindBool
	KindNull
	KindDateTime
)

// Literal is a value written in the query.
type Literal struct {
	Kind Kind
	Str  string
	Num  float64
	Bool bool
	Time time.Time
	// Raw is the literal as written, for error messages.
	Raw string
	Pos int
}
