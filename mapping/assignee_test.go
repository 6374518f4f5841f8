package mapping

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAssignDefault(t *testing.T) {
	cases := []struct {
		name     string
		def      string
		write    map[string]any
		assignee any
		want     map[string]any
	}{
		{"solving an unassigned ticket", "agent@example.com", map[string]any{"status": "solved"}, nil,
			map[string]any{"status": "solved", AssigneeEmail: "agent@example.com"}},
		{"closing it, by id", "42", map[string]any{"status": "closed"}, nil,
			map[string]any{"status": "closed", "assignee_id": float64(42)}},
		{"it has an assignee", "agent@example.com", map[string]any{"status": "solved"}, float64(7),
			map[string]any{"status": "solved"}},
		{"the write assigns it", "agent@example.com", map[string]any{"status": "solved", "assignee_id": float64(8)}, nil,
			map[string]any{"status": "solved", "assignee_id": float64(8)}},
		{"the write unassigns it", "agent@example.com", map[string]any{"status": "solved", "assignee_id": nil}, float64(7),
			map[string]any{"status": "solved", "assignee_id": nil, AssigneeEmail: "agent@example.com"}},
		{"not solving", "agent@example.com", map[string]any{"status": "open"}, nil, map[string]any{"status": "open"}},
		{"no default", "", map[string]any{"status": "solved"}, nil, map[string]any{"status": "solved"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &Pair{Kind: Ticket, DefaultAssignee: c.def}
			p.AssignDefault(c.write, c.assignee)
			assert.Equal(t, c.want, c.write)
		})
	}
}

func TestValidateDefaultAssignee(t *testing.T) {
	cases := []struct {
		kind, value, err string
	}{
		{Ticket, "agent@example.com", ""},
		{Ticket, "12", ""},
		{Ticket, "agent", `default_assignee "agent": want an agent's email or Zendesk user id`},
		{Ticket, "-3", `default_assignee "-3": want an agent's email or Zendesk user id`},
		{User, "agent@example.com", "default_assignee: only tickets have an assignee"},
	}
	for _, c := range cases {
		err := (&Pair{Kind: c.kind, DefaultAssignee: c.value}).validateDefaultAssignee()
		if c.err == "" {
			assert.NoError(t, err, c.value)
		} else {
			assert.EqualError(t, err, c.err)
		}
	}
}

func TestValidateMissingContacts(t *testing.T) {
	cases := []struct {
		pair Pair
		err  string
	}{
		{Pair{Kind: Ticket, CreateMissingContacts: true, DefaultAccount: "0015g0000000001AAA"}, ""},
		{Pair{Kind: Ticket, CreateMissingContacts: true}, ""},
		{Pair{Kind: Ticket, DefaultAccount: "Acme"}, `default_account "Acme": want an Account Id (15 or 18 letters and digits)`},
		{Pair{Kind: User, CreateMissingContacts: true}, "create_missing_contacts and default_account: only tickets have requesters"},
	}
	for _, c := range cases {
		err := c.pair.validateMissingContacts()
		if c.err == "" {
			assert.NoError(t, err)
		} else {
			assert.EqualError(t, err, c.err)
		}
	}
}
