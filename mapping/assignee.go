package mapping

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/record"
)

func (p *Pair) validateDefaultAssignee() error {
	a := p.DefaultAssignee
	switch {
	case a == "":
		return nil
	case p.Kind != Ticket:
		return fmt.Errorf("default_assignee: only tickets have an assignee")
	case strings.Contains(a, "@") && validEmail(strings.ToLower(a)):
		return nil
	}
	if id, err := strconv.ParseInt(a, 10, 64); err == nil && id > 0 {
		return nil
	}
	return fmt.Errorf("default_assignee %q: want an agent's email or Zendesk user id", a)
}

// AssignDefault gives a ticket write that solves or closes the ticket,
// leaving it without an assignee, the pair's default assignee: Zendesk
// refuses to solve an unassigned ticket. assignee is the ticket's
// assignee before the write (nil when it has none).
func (p *Pair) AssignDefault(write map[string]any, assignee any) {
	if p.DefaultAssignee == "" {
		return
	}
	if s := text(write["status"]); s != "solved" && s != "closed" {
		return
	}
	if v, ok := write["assignee_id"]; ok {
		assignee = v
	}
	if record.Canonical(assignee) != "" {
		return
	}
	if id, err := strconv.ParseInt(p.DefaultAssignee, 10, 64); err == nil {
		write["assignee_id"] = float64(id)
	} else {
		write[AssigneeEmail] = p.DefaultAssignee
	}
}

// AssigneeEmail is the key of a ticket write naming its assignee by email.
const AssigneeEmail = "assignee_email"
