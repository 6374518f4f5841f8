package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/zendesk"
)

// contact is what the check needs of one Salesforce contact, as read back
// from the Salesforce API.
type contact struct {
	ID        string
	FirstName string
	LastName  string
	Email     string
	AccountID string
	Deleted   bool
}

// observed is the end state read back after the sync: Zendesk users and
// organizations grouped by lower-cased external id (so duplicates show),
// and every rejection named in the workflow history, by Salesforce Id.
type observed struct {
	Users    map[string][]zendesk.User
	Orgs     map[string][]int64
	Rejected map[string]activities.Rejection
}

// tally is the verdict. Lost, Duplicated, Wrong and UnreportedInvalid must
// all be zero for the run to pass.
type tally struct {
	Contacts          int
	Deleted           int
	Written           int
	Rejected          int
	RejectedOther     int // rejected although the email was neither invalid nor shared
	Lost              int
	Duplicated        int
	Wrong             int
	UnreportedInvalid int
	// Tickets counts live tickets; each must have exactly one case.
	Tickets           int
	TicketsLost       int
	TicketsDuplicated int
	// Comments counts public ticket comments; each must be on its case once.
	Comments           int
	CommentsLost       int
	CommentsDuplicated int
	// Problems names the offending records, at most maxProblems of them.
	Problems []string
	// OtherReasons counts the reasons of RejectedOther, for the report.
	OtherReasons map[string]int
}

const maxProblems = 20

func (t *tally) problem(format string, args ...any) {
	if len(t.Problems) < maxProblems {
		t.Problems = append(t.Problems, fmt.Sprintf(format, args...))
	}
}

// failed reports whether the end state breaks a promise of the sync.
func (t tally) failed() bool {
	return t.Lost+t.Duplicated+t.Wrong+t.UnreportedInvalid+t.TicketsLost+t.TicketsDuplicated+t.CommentsLost+t.CommentsDuplicated > 0
}

// verify compares every Salesforce contact with what reached Zendesk. A
// contact whose email is invalid or shared with another live contact must
// be rejected; any other contact must be one Zendesk user with its name,
// email and organization, or be rejected with a reason.
func verify(contacts []contact, obs observed) tally {
	t := tally{Contacts: len(contacts), OtherReasons: map[string]int{}}
	holders := map[string]int{}
	for _, c := range contacts {
		if k := seed.EmailKey(c.Email); !c.Deleted && k != "" {
			holders[k]++
		}
	}
	sorted := append([]contact(nil), contacts...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, c := range sorted {
		users := obs.Users[strings.ToLower(c.ID)]
		if c.Deleted {
			t.Deleted++
			if len(users) > 0 {
				t.Wrong++
				t.problem("wrong: deleted contact %s is in Zendesk as user %d", c.ID, users[0].ID)
			}
			continue
		}
		key := seed.EmailKey(c.Email)
		invalid := key != "" && (holders[key] > 1 || !seed.ZendeskEmailValid(key))
		rej, rejected := obs.Rejected[c.ID]
		switch {
		case invalid && !rejected:
			t.UnreportedInvalid++
			t.problem("unreported_invalid: contact %s (email %q, %d holders) is not in the rejected records", c.ID, key, holders[key])
		case rejected:
			t.Rejected++
			if !invalid {
				t.RejectedOther++
				t.OtherReasons[reasonKind(rej.Reason)]++
			}
			if len(users) > 0 {
				t.Wrong++
				t.problem("wrong: rejected contact %s (%s) is in Zendesk as user %d", c.ID, rej.Reason, users[0].ID)
			}
		case len(users) == 0:
			t.Lost++
			t.problem("lost: contact %s is neither in Zendesk nor rejected", c.ID)
		case len(users) > 1:
			t.Duplicated++
			t.problem("duplicated: contact %s is %d Zendesk users", c.ID, len(users))
		default:
			if why := mismatch(c, users[0], obs.Orgs); why != "" {
				t.Wrong++
				t.problem("wrong: contact %s: %s", c.ID, why)
				continue
			}
			t.Written++
		}
	}
	return t
}

// mismatch names the first field of u that differs from what the default
// mapping makes of c, or "" when u is right.
func mismatch(c contact, u zendesk.User, orgs map[string][]int64) string {
	name := strings.TrimSpace(strings.TrimSpace(c.FirstName) + " " + strings.TrimSpace(c.LastName))
	if u.Name != name {
		return fmt.Sprintf("name %q, want %q", u.Name, name)
	}
	if got, want := strings.ToLower(u.Email), seed.EmailKey(c.Email); got != want {
		return fmt.Sprintf("email %q, want %q", got, want)
	}
	// Membership is only promised when the account became exactly one
	// organization; a rejected account leaves its contacts without one.
	if ids := orgs[strings.ToLower(c.AccountID)]; c.AccountID != "" && len(ids) == 1 {
		if u.OrganizationID == nil || *u.OrganizationID != ids[0] {
			return fmt.Sprintf("organization %d, want %d (account %s)", u.GetOrganizationID(), ids[0], c.AccountID)
		}
	}
	return ""
}

// reasonKind shortens a rejection reason to its leading words so that the
// same cause on many records counts once.
func reasonKind(reason string) string {
	kind, _, _ := strings.Cut(reason, ":")
	if len(kind) > 60 {
		kind = kind[:60]
	}
	return kind
}
