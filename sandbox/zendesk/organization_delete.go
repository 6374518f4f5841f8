package zendesk

import (
	"slices"
	"time"
)

// deleteOrg removes an organization. It leaves every read and index, so
// its name and external id are free again, but the export still reports it
// with deleted_at. Its users lose it, and so do its tickets that are not
// closed, as when a user is unassigned from an organization; a closed
// ticket cannot change and keeps it.
func (s *store) deleteOrg(id int64, now time.Time) outcome {
	old, ok := s.orgs[id]
	if !ok {
		return outcome{notFound: true}
	}
	o := *old
	o.DeletedAt, o.UpdatedAt = now, now
	s.dropOrg(old)
	s.deletedOrgs[id] = &o
	for _, uid := range s.userIDs {
		if u := s.users[uid]; u.OrganizationID == id {
			left := *u
			left.OrganizationID, left.UpdatedAt = 0, now
			s.putUser(u, &left)
		}
	}
	for _, tid := range s.ticketIDs {
		if t := s.tickets[tid]; t.OrganizationID == id && t.Status != "closed" {
			left := *t
			left.OrganizationID, left.UpdatedAt, left.Generated = 0, now, now
			s.putTicket(&left)
		}
	}
	return outcome{id: id}
}

// dropOrg takes o out of the records, the list order and the indexes.
func (s *store) dropOrg(o *organization) {
	delete(s.orgs, o.ID)
	if i := slices.Index(s.orgIDs, o.ID); i >= 0 {
		s.orgIDs = slices.Delete(s.orgIDs, i, i+1)
	}
	if s.orgByName[key(o.Name)] == o.ID {
		delete(s.orgByName, key(o.Name))
	}
	if o.ExternalID != "" && s.orgByExtID[key(o.ExternalID)] == o.ID {
		delete(s.orgByExtID, key(o.ExternalID))
	}
}
