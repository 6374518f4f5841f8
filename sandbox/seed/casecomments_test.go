package seed

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGeneratedCaseComments(t *testing.T) {
	sf := Generate(defaultOptions(3)).Salesforce
	require.NotEmpty(t, sf.CaseComments)
	cases := map[string]Record{}
	for _, c := range sf.Cases {
		cases[c["Id"].(string)] = c
	}
	published, longest := 0, 0
	for _, cc := range sf.CaseComments {
		parent := cases[cc["ParentId"].(string)]
		at := cc["CreatedDate"].(time.Time)
		assert.False(t, at.Before(parent["CreatedDate"].(time.Time)), "%s before its case", cc["Id"])
		assert.False(t, at.After(parent["LastModifiedDate"].(time.Time)), "%s after its case's last change", cc["Id"])
		body := cc["CommentBody"].(string)
		assert.LessOrEqual(t, len(body), CaseCommentBytes, "%s: %d bytes", cc["Id"], len(body))
		longest = max(longest, len(body))
		if cc["IsPublished"] == true {
			published++
		}
		assert.Equal(t, false, cc["IsNotificationSelected"])
	}
	assert.Greater(t, longest, CaseCommentBytes-3, "one body is at the byte limit")
	assert.Less(t, utf8.RuneCountInString(sf.CaseComments[0]["CommentBody"].(string)), CaseCommentBytes/2,
		"the long body is multi-byte: a character count misses it")
	assert.Positive(t, published)
	assert.Less(t, published, len(sf.CaseComments), "some comments are internal")
}

func TestGeneratedFormerUserSharesAnActiveAddress(t *testing.T) {
	d := Generate(defaultOptions(2))
	users := d.Salesforce.Users
	former := users[len(users)-1]
	assert.Equal(t, false, former["IsActive"])
	var sameEmail []Record
	usernames := map[string]bool{}
	for _, u := range users {
		assert.False(t, usernames[u["Username"].(string)], "username %v twice", u["Username"])
		usernames[u["Username"].(string)] = true
		if u["Email"] == former["Email"] {
			sameEmail = append(sameEmail, u)
		}
	}
	require.Len(t, sameEmail, 2, "the former user and an active one")
	assert.Equal(t, true, sameEmail[0]["IsActive"])
	agents := 0
	for _, u := range d.Zendesk.Users {
		if EmailKey(u.Email) == EmailKey(former["Email"].(string)) {
			agents++
			assert.Equal(t, "agent", u.Role)
		}
	}
	assert.Equal(t, 1, agents, "the address is a Zendesk agent's too")
	for _, u := range users[:len(users)-1] {
		assert.Equal(t, true, u["IsActive"], "%s", u["Id"])
	}
}

func TestTicketCommentsFixesEachTicketsCount(t *testing.T) {
	opts := Options{Seed: 5, Accounts: 20, Contacts: 200, Tickets: 50, TicketComments: 6, Now: testNow}
	fixed := Generate(opts)
	for _, tk := range fixed.Zendesk.Tickets {
		require.Len(t, tk.Comments, 6, "ticket %d", tk.ID)
		assert.Equal(t, tk.SubmitterID, tk.Comments[0].AuthorID, "ticket %d: the description is the submitter's", tk.ID)
	}
	opts.TicketComments = 0
	varied := Generate(opts)
	assert.Equal(t, varied.Salesforce, fixed.Salesforce, "the count changes only the tickets")
	for _, tk := range varied.Zendesk.Tickets {
		assert.True(t, len(tk.Comments) >= 1 && len(tk.Comments) <= 4, "ticket %d: %d comments", tk.ID, len(tk.Comments))
	}
}
