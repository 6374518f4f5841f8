package zendesk

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/crmsync/crmsync/sandbox/seed"
)

// store is the account's records with the indexes lookups need. It is not
// safe for concurrent use; Server guards it with one RWMutex.
type store struct {
	users       map[int64]*user
	userIDs     []int64 // ascending, the list order
	userByEmail map[string]int64
	userByExtID map[string]int64
	orgs        map[int64]*organization
	orgIDs      []int64
	orgByName   map[string]int64
	orgByExtID  map[string]int64
	// deletedOrgs are out of every read but the export, which still
	// reports them, with deleted_at.
	deletedOrgs map[int64]*organization
	tickets     map[int64]*ticket
	ticketIDs   []int64
	// deletedTickets are out of every read but the exports, which report
	// them with status "deleted".
	deletedTickets map[int64]*ticket
	nextUserID     int64
	nextOrgID      int64
	nextTicketID   int64
	// nextEvent numbers comments, audits and their events, one sequence
	// as in Zendesk, where a comment is an audit's event.
	nextEvent int64
	// apiUserID is the user the API token belongs to: the author of
	// comments that name none, and of every audit.
	apiUserID int64
}

// newStore loads data; apiEmail is the API user's address.
func newStore(data seed.Zendesk, apiEmail string) *store {
	s := &store{
		users:          make(map[int64]*user, len(data.Users)),
		userByEmail:    make(map[string]int64, len(data.Users)),
		userByExtID:    make(map[string]int64, len(data.Users)),
		orgs:           make(map[int64]*organization, len(data.Organizations)),
		orgByName:      make(map[string]int64, len(data.Organizations)),
		orgByExtID:     make(map[string]int64, len(data.Organizations)),
		deletedOrgs:    map[int64]*organization{},
		tickets:        make(map[int64]*ticket, len(data.Tickets)),
		deletedTickets: map[int64]*ticket{},
	}
	for _, o := range data.Organizations {
		s.putOrg(nil, orgFromSeed(o))
	}
	for _, u := range data.Users {
		s.putUser(nil, userFromSeed(u))
	}
	for _, t := range data.Tickets {
		tk := ticketFromSeed(t)
		for _, c := range tk.Comments {
			s.nextEvent = max(s.nextEvent, c.ID)
		}
		s.putTicket(tk)
	}
	slices.Sort(s.userIDs)
	slices.Sort(s.orgIDs)
	slices.Sort(s.ticketIDs)
	s.apiUserID = s.ensureAPIUser(apiEmail, data.Users)
	for _, id := range s.ticketIDs {
		tk := s.tickets[id]
		// Seeds may leave comment ids unset; the API always has them.
		for i := range tk.Comments {
			if tk.Comments[i].ID == 0 {
				s.nextEvent++
				tk.Comments[i].ID = s.nextEvent
			}
		}
		s.seedAudits(tk)
	}
	return s
}

// ensureAPIUser returns the active user with the API user's address. A
// real account always has that user, so a seed without it gets one: an
// admin as old as the oldest seeded user.
func (s *store) ensureAPIUser(email string, seeded []seed.User) int64 {
	if u, ok := s.userByKey("email", email); ok {
		return u.ID
	}
	since := time.Unix(0, 0).UTC()
	for i, u := range seeded {
		if i == 0 || u.CreatedAt.Before(since) {
			since = u.CreatedAt
		}
	}
	u := &user{ID: s.nextUserID + 1, Name: "API User", Email: email, Role: "admin", Active: true, Verified: true,
		CreatedAt: since, UpdatedAt: since}
	s.putUser(nil, u)
	return u.ID
}

func key(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// putUser stores u, replacing old (nil for a new record), and keeps the
// indexes in step. A deleted user leaves the indexes so that its email and
// external_id can be used again.
func (s *store) putUser(old, u *user) {
	if old != nil {
		if old.Email != "" && s.userByEmail[key(old.Email)] == old.ID {
			delete(s.userByEmail, key(old.Email))
		}
		if old.ExternalID != "" && s.userByExtID[key(old.ExternalID)] == old.ID {
			delete(s.userByExtID, key(old.ExternalID))
		}
	} else {
		s.userIDs = append(s.userIDs, u.ID)
		s.nextUserID = max(s.nextUserID, u.ID)
	}
	if u.Active {
		if u.Email != "" {
			s.userByEmail[key(u.Email)] = u.ID
		}
		if u.ExternalID != "" {
			s.userByExtID[key(u.ExternalID)] = u.ID
		}
	}
	s.users[u.ID] = u
}

func (s *store) putOrg(old, o *organization) {
	if old != nil {
		if s.orgByName[key(old.Name)] == old.ID {
			delete(s.orgByName, key(old.Name))
		}
		if old.ExternalID != "" && s.orgByExtID[key(old.ExternalID)] == old.ID {
			delete(s.orgByExtID, key(old.ExternalID))
		}
	} else {
		s.orgIDs = append(s.orgIDs, o.ID)
		s.nextOrgID = max(s.nextOrgID, o.ID)
	}
	s.orgByName[key(o.Name)] = o.ID
	if o.ExternalID != "" {
		s.orgByExtID[key(o.ExternalID)] = o.ID
	}
	s.orgs[o.ID] = o
}

func (s *store) putTicket(t *ticket) {
	if _, ok := s.tickets[t.ID]; !ok {
		s.ticketIDs = append(s.ticketIDs, t.ID)
		s.nextTicketID = max(s.nextTicketID, t.ID)
	}
	s.tickets[t.ID] = t
}

func (s *store) userByKey(field, value string) (*user, bool) {
	idx := s.userByEmail
	if field == "external_id" {
		idx = s.userByExtID
	}
	id, ok := idx[key(value)]
	if !ok {
		return nil, false
	}
	return s.users[id], true
}

func (s *store) orgByExternalID(ext string) (*organization, bool) {
	id, ok := s.orgByExtID[key(ext)]
	if !ok {
		return nil, false
	}
	return s.orgs[id], true
}

// jsonEqual compares custom field maps as their JSON, so that a seeded int
// and the float64 a request decodes to count as the same value.
func jsonEqual(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	if reflect.DeepEqual(a, b) {
		return true
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}
