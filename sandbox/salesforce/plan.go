package salesforce

import (
	"strings"

	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
)

// plan is a compiled query: what to match, which values to copy out of
// each matching row (slots), how to sort and how to render.
type plan struct {
	obj   *object
	count bool
	where pred
	slots []fieldPath
	proj  *projNode
	order []orderKey
	limit int
	off   int
	// floor is a SystemModstamp key every match reaches, if hasFloor.
	floor    int64
	hasFloor bool
	// byStamp is set when the rows in stamp order from the floor give the
	// answer a scan gives (runByStamp).
	byStamp bool
}

type orderKey struct {
	slot      int
	cat       category
	desc      bool
	nullsLast bool
}

// projNode is the shape of a rendered record: its fields in SELECT order,
// with a nested node per relationship.
type projNode struct {
	obj   *object
	items []projItem
}

type projItem struct {
	name  string
	slot  int
	child *projNode // set for a relationship; slot then holds the parent's Id
}

// maxOffset is SOQL's largest OFFSET.
const maxOffset = 2000

func (s *Server) compile(q string, parsed *soql.Query) (*plan, error) {
	o := s.schema.object(parsed.Object)
	if o == nil {
		return nil, soql.Errorf(q, parsed.ObjPos, soql.CodeInvalidType,
			"sObject type '%s' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
			parsed.Object)
	}
	if parsed.Offset > maxOffset {
		return nil, soql.Errorf(q, len(q), soql.CodeOutOfRange, "Maximum SOQL offset allowed is %d", maxOffset)
	}
	p := &plan{obj: o, count: parsed.Count, limit: parsed.Limit, off: parsed.Offset, proj: &projNode{obj: o}}
	if parsed.Where != nil {
		fc := &filterCompiler{q: q, obj: o, st: s.store}
		w, err := fc.expr(parsed.Where)
		if err != nil {
			return nil, err
		}
		p.where = w
		p.floor, p.hasFloor = s.schema.stampFloor(q, o, parsed.Where)
	}
	seen := map[string]bool{}
	for _, f := range parsed.Fields {
		path, err := s.schema.resolve(q, o, f)
		if err != nil {
			return nil, err
		}
		name := strings.ToLower(path.name())
		if seen[name] {
			return nil, soql.Errorf(q, f.Pos, soql.CodeMalformed, "duplicate field selected: %s", path.name())
		}
		seen[name] = true
		p.project(path)
	}
	for _, ob := range parsed.OrderBy {
		path, err := s.schema.resolve(q, o, ob.Field)
		if err != nil {
			return nil, err
		}
		if !path.leaf.Sortable {
			return nil, soql.Errorf(q, ob.Field.Pos, soql.CodeInvalidField, "field '%s' can not be sorted in a query call", path.leaf.Name)
		}
		p.slots = append(p.slots, path)
		p.order = append(p.order, orderKey{slot: len(p.slots) - 1, cat: categoryOf(path.leaf), desc: ob.Desc, nullsLast: ob.NullsLast})
	}
	// A count does not care in which order it meets the rows, so a floor
	// alone lets it skip the rows below; a page needs its order too.
	p.byStamp = p.count && p.hasFloor || !p.count && p.inStampOrder()
	return p, nil
}

// project adds a selected path to the render tree, creating a nested node
// (and an Id slot) for each relationship on the way.
func (p *plan) project(path fieldPath) {
	node := p.proj
	for i, hop := range path.hops {
		var next *projNode
		for _, it := range node.items {
			if it.child != nil && it.name == hop.RelationshipName {
				next = it.child
			}
		}
		if next == nil {
			target := fieldPath{hops: path.hops[:i+1]}
			target.leaf = idFieldOf(hop)
			next = &projNode{obj: objectOf(hop)}
			p.slots = append(p.slots, target)
			node.items = append(node.items, projItem{name: hop.RelationshipName, slot: len(p.slots) - 1, child: next})
		}
		node = next
	}
	p.slots = append(p.slots, path)
	node.items = append(node.items, projItem{name: path.leaf.Name, slot: len(p.slots) - 1})
}

func objectOf(hop *field) *object { return hop.target }

func idFieldOf(hop *field) *field { return hop.target.field("Id") }
