package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/zendesk"
)

func user(id int64, externalID, name, email string, org int64) zendesk.User {
	u := zendesk.User{ID: id, ExternalID: externalID, Name: name, Email: email}
	if org != 0 {
		u.OrganizationID = &org
	}
	return u
}

func rejection(id, reason string) activities.Rejection {
	return activities.Rejection{Pair: "contacts", Side: record.Zendesk, SalesforceID: id, Reason: reason}
}

func TestVerify(t *testing.T) {
	ann := contact{ID: "003A", FirstName: " Ann", LastName: "Lee ", Email: " Ann@Example.com", AccountID: "001X"}
	bob := contact{ID: "003B", FirstName: "Bob", LastName: "Ray", Email: "bob@example.com"}
	twinA := contact{ID: "003C", FirstName: "Cy", LastName: "One", Email: "twin@example.com"}
	twinB := contact{ID: "003D", FirstName: "Di", LastName: "Two", Email: "TWIN@example.com "}
	bad := contact{ID: "003E", FirstName: "Ed", LastName: "Bad", Email: "ed@@example.com"}
	gone := contact{ID: "003F", FirstName: "Fay", LastName: "Gone", Email: "fay@example.com", Deleted: true}
	// A deleted contact shares the twins' email: it must not make them
	// duplicates, nor be expected in Zendesk.
	ghost := contact{ID: "003G", FirstName: "Gil", LastName: "Ghost", Email: "bob@example.com", Deleted: true}
	noMail := contact{ID: "003H", FirstName: "Hal", LastName: "Quiet"}

	orgs := map[string][]int64{"001x": {77}}
	good := map[string][]zendesk.User{
		"003a": {user(1, "003A", "Ann Lee", "ann@example.com", 77)},
		"003b": {user(2, "003B", "Bob Ray", "bob@example.com", 0)},
		"003h": {user(3, "003H", "Hal Quiet", "", 0)},
	}
	goodRejected := map[string]activities.Rejection{
		"003C": rejection("003C", "duplicate email: also on Salesforce contact 003D"),
		"003D": rejection("003D", "duplicate email: also on Salesforce contact 003C"),
		"003E": rejection("003E", "email: invalid"),
	}
	all := []contact{ann, bob, twinA, twinB, bad, gone, ghost, noMail}

	with := func(users map[string][]zendesk.User, id string, us ...zendesk.User) map[string][]zendesk.User {
		out := map[string][]zendesk.User{}
		for k, v := range users {
			out[k] = v
		}
		if us == nil {
			delete(out, id)
		} else {
			out[id] = us
		}
		return out
	}
	without := func(rej map[string]activities.Rejection, id string) map[string]activities.Rejection {
		out := map[string]activities.Rejection{}
		for k, v := range rej {
			if k != id {
				out[k] = v
			}
		}
		return out
	}

	tests := []struct {
		name     string
		contacts []contact
		obs      observed
		want     tally
		problem  string
	}{
		{
			name: "clean run", contacts: all,
			obs:  observed{Users: good, Orgs: orgs, Rejected: goodRejected},
			want: tally{Contacts: 8, Deleted: 2, Written: 3, Rejected: 3},
		},
		{
			name: "lost contact", contacts: all,
			obs:     observed{Users: with(good, "003b"), Orgs: orgs, Rejected: goodRejected},
			want:    tally{Contacts: 8, Deleted: 2, Written: 2, Rejected: 3, Lost: 1},
			problem: "lost: contact 003B",
		},
		{
			name: "valid contact rejected is reported, not lost", contacts: all,
			obs: observed{Users: with(good, "003b"), Orgs: orgs,
				Rejected: map[string]activities.Rejection{"003B": rejection("003B", "Zendesk refused the user: name"),
					"003C": goodRejected["003C"], "003D": goodRejected["003D"], "003E": goodRejected["003E"]}},
			want: tally{Contacts: 8, Deleted: 2, Written: 2, Rejected: 4, RejectedOther: 1},
		},
		{
			name: "contact written twice", contacts: all,
			obs: observed{Users: with(good, "003b", user(2, "003B", "Bob Ray", "bob@example.com", 0),
				user(9, "003b", "Bob Ray", "bob2@example.com", 0)), Orgs: orgs, Rejected: goodRejected},
			want:    tally{Contacts: 8, Deleted: 2, Written: 2, Rejected: 3, Duplicated: 1},
			problem: "duplicated: contact 003B is 2 Zendesk users",
		},
		{
			name: "wrong name", contacts: all,
			obs:     observed{Users: with(good, "003b", user(2, "003B", "Bobby Ray", "bob@example.com", 0)), Orgs: orgs, Rejected: goodRejected},
			want:    tally{Contacts: 8, Deleted: 2, Written: 2, Rejected: 3, Wrong: 1},
			problem: `name "Bobby Ray", want "Bob Ray"`,
		},
		{
			name: "wrong email", contacts: all,
			obs:     observed{Users: with(good, "003b", user(2, "003B", "Bob Ray", "robert@example.com", 0)), Orgs: orgs, Rejected: goodRejected},
			want:    tally{Contacts: 8, Deleted: 2, Written: 2, Rejected: 3, Wrong: 1},
			problem: "email",
		},
		{
			name: "missing organization", contacts: all,
			obs:     observed{Users: with(good, "003a", user(1, "003A", "Ann Lee", "ann@example.com", 0)), Orgs: orgs, Rejected: goodRejected},
			want:    tally{Contacts: 8, Deleted: 2, Written: 2, Rejected: 3, Wrong: 1},
			problem: "organization 0, want 77",
		},
		{
			name: "account without organization leaves membership open", contacts: all,
			obs:  observed{Users: with(good, "003a", user(1, "003A", "Ann Lee", "ann@example.com", 0)), Orgs: map[string][]int64{}, Rejected: goodRejected},
			want: tally{Contacts: 8, Deleted: 2, Written: 3, Rejected: 3},
		},
		{
			name: "duplicate email not reported", contacts: all,
			obs:     observed{Users: good, Orgs: orgs, Rejected: without(goodRejected, "003D")},
			want:    tally{Contacts: 8, Deleted: 2, Written: 3, Rejected: 2, UnreportedInvalid: 1},
			problem: "unreported_invalid: contact 003D",
		},
		{
			name: "invalid email not reported", contacts: all,
			obs:     observed{Users: good, Orgs: orgs, Rejected: without(goodRejected, "003E")},
			want:    tally{Contacts: 8, Deleted: 2, Written: 3, Rejected: 2, UnreportedInvalid: 1},
			problem: "unreported_invalid: contact 003E",
		},
		{
			name: "rejected contact written anyway", contacts: all,
			obs:     observed{Users: with(good, "003c", user(5, "003C", "Cy One", "twin@example.com", 0)), Orgs: orgs, Rejected: goodRejected},
			want:    tally{Contacts: 8, Deleted: 2, Written: 3, Rejected: 3, Wrong: 1},
			problem: "wrong: rejected contact 003C",
		},
		{
			name: "deleted contact synced", contacts: all,
			obs:     observed{Users: with(good, "003f", user(6, "003F", "Fay Gone", "fay@example.com", 0)), Orgs: orgs, Rejected: goodRejected},
			want:    tally{Contacts: 8, Deleted: 2, Written: 3, Rejected: 3, Wrong: 1},
			problem: "wrong: deleted contact 003F",
		},
		{
			name: "nothing synced", contacts: all,
			obs:     observed{Users: map[string][]zendesk.User{}, Orgs: orgs, Rejected: map[string]activities.Rejection{}},
			want:    tally{Contacts: 8, Deleted: 2, Lost: 3, UnreportedInvalid: 3},
			problem: "lost",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := verify(tt.contacts, tt.obs)
			problems := got.Problems
			got.Problems, got.OtherReasons = nil, nil
			assert.Equal(t, tt.want, got)
			failing := tt.want.Lost+tt.want.Duplicated+tt.want.Wrong+tt.want.UnreportedInvalid > 0
			assert.Equal(t, failing, verify(tt.contacts, tt.obs).failed())
			if tt.problem == "" {
				assert.Empty(t, problems)
				return
			}
			require.NotEmpty(t, problems)
			assert.Contains(t, problems[0], tt.problem)
		})
	}
}

func TestVerifyCapsProblems(t *testing.T) {
	var contacts []contact
	for i := range maxProblems + 5 {
		contacts = append(contacts, contact{ID: string(rune('a'+i%26)) + string(rune('A'+i/26)), FirstName: "N"})
	}
	got := verify(contacts, observed{})
	assert.Equal(t, maxProblems+5, got.Lost)
	assert.Len(t, got.Problems, maxProblems)
}

func TestVerifyCountsOtherReasons(t *testing.T) {
	contacts := []contact{{ID: "1", FirstName: "A"}, {ID: "2", FirstName: "B"}, {ID: "3", FirstName: "C"}}
	got := verify(contacts, observed{Rejected: map[string]activities.Rejection{
		"1": rejection("1", "Zendesk refused the user: name: too long"),
		"2": rejection("2", "Zendesk refused the user: name: blank"),
		"3": rejection("3", "title: longer than 124"),
	}})
	assert.Equal(t, map[string]int{"Zendesk refused the user": 2, "title": 1}, got.OtherReasons)
	assert.Equal(t, 3, got.RejectedOther)
	assert.False(t, got.failed())
}

func TestVerifyTickets(t *testing.T) {
	var v tally
	verifyTickets([]int64{1, 2, 3}, map[int64]int{1: 1, 3: 2, 9: 1}, &v)
	assert.Equal(t, 3, v.Tickets)
	assert.Equal(t, 1, v.TicketsLost, "ticket 2 has no case")
	assert.Equal(t, 1, v.TicketsDuplicated, "ticket 3 has two")
	assert.True(t, v.failed())
	var ok tally
	verifyTickets([]int64{1}, map[int64]int{1: 1}, &ok)
	assert.False(t, ok.failed())
}

func TestVerifyComments(t *testing.T) {
	var v tally
	want := map[int64]map[string]int{1: {"a": 2, "b": 1}, 2: {"c": 1}}
	got := map[int64]map[string]int{1: {"a": 1, "b": 2}, 2: {"c": 1}}
	verifyComments(want, got, &v)
	assert.Equal(t, 4, v.Comments)
	assert.Equal(t, 1, v.CommentsLost, "one copy of a is missing")
	assert.Equal(t, 1, v.CommentsDuplicated, "b is copied twice")
	assert.True(t, v.failed())
	var ok tally
	verifyComments(want, map[int64]map[string]int{1: {"a": 2, "b": 1}, 2: {"c": 1}}, &ok)
	assert.False(t, ok.failed())
}
