package seed

import (
	"math/rand"
	"strings"
	"time"

	"github.com/crmsync/crmsync/sandbox/sfid"
)

// laterSalt seeds the source of what was added to the generator after its
// first release (case comments, a former user): drawing them from the main
// source would have changed every record generated after them.
const laterSalt = 0x5eed_c0de

// later returns a generator for those additions: the same clock and the
// same taken keys, a source of its own.
func (g *generator) later(seed int64) *generator {
	l := *g
	l.rng = rand.New(rand.NewSource(seed ^ laterSalt))
	return &l
}

// CaseCommentBytes is how long a CaseComment body may be, in UTF-8 bytes.
const CaseCommentBytes = 4000

// sfCaseComments gives most cases a few comments, written by a user of the
// org between the case's creation and its last change; some are published
// (visible to the customer), and one is as long as Salesforce allows, in
// multi-byte text, so that a limit counted in characters is caught.
func (g *generator) sfCaseComments(cases, users []Record) []Record {
	var comments []Record
	for _, c := range cases {
		created := c["CreatedDate"].(time.Time)
		modified := c["LastModifiedDate"].(time.Time)
		for range g.rng.Intn(4) {
			at := g.between(created, modified)
			r := Record{
				"Id":                     sfid.New(sfid.PrefixCaseComment, uint64(len(comments)+1)),
				"ParentId":               c["Id"],
				"CommentBody":            g.pick(bodies),
				"IsPublished":            g.chance(0.6),
				"IsNotificationSelected": false,
				"CreatedById":            users[g.rng.Intn(len(users))]["Id"],
				"CreatedDate":            at,
				"LastModifiedDate":       at,
				"SystemModstamp":         at,
				"IsDeleted":              false,
			}
			comments = append(comments, r)
		}
	}
	if len(comments) > 0 {
		// "お" is three bytes: 1333 of them are 3999 bytes, a character
		// count far under the limit.
		comments[0]["CommentBody"] = strings.Repeat("お", (CaseCommentBytes-1)/3)
	}
	return comments
}

// sfFormerUser is a deactivated user who shares the address of the first
// user, as a re-hired or renamed account leaves it: Email is not unique in
// Salesforce, so an assignee lookup must ask for IsActive = true.
func (g *generator) sfFormerUser(users []Record) Record {
	first := users[0]
	email := first["Email"].(string)
	r := Record{
		"Id":        sfid.New(sfid.PrefixUser, uint64(len(users)+1)),
		"Username":  "former." + email,
		"Email":     email,
		"FirstName": first["FirstName"],
		"LastName":  first["LastName"],
		"Name":      first["Name"],
		"Alias":     first["Alias"],
		"IsActive":  false,
		"Title":     "Support Agent",
	}
	g.stamp(r, g.created())
	return r
}
