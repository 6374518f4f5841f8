package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/zendesk"
)

// caseComments reads the bodies of a case's comments, and whether each is
// published.
func (e *env) caseComments(caseID string) map[string]bool {
	e.t.Helper()
	out := map[string]bool{}
	err := e.sf.QueryEach(context.Background(), "SELECT CommentBody, IsPublished FROM CaseComment WHERE ParentId = "+
		salesforce.QuoteString(caseID), nil, func(p *salesforce.QueryResult) error {
		for _, r := range p.Records {
			published, _ := r["IsPublished"].(bool)
			out[r.String("CommentBody")] = published
		}
		return nil
	})
	require.NoError(e.t, err)
	return out
}

func (e *env) countCaseComments(caseID, body string) int {
	e.t.Helper()
	n := 0
	err := e.sf.QueryEach(context.Background(), "SELECT CommentBody FROM CaseComment WHERE ParentId = "+
		salesforce.QuoteString(caseID), nil, func(p *salesforce.QueryResult) error {
		for _, r := range p.Records {
			if r.String("CommentBody") == body {
				n++
			}
		}
		return nil
	})
	require.NoError(e.t, err)
	return n
}

func (e *env) ticketComments(id int64) []zendesk.Comment {
	e.t.Helper()
	var out []zendesk.Comment
	for c, err := range e.zd.AllTicketComments(context.Background(), id, nil) {
		require.NoError(e.t, err)
		out = append(out, c)
	}
	return out
}

func countBody(cs []zendesk.Comment, body string) int {
	n := 0
	for _, c := range cs {
		if c.Body == body {
			n++
		}
	}
	return n
}

// A full sync copies every public ticket comment but the first (it is the
// description) to its case once; a re-run copies nothing again.
func TestCommentsFullSyncCopiesEachPublicCommentOnce(t *testing.T) {
	e, links := ticketEnv(t, 61)
	copied := 0
	for _, tk := range e.data.Zendesk.Tickets {
		want := 0
		for i, c := range tk.Comments {
			if i > 0 && c.Public {
				want++
			}
		}
		got := e.caseComments(links[tk.ID].SalesforceID)
		n := 0
		for _, c := range tk.Comments[1:] {
			if c.Public {
				assert.Contains(t, got, c.Body, "ticket %d comment %d", tk.ID, c.ID)
			}
		}
		for _, published := range got {
			assert.True(t, published)
			n++
		}
		assert.LessOrEqual(t, n, want, "ticket %d: no comment copied twice, no private one copied", tk.ID)
		copied += n
	}
	assert.Positive(t, copied)
	zdBefore, sfBefore := writes(e)
	e.incremental()
	zdAfter, sfAfter := writes(e)
	assert.Equal(t, zdBefore, zdAfter, "our comments read back write nothing")
	assert.Equal(t, sfBefore, sfAfter)
}

// A public comment on either side appears once on the other; private
// comments stay where they are.
func TestNewCommentsEachWayAppearOnce(t *testing.T) {
	e, links := ticketEnv(t, 62)
	ctx := context.Background()
	tk := openTicket(t, e)
	caseID := links[tk.ID].SalesforceID
	public, private := true, false
	_, _, err := e.zd.UpdateTicketWithAudit(ctx, tk.ID, &zendesk.Ticket{Comment: &zendesk.Comment{Body: "Hello from Zendesk", Public: &public}})
	require.NoError(t, err)
	_, _, err = e.zd.UpdateTicketWithAudit(ctx, tk.ID, &zendesk.Ticket{Comment: &zendesk.Comment{Body: "Internal note", Public: &private}})
	require.NoError(t, err)
	// The case comments' author is the API user; an agent with its email
	// writes their copies.
	agent, _, err := e.zd.CreateOrUpdateUser(ctx, &zendesk.User{Name: "Integration", Email: "integration@example.com", Role: zendesk.RoleAgent})
	require.NoError(t, err)
	_, err = e.sf.Create(ctx, "CaseComment", salesforce.Record{"ParentId": caseID, "CommentBody": "Hello from Salesforce", "IsPublished": true})
	require.NoError(t, err)
	_, err = e.sf.Create(ctx, "CaseComment", salesforce.Record{"ParentId": caseID, "CommentBody": "Unpublished", "IsPublished": false})
	require.NoError(t, err)

	e.incremental()
	e.incremental()
	assert.Equal(t, 1, e.countCaseComments(caseID, "Hello from Zendesk"))
	assert.Zero(t, e.countCaseComments(caseID, "Internal note"), "private stays private")
	cs := e.ticketComments(tk.ID)
	assert.Equal(t, 1, countBody(cs, "Hello from Salesforce"))
	assert.Zero(t, countBody(cs, "Unpublished"))
	for _, c := range cs {
		if c.Body == "Hello from Salesforce" {
			assert.True(t, c.GetPublic())
			assert.Equal(t, agent.ID, c.AuthorID, "written by the agent with the author's email")
		}
	}
	assert.Equal(t, 1, countBody(cs, "Hello from Zendesk"), "our copy does not come back")
	assert.Equal(t, 1, e.countCaseComments(caseID, "Hello from Salesforce"), "nor on Salesforce")
}

// With include_private, private comments are copied too, and stay
// private: a private ticket comment becomes an unpublished case comment,
// and back.
func TestPrivateCommentsSyncAsPrivateWhenIncluded(t *testing.T) {
	e, links := ticketEnv(t, 64, withMapping("comments: {include_private: true}\n"))
	ctx := context.Background()
	copiedPrivate := 0
	for _, tk := range e.data.Zendesk.Tickets {
		got := e.caseComments(links[tk.ID].SalesforceID)
		for _, c := range tk.Comments[1:] {
			published, ok := got[c.Body]
			if assert.True(t, ok, "ticket %d comment %d copied", tk.ID, c.ID) {
				assert.Equal(t, c.Public, published, "ticket %d comment %d keeps its publicity", tk.ID, c.ID)
			}
			if !c.Public {
				copiedPrivate++
			}
		}
	}
	require.Positive(t, copiedPrivate, "the seed has private comments")

	tk := openTicket(t, e)
	caseID := links[tk.ID].SalesforceID
	private := false
	_, _, err := e.zd.UpdateTicketWithAudit(ctx, tk.ID, &zendesk.Ticket{Comment: &zendesk.Comment{Body: "Internal note", Public: &private}})
	require.NoError(t, err)
	_, err = e.sf.Create(ctx, "CaseComment", salesforce.Record{"ParentId": caseID, "CommentBody": "Unpublished", "IsPublished": false})
	require.NoError(t, err)
	e.incremental()
	e.incremental()
	got := e.caseComments(caseID)
	assert.Contains(t, got, "Internal note")
	assert.False(t, got["Internal note"], "a private ticket comment is an unpublished case comment")
	assert.Equal(t, 1, e.countCaseComments(caseID, "Internal note"))
	cs := e.ticketComments(tk.ID)
	require.Equal(t, 1, countBody(cs, "Unpublished"))
	for _, c := range cs {
		if c.Body == "Unpublished" {
			assert.False(t, c.GetPublic(), "an unpublished case comment is a private ticket comment")
		}
	}
	assert.Equal(t, 1, countBody(cs, "Internal note"), "our copy does not come back")
}

// A comment write whose answer is lost (the worker died, the connection
// dropped) is not written again by the retry: it is found first.
func TestCommentWriteWithALostAnswerIsNotRepeated(t *testing.T) {
	e, links := ticketEnv(t, 63)
	ctx := context.Background()
	tk := openTicket(t, e)
	caseID := links[tk.ID].SalesforceID
	public := true
	_, _, err := e.zd.UpdateTicketWithAudit(ctx, tk.ID, &zendesk.Ticket{Comment: &zendesk.Comment{Body: "Lost answer from Zendesk", Public: &public}})
	require.NoError(t, err)
	_, err = e.sf.Create(ctx, "CaseComment", salesforce.Record{"ParentId": caseID, "CommentBody": "Lost answer from Salesforce", "IsPublished": true})
	require.NoError(t, err)

	var zdDropped, sfDropped atomic.Int32
	zsrv := httptest.NewServer(dropAnswerOnce(e.zdServer, &zdDropped, func(r *http.Request, body []byte) bool {
		return r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/api/v2/tickets/") && bytes.Contains(body, []byte(`"comment"`))
	}))
	t.Cleanup(zsrv.Close)
	ssrv := httptest.NewServer(dropAnswerOnce(e.sfServer, &sfDropped, func(r *http.Request, body []byte) bool {
		return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/composite/sobjects") && bytes.Contains(body, []byte("CaseComment"))
	}))
	t.Cleanup(ssrv.Close)
	zc, err := zendesk.NewClient(zendesk.Config{BaseURL: zsrv.URL, Email: "admin@example.com", APIToken: "sandbox-token"})
	require.NoError(t, err)
	sc, err := salesforce.NewClient(salesforce.Config{LoginURL: ssrv.URL, ClientID: "sandbox-client", ClientSecret: "sandbox-secret"})
	require.NoError(t, err)
	e.acts.Zendesk, e.acts.Salesforce = zc, sc

	e.incremental()
	require.Equal(t, int32(1), zdDropped.Load(), "the ticket update's answer was lost")
	require.Equal(t, int32(1), sfDropped.Load(), "the case comment's answer was lost")
	assert.Equal(t, 1, countBody(e.ticketComments(tk.ID), "Lost answer from Salesforce"), "added once to the ticket")
	assert.Equal(t, 1, e.countCaseComments(caseID, "Lost answer from Zendesk"), "added once to the case")
	e.incremental()
	assert.Equal(t, 1, countBody(e.ticketComments(tk.ID), "Lost answer from Salesforce"))
	assert.Equal(t, 1, e.countCaseComments(caseID, "Lost answer from Zendesk"))
}

// dropAnswerOnce serves every request, but the first that match carries
// out and then loses its answer: the connection drops after the write.
func dropAnswerOnce(h http.Handler, dropped *atomic.Int32, match func(*http.Request, []byte) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !match(r, body) || !dropped.CompareAndSwap(0, 1) {
			h.ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	})
}

func openTicket(t *testing.T, e *env) *seed.Ticket {
	t.Helper()
	for i := range e.data.Zendesk.Tickets {
		if e.data.Zendesk.Tickets[i].Status == "open" {
			return &e.data.Zendesk.Tickets[i]
		}
	}
	t.Fatal("the seed has no open ticket")
	return nil
}

// A Zendesk comment longer than a case comment holds (4,000 bytes) is cut
// with a marker by default, or split into parts with long_bodies: split;
// either way it is copied once and nothing comes back to Zendesk.
func TestLongCommentsAreCutOrSplit(t *testing.T) {
	long := strings.Repeat("Grüße aus Zürich — ", 500) // 12,000 bytes, multi-byte characters
	for _, c := range []struct {
		name, mapping string
		parts         int
	}{{"truncate", "", 1}, {"split", "comments: {long_bodies: split}\n", 4}} {
		t.Run(c.name, func(t *testing.T) {
			var options []envOption
			if c.mapping != "" {
				options = append(options, withMapping(c.mapping))
			}
			e, links := ticketEnv(t, 65, options...)
			ctx := context.Background()
			tk := openTicket(t, e)
			caseID := links[tk.ID].SalesforceID
			public := true
			_, _, err := e.zd.UpdateTicketWithAudit(ctx, tk.ID, &zendesk.Ticket{Comment: &zendesk.Comment{Body: long, Public: &public}})
			require.NoError(t, err)
			before := len(e.ticketComments(tk.ID))
			e.incremental()
			e.incremental()

			var bodies []string
			for body := range e.caseComments(caseID) {
				if strings.Contains(body, "Grüße") {
					bodies = append(bodies, body)
				}
			}
			require.Equal(t, c.parts, len(bodies), "case comments made of it")
			slices.Sort(bodies)
			joined := ""
			for i, b := range bodies {
				assert.LessOrEqual(t, len(b), 4000, "part %d fits a case comment", i+1)
				assert.True(t, utf8.ValidString(b), "cut on a character boundary")
				if c.parts > 1 {
					mark := fmt.Sprintf("(crmsync: part %d of %d)\n", i+1, c.parts)
					require.True(t, strings.HasPrefix(b, mark), "part %d starts with %q", i+1, mark)
					joined += strings.TrimPrefix(b, mark)
				}
			}
			if c.parts > 1 {
				assert.Equal(t, long, joined, "the parts hold the whole comment")
			} else {
				assert.True(t, strings.HasSuffix(bodies[0], "the whole comment is on the Zendesk ticket]"), "the cut says so")
			}
			assert.Equal(t, before, len(e.ticketComments(tk.ID)), "no part comes back to Zendesk")
		})
	}
}
