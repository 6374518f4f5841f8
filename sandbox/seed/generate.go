package seed

import (
	"math/rand"
	"strconv"
	"strings"
	"time"
)

// history is how far back generated records were created.
const historyYears = 2

// defaultNow anchors the history when Options.Now is zero, so that even then
// the output does not depend on the wall clock.
var defaultNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate builds the dataset for opts. The same Options always give the same
// data: every choice comes from one source seeded with opts.Seed, records are
// produced in slice order, and time is read only from opts.Now.
func Generate(opts Options) *Dataset {
	g := newGenerator(opts)
	sf := g.salesforce(opts)
	zd := g.zendesk(opts, sf)
	l := g.later(opts.Seed)
	sf.CaseComments = l.sfCaseComments(sf.Cases, sf.Users)
	sf.Users = append(sf.Users, l.sfFormerUser(sf.Users))
	return &Dataset{Salesforce: sf, Zendesk: zd}
}

// generator carries the state shared by every part of one generation run.
type generator struct {
	rng        *rand.Rand
	now, start time.Time
	// emails and companies hold the keys already used, so that
	// duplicates only appear where they are put on purpose.
	emails    map[string]bool
	companies map[string]bool
	domains   []string // per account index, "" when it has no website
}

func newGenerator(opts Options) *generator {
	now := opts.Now
	if now.IsZero() {
		now = defaultNow
	}
	now = now.UTC().Truncate(time.Second)
	return &generator{
		rng:       rand.New(rand.NewSource(opts.Seed)),
		now:       now,
		start:     now.AddDate(-historyYears, 0, 0),
		emails:    map[string]bool{},
		companies: map[string]bool{},
	}
}

// created draws a creation time in the history window, in whole seconds.
func (g *generator) created() time.Time {
	return g.between(g.start, g.now)
}

// after draws a time in [t, now].
func (g *generator) after(t time.Time) time.Time {
	return g.between(t, g.now)
}

func (g *generator) between(from, to time.Time) time.Time {
	span := int64(to.Sub(from) / time.Second)
	if span <= 0 {
		return from
	}
	return from.Add(time.Duration(g.rng.Int63n(span+1)) * time.Second)
}

// stamp sets the audit fields every sObject carries. SystemModstamp moves
// with system changes too, so it sometimes runs a little ahead of
// LastModifiedDate.
func (g *generator) stamp(r Record, created time.Time) {
	modified := g.after(created)
	modstamp := modified
	if g.rng.Intn(4) == 0 {
		modstamp = g.between(modified, minTime(modified.Add(10*time.Minute), g.now))
	}
	r["CreatedDate"] = created
	r["LastModifiedDate"] = modified
	r["SystemModstamp"] = modstamp
	r["IsDeleted"] = false
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func (g *generator) pick(list []string) string { return list[g.rng.Intn(len(list))] }

func (g *generator) person(list []person) person { return list[g.rng.Intn(len(list))] }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// uniqueEmail returns local@domain, numbered when that address is taken, and
// marks it taken.
func (g *generator) uniqueEmail(local, domain string) string {
	if len(local) > 40 {
		local = local[:40]
	}
	email := local + "@" + domain
	for n := 2; g.emails[EmailKey(email)]; n++ {
		email = local + strconv.Itoa(n) + "@" + domain
	}
	g.emails[EmailKey(email)] = true
	return email
}

// company returns a company name no earlier call returned (compared trimmed
// and case-insensitively, as Zendesk compares organization names) and the
// host name its website would have.
func (g *generator) company() (name, host string) {
	for try := 0; ; try++ {
		head, tail := g.person(companyHeads), g.pick(companyTails)
		name = head.name + " " + tail
		if suffix := g.pick(companySuffixes); suffix != "" {
			name += " " + suffix
		}
		host = head.ascii + "-" + strings.ToLower(tail)
		if try >= 5 {
			name += " " + strconv.Itoa(len(g.companies)+1)
			host += strconv.Itoa(len(g.companies) + 1)
		}
		key := strings.ToLower(strings.TrimSpace(name))
		if !g.companies[key] {
			g.companies[key] = true
			return name, host + "." + g.pick(tlds)
		}
	}
}

// str turns an empty string into nil, as Salesforce answers an empty text
// field with null.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (g *generator) phone() string {
	return "+" + strconv.Itoa(1+g.rng.Intn(98)) + " " + strconv.Itoa(100+g.rng.Intn(900)) +
		" " + strconv.Itoa(1000000+g.rng.Intn(9000000))
}
