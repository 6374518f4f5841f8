package salesforce

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

// record is one stored row by canonical field name. Values are string,
// float64, bool, time.Time or nil, and are never mutated in place: a write
// replaces them, so a snapshot may copy values without copying the map.
type record struct {
	f         map[string]any
	deletedAt time.Time
}

func (r *record) id() string { return r.f["Id"].(string) }

func (r *record) deleted() bool { b, _ := r.f["IsDeleted"].(bool); return b }

// values copies the row's values of fields, in their order, so they can be
// rendered after the lock is released.
func (r *record) values(fields []*field) []any {
	vals := make([]any, len(fields))
	for i, f := range fields {
		vals[i] = r.f[f.Name]
	}
	return vals
}

// table holds one object's rows with indexes on Id and on unique fields.
type table struct {
	obj  *object
	rows []*record
	byID map[string]*record
	// unique maps field name → index key → rows with that value, deleted
	// ones included (callers skip them).
	unique map[string]map[string][]*record
	seq    uint64
	// byStamp is every row in (SystemModstamp, Id) order, the order a
	// keyset page reads, built on the first such read after a write:
	// queries read it under the store's read lock, so its own mutex
	// guards the rebuild. stale is set under the write lock.
	stampMu sync.Mutex
	byStamp []stamped
	stale   bool
}

func newTable(o *object) *table {
	t := &table{obj: o, byID: map[string]*record{}, unique: map[string]map[string][]*record{}, stale: true}
	for _, f := range o.Unique {
		t.unique[f.Name] = map[string][]*record{}
	}
	return t
}

// indexKey folds a value for uniqueness and external-id matching, which are
// case-insensitive for text in a default org.
func indexKey(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return strings.ToLower(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// index and unindex bracket every change to a row and every row added or
// removed, so they also mark the stamp order for a rebuild.
func (t *table) index(r *record) {
	t.stale = true
	for name, idx := range t.unique {
		if k, ok := indexKey(r.f[name]); ok {
			idx[k] = append(idx[k], r)
		}
	}
}

func (t *table) unindex(r *record) {
	t.stale = true
	for name, idx := range t.unique {
		k, ok := indexKey(r.f[name])
		if !ok {
			continue
		}
		rows := idx[k]
		for i, x := range rows {
			if x == r {
				rows = append(rows[:i:i], rows[i+1:]...)
				break
			}
		}
		if len(rows) == 0 {
			delete(idx, k)
		} else {
			idx[k] = rows
		}
	}
}

// live returns the undeleted rows whose field holds value v.
func (t *table) live(field string, v any) []*record {
	k, ok := indexKey(v)
	if !ok {
		return nil
	}
	var out []*record
	for _, r := range t.unique[field][k] {
		if !r.deleted() {
			out = append(out, r)
		}
	}
	return out
}

func (t *table) newID() string {
	for {
		t.seq++
		id := sfid.New(t.obj.Prefix, t.seq)
		if _, taken := t.byID[id]; !taken {
			return id
		}
	}
}

func (t *table) insert(r *record) {
	t.rows = append(t.rows, r)
	t.byID[r.id()] = r
	t.index(r)
}

// store is the org's data. One RWMutex guards all tables: writes are short,
// and queries copy what they need before rendering.
type store struct {
	mu      sync.RWMutex
	schema  *schema
	tables  map[string]*table // by canonical object name
	caseSeq int
	// ownerID is the running user's Id, the default OwnerId.
	ownerID string
}

func (s *store) table(o *object) *table { return s.tables[o.Name] }

// load replaces every table with the seed rows. Seed values are immutable
// scalars, so the maps are copied and the values shared.
func (s *store) load(data seed.Salesforce, username string, now time.Time) {
	s.tables = map[string]*table{}
	for _, o := range s.schema.ordered {
		s.tables[o.Name] = newTable(o)
	}
	s.caseSeq = 1000
	sets := []struct {
		obj  string
		rows []seed.Record
	}{{"User", data.Users}, {"Account", data.Accounts}, {"Contact", data.Contacts}, {"Case", data.Cases},
		{"CaseComment", data.CaseComments}, {"Lead", data.Leads}}
	// Users first: the running user owns every seeded row without an owner.
	users := s.tables["User"]
	for _, src := range data.Users {
		s.loadRecord(users, src, now)
	}
	users.seq = uint64(len(users.rows))
	s.ownerID = ""
	if found := users.live("Username", username); len(found) > 0 {
		s.ownerID = found[0].id()
	} else {
		// The integration user always exists in a real org: the token's
		// subject is one of its users.
		r := &record{f: map[string]any{"Id": users.newID(), "Username": username, "Email": username,
			"FirstName": "Integration", "LastName": "User", "IsActive": true, "Title": nil}}
		stampCreate(r, now)
		derive(users.obj, r, nil, now)
		users.insert(r)
		s.ownerID = r.id()
	}
	for _, set := range sets[1:] {
		t := s.tables[set.obj]
		for _, src := range set.rows {
			s.loadRecord(t, src, now)
		}
		t.seq = uint64(len(t.rows))
	}
}

func (s *store) loadRecord(t *table, src seed.Record, now time.Time) {
	r := &record{f: make(map[string]any, len(t.obj.Fields))}
	for k, v := range src {
		if f := t.obj.field(k); f != nil {
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC()
			}
			r.f[f.Name] = v
		}
	}
	for _, f := range t.obj.Fields {
		if _, ok := r.f[f.Name]; !ok {
			r.f[f.Name] = nil
		}
		// A checkbox is never null in an org: a seed row without one holds
		// its default, as a row created then would.
		if f.Type == "boolean" && r.f[f.Name] == nil {
			def, _ := f.Default.(bool)
			r.f[f.Name] = def
		}
	}
	for _, f := range t.obj.Fields {
		if _, byRunningUser := f.Default.(ownerDefault); byRunningUser && r.f[f.Name] == nil && s.ownerID != "" {
			r.f[f.Name] = s.ownerID
		}
	}
	if id, _ := r.f["Id"].(string); !sfid.Valid(id) || t.byID[id] != nil {
		r.f["Id"] = t.newID()
	}
	for _, name := range []string{"CreatedDate", "LastModifiedDate", "SystemModstamp"} {
		if _, ok := r.f[name].(time.Time); !ok {
			r.f[name] = now
		}
	}
	if t.obj.HasIsDeleted {
		if r.f["IsDeleted"] == nil {
			r.f["IsDeleted"] = false
		}
		if r.deleted() {
			r.deletedAt = r.f["SystemModstamp"].(time.Time)
		}
	}
	if t.obj.Name == "Case" {
		if n, err := strconv.Atoi(strings.TrimLeft(str(r.f["CaseNumber"]), "0")); err == nil && n > s.caseSeq {
			s.caseSeq = n
		}
	}
	derive(t.obj, r, nil, r.f["LastModifiedDate"].(time.Time))
	t.insert(r)
}

func str(v any) string { s, _ := v.(string); return s }

func stampCreate(r *record, now time.Time) {
	r.f["CreatedDate"], r.f["LastModifiedDate"], r.f["SystemModstamp"] = now, now, now
	if _, ok := r.f["IsDeleted"]; ok {
		r.f["IsDeleted"] = false
	}
}

// derive keeps computed fields in step with the ones they come from: Name
// from FirstName and LastName, and a Case's IsClosed and ClosedDate from
// its Status. before is the row's previous values, nil on create.
func derive(o *object, r *record, before map[string]any, now time.Time) {
	if f := o.field("Name"); f != nil && !f.Createable {
		r.f["Name"] = strings.TrimSpace(str(r.f["FirstName"]) + " " + str(r.f["LastName"]))
		if r.f["Name"] == "" {
			r.f["Name"] = nil
		}
	}
	if o.Name == "Case" {
		closed := r.f["Status"] == "Closed"
		r.f["IsClosed"] = closed
		wasClosed := before != nil && before["Status"] == "Closed"
		switch {
		case closed && before == nil && r.f["ClosedDate"] == nil:
			r.f["ClosedDate"] = now
		case closed && before != nil && !wasClosed:
			r.f["ClosedDate"] = now
		case !closed:
			r.f["ClosedDate"] = nil
		}
	}
}
