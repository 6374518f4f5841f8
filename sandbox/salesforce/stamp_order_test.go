package salesforce

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/sandbox/sfid"
)

var stampBase = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func soqlTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func compileQuery(t *testing.T, s *Server, q string) *plan {
	t.Helper()
	parsed, err := soql.Parse(q)
	require.NoError(t, err, q)
	p, err := s.compile(q, parsed)
	require.NoError(t, err, q)
	return p
}

// Which queries read the rows in stamp order, and from where: only a
// bound every match must meet may skip rows, only ORDER BY SystemModstamp,
// Id may take their order.
func TestStampOrderPlans(t *testing.T) {
	s := New(Config{}, seed.Salesforce{})
	t1, t2 := stampBase, stampBase.Add(time.Second)
	keyset := fmt.Sprintf("(SystemModstamp > %s OR (SystemModstamp = %s AND Id > '003000000000001AAA'))", soqlTime(t2), soqlTime(t2))
	const order = " ORDER BY SystemModstamp ASC, Id ASC LIMIT 10"
	for _, tc := range []struct {
		query   string
		floor   time.Time // zero: none
		byStamp bool
	}{
		{"WHERE SystemModstamp >= " + soqlTime(t1) + order, t1, true},
		{"WHERE SystemModstamp > " + soqlTime(t1) + order, t1, true},
		{"WHERE SystemModstamp = " + soqlTime(t1) + order, t1, true},
		{"WHERE systemmodstamp >= " + soqlTime(t1) + order, t1, true},
		{"WHERE Contact.SystemModstamp >= " + soqlTime(t1) + order, t1, true},
		{"WHERE SystemModstamp < " + soqlTime(t1) + order, time.Time{}, true},
		{"WHERE SystemModstamp <= " + soqlTime(t1) + order, time.Time{}, true},
		{"WHERE SystemModstamp != " + soqlTime(t1) + order, time.Time{}, true},
		{"WHERE SystemModstamp = null" + order, time.Time{}, true},
		{"WHERE SystemModstamp IN (" + soqlTime(t1) + ")" + order, time.Time{}, true},
		{"WHERE NOT (SystemModstamp < " + soqlTime(t1) + ")" + order, time.Time{}, true},
		{"WHERE Account.SystemModstamp >= " + soqlTime(t1) + order, time.Time{}, true},
		{"WHERE LastModifiedDate >= " + soqlTime(t1) + order, time.Time{}, true},
		{"WHERE SystemModstamp >= " + soqlTime(t2) + " AND SystemModstamp >= " + soqlTime(t1) + order, t2, true},
		{"WHERE (LastName = 'x') AND SystemModstamp >= " + soqlTime(t1) + order, t1, true},
		{"WHERE " + keyset + order, t2, true},
		{"WHERE (LastName = 'x') AND SystemModstamp >= " + soqlTime(t1) + " AND " + keyset + order, t2, true},
		{"WHERE SystemModstamp > " + soqlTime(t2) + " OR SystemModstamp > " + soqlTime(t1) + order, t1, true},
		{"WHERE SystemModstamp > " + soqlTime(t2) + " OR LastName = 'x'" + order, time.Time{}, true},
		{"ORDER BY SystemModstamp, Id", time.Time{}, true},
		{"ORDER BY SystemModstamp, Id NULLS LAST", time.Time{}, true},
		{"WHERE " + keyset + " ORDER BY SystemModstamp", t2, false},
		{"WHERE " + keyset + " ORDER BY SystemModstamp DESC, Id", t2, false},
		{"WHERE " + keyset + " ORDER BY SystemModstamp, Id DESC", t2, false},
		{"WHERE " + keyset + " ORDER BY SystemModstamp NULLS LAST, Id", t2, false},
		{"WHERE " + keyset + " ORDER BY SystemModstamp, Id, LastName", t2, false},
		{"WHERE " + keyset + " ORDER BY Account.SystemModstamp, Id", t2, false},
		{"WHERE " + keyset + " ORDER BY Id", t2, false},
		{"WHERE " + keyset, t2, false},
		{"WHERE LastName = 'x'", time.Time{}, false},
	} {
		t.Run(tc.query, func(t *testing.T) {
			p := compileQuery(t, s, "SELECT Id FROM Contact "+tc.query)
			assert.Equal(t, !tc.floor.IsZero(), p.hasFloor)
			if !tc.floor.IsZero() {
				assert.Equal(t, tc.floor.UnixNano(), p.floor)
			}
			assert.Equal(t, tc.byStamp, p.byStamp)
		})
	}
	for _, tc := range []struct {
		where   string
		byStamp bool
	}{
		{"WHERE SystemModstamp >= " + soqlTime(t1), true},
		{"WHERE " + keyset + " LIMIT 5 OFFSET 2", true},
		{"WHERE LastName = 'x'", false},
		{"", false},
	} {
		t.Run("COUNT "+tc.where, func(t *testing.T) {
			assert.Equal(t, tc.byStamp, compileQuery(t, s, "SELECT COUNT() FROM Contact "+tc.where).byStamp)
		})
	}
}

// stampWorld is a random org of contacts with few distinct SystemModstamps
// (so ties are common), Ids not in insertion order, some rows deleted, and
// a clock inside the seeded stamps so that writes land among them.
type stampWorld struct {
	rng *rand.Rand
	now time.Time
	srv *Server
}

var lastNames = []string{"Lee", "Moss", "Mann", "Diaz"}

func newStampWorld(seedN uint64) *stampWorld {
	w := &stampWorld{rng: rand.New(rand.NewPCG(seedN, 0)), now: stampBase.Add(20 * time.Second)}
	var data seed.Salesforce
	for i := 1; i <= 3; i++ {
		data.Accounts = append(data.Accounts, seed.Record{"Id": sfid.New(sfid.PrefixAccount, uint64(i)), "Name": fmt.Sprintf("Account %d", i),
			"SystemModstamp": stampBase})
	}
	taken := map[uint64]bool{}
	for range w.rng.IntN(300) {
		n := uint64(w.rng.IntN(1_000_000) + 1)
		if taken[n] {
			continue
		}
		taken[n] = true
		stamp := stampBase.Add(time.Duration(w.rng.IntN(40))*time.Second + time.Duration(w.rng.IntN(2))*500*time.Millisecond)
		r := seed.Record{"Id": sfid.New(sfid.PrefixContact, n), "LastName": lastNames[w.rng.IntN(len(lastNames))],
			"SystemModstamp": stamp, "CreatedDate": stamp, "LastModifiedDate": stamp, "IsDeleted": w.rng.IntN(5) == 0}
		if w.rng.IntN(2) == 0 {
			r["Email"] = fmt.Sprintf("c%d@example.com", n)
		}
		if w.rng.IntN(2) == 0 {
			r["AccountId"] = sfid.New(sfid.PrefixAccount, uint64(w.rng.IntN(3)+1))
		}
		data.Contacts = append(data.Contacts, r)
	}
	w.srv = New(Config{Now: func() time.Time { return w.now }}, data)
	return w
}

func oneOf[T any](rng *rand.Rand, xs ...T) T { return xs[rng.IntN(len(xs))] }

// position is a keyset cursor: a row's own (SystemModstamp, Id), or a
// stamp and an Id that match no row together.
func (w *stampWorld) position() (time.Time, string) {
	st := w.srv.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	rows := st.tables["Contact"].rows
	stamp := stampBase.Add(time.Duration(w.rng.IntN(50)) * 500 * time.Millisecond)
	id := sfid.New(sfid.PrefixContact, uint64(w.rng.IntN(1_000_000)+1))
	if len(rows) > 0 && w.rng.IntN(3) > 0 {
		r := rows[w.rng.IntN(len(rows))]
		stamp = r.f["SystemModstamp"].(time.Time)
		if w.rng.IntN(4) > 0 {
			id = r.id()
		}
	}
	return stamp, id
}

// query is a random query: mostly the worker's keyset page in its
// variants, sometimes a COUNT, an ORDER BY or a WHERE the stamp order
// must not answer.
func (w *stampWorld) query() string {
	var where []string
	if w.rng.IntN(2) == 0 {
		where = append(where, "("+oneOf(w.rng, "LastName = 'Lee'", "LastName LIKE 'M%' OR Email = null",
			"NOT (LastName = 'Moss')", "IsDeleted = true", "Account.Name != null",
			"SystemModstamp < "+soqlTime(stampBase.Add(25*time.Second)), "SystemModstamp > "+soqlTime(stampBase.Add(30*time.Second))+" OR LastName = 'Diaz'",
			"SystemModstamp > "+soqlTime(stampBase.Add(30*time.Second))+" OR SystemModstamp = "+soqlTime(stampBase.Add(10*time.Second)))+")")
	}
	if w.rng.IntN(2) == 0 {
		stamp, _ := w.position()
		where = append(where, "SystemModstamp >= "+soqlTime(stamp.Add(time.Duration(w.rng.IntN(3)-1)*time.Millisecond)))
	}
	if w.rng.IntN(4) > 0 {
		stamp, id := w.position()
		where = append(where, fmt.Sprintf("(SystemModstamp > %s OR (SystemModstamp = %s AND Id > '%s'))", soqlTime(stamp), soqlTime(stamp), id))
	}
	if w.rng.IntN(8) == 0 {
		stamp, _ := w.position()
		where = append(where, "SystemModstamp = "+soqlTime(stamp))
	}
	q := "SELECT Id, LastName, Email, Account.Name, SystemModstamp FROM Contact"
	count := w.rng.IntN(6) == 0
	if count {
		q = "SELECT COUNT() FROM Contact"
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if !count {
		q += oneOf(w.rng, " ORDER BY SystemModstamp ASC, Id ASC", " ORDER BY SystemModstamp ASC, Id ASC", " ORDER BY SystemModstamp, Id",
			" ORDER BY SystemModstamp", " ORDER BY SystemModstamp DESC, Id", " ORDER BY SystemModstamp NULLS LAST, Id", " ORDER BY Id", " ORDER BY LastName, Id", "")
	}
	q += oneOf(w.rng, " LIMIT 2000", " LIMIT 2000", " LIMIT 1", " LIMIT 7", " LIMIT 50", "")
	if w.rng.IntN(4) == 0 {
		q += oneOf(w.rng, " OFFSET 0", " OFFSET 3", " OFFSET 20")
	}
	return q
}

// write changes the org as the API would: an update, a delete, a create,
// or a create or delete rolled back (allOrNone), the clock moving on by
// nothing, half a second or a second so that writes tie with each other
// and with seeded rows.
func (w *stampWorld) write() {
	w.now = w.now.Add(time.Duration(w.rng.IntN(3)) * 500 * time.Millisecond)
	st := w.srv.store
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.tables["Contact"]
	now := w.srv.now()
	var live []*record
	for _, r := range t.rows {
		if !r.deleted() {
			live = append(live, r)
		}
	}
	switch op := w.rng.IntN(5); {
	case op == 0 || len(live) == 0:
		st.create(t, map[string]any{"LastName": oneOf(w.rng, lastNames...)}, now)
	case op == 1:
		st.update(t, live[w.rng.IntN(len(live))], map[string]any{"LastName": oneOf(w.rng, lastNames...)}, now)
	case op == 2:
		st.softDelete(t, live[w.rng.IntN(len(live))], now, nil)
	case op == 3:
		_, undo := st.create(t, map[string]any{"LastName": "Lee"}, now)
		undo()
	default:
		var log undoLog
		st.softDelete(t, live[w.rng.IntN(len(live))], now, &log)
		log.undo()
	}
}

// Whatever the table, the query and the writes before it, a query read in
// stamp order answers exactly as the scan of every row does.
func TestStampOrderAnswersAsTheScan(t *testing.T) {
	byStamp, total := 0, 0
	for seedN := range uint64(40) {
		w := newStampWorld(seedN)
		for range 40 {
			if w.rng.IntN(3) == 0 {
				for range w.rng.IntN(4) + 1 {
					w.write()
				}
			}
			q := w.query()
			p := compileQuery(t, w.srv, q)
			all := w.rng.IntN(2) == 0
			wantRows, wantCount := w.srv.scan(p, all)
			gotRows, gotCount := w.srv.run(p, all)
			assert.Equal(t, wantCount, gotCount, "seed %d, all %v: %s", seedN, all, q)
			// No rows renders the same whether the slice is nil or empty.
			if len(wantRows) > 0 || len(gotRows) > 0 {
				assert.Equal(t, wantRows, gotRows, "seed %d, all %v: %s", seedN, all, q)
			}
			total++
			if p.byStamp {
				byStamp++
			}
		}
	}
	// Most queries are the worker's page, or a COUNT with a floor.
	assert.Greater(t, byStamp, total/3, "queries read in stamp order")
	assert.Less(t, byStamp, total, "queries left to the scan")
}

// Pages read while rows are written see a consistent order (run with
// -race: the rebuild is shared by concurrent readers).
func TestStampOrderUnderConcurrentWrites(t *testing.T) {
	w := newStampWorld(7)
	var mu sync.Mutex
	write := func() {
		mu.Lock()
		defer mu.Unlock()
		w.write()
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := compileQuery(t, w.srv, "SELECT Id, SystemModstamp FROM Contact WHERE SystemModstamp >= "+soqlTime(stampBase)+
				" ORDER BY SystemModstamp, Id LIMIT 20")
			for range 100 {
				rows, _ := w.srv.run(p, true)
				for i := 1; i < len(rows); i++ {
					a, b := rows[i-1].vals[1].(time.Time), rows[i].vals[1].(time.Time)
					assert.True(t, a.Before(b) || a.Equal(b) && rows[i-1].id < rows[i].id, "row %d out of order", i)
				}
			}
		}()
	}
	for range 200 {
		write()
	}
	wg.Wait()
}
