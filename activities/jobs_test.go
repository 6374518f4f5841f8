package activities

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/zendesk"
)

const bulkUsers = "POST /api/v2/users/create_or_update_many"

// A retried attempt finds, in the heartbeat, the job the crashed attempt
// submitted: it polls that job and submits only the records it did not hold.
func TestRetriedUpsertPollsSubmittedJobInsteadOfResubmitting(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 3, Accounts: 10, Contacts: 150, Tickets: 1}, zdsandbox.Config{})
	ctx := context.Background()
	f.indexAll(t)
	in, rr := f.resolved(t, "contacts")

	// The crashed attempt submitted the first 40 planned users as one job,
	// then died before saving anything.
	var pl plan
	require.NoError(t, f.acts.staged(ctx, in, stagedPlan, in.Page, &pl))
	var first []zendesk.User
	var ids []string
	for _, it := range pl.Items[:40] {
		u := userFrom(it.SalesforceID, it.Zendesk)
		u.Role = zendesk.RoleEndUser
		first = append(first, u)
		ids = append(ids, it.SalesforceID)
	}
	js, err := f.acts.Zendesk.CreateOrUpdateUsers(ctx, first)
	require.NoError(t, err)
	f.env.SetHeartbeatDetails(jobProgress{Jobs: []Job{{Kind: kindUsers, IDs: ids, JobID: js.ID, Tries: 1}}})
	before := f.requests(bulkUsers)

	r := f.upsert(t, in)

	written := r.Counts.Zendesk.Created + r.Counts.Zendesk.Adopted + r.Counts.Zendesk.Updated
	assert.Equal(t, len(pl.Items)-r.Counts.Rejected, written)
	assert.Positive(t, rr.Counts.Rejected, "the seed holds records the resolve step rejects")
	assert.Equal(t, int64((written-40+zendesk.MaxBulk-1)/zendesk.MaxBulk), f.requests(bulkUsers)-before,
		"only the records outside the remembered job are submitted")
	links, err := f.acts.Store.Links(ctx, "contacts", ids)
	require.NoError(t, err)
	assert.Len(t, links, 40, "the remembered job's results are linked")
	for _, l := range links {
		assert.NotZero(t, l.ZendeskID)
		assert.NotEmpty(t, l.Baseline, "the link keeps its baseline")
	}
}

// An upsert throttled by Zendesk comes back as a pause holding the jobs it
// submitted; run again with them, it finishes without resubmitting.
func TestThrottledUpsertPausesAndResumesWithItsJobs(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 5, Accounts: 5, Contacts: 450, Tickets: 1}, zdsandbox.Config{})
	f.indexAll(t)
	in, _ := f.resolved(t, "contacts")
	f.acts.Options.JobsInFlight = 2
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f.acts.Now = func() time.Time { return now }
	// Two bulk submissions get through, then Zendesk throttles.
	storm := &stormAfter{f: f, after: 2}
	f.acts.Zendesk = storm.client(t)

	r := f.upsert(t, in)

	require.NotNil(t, r.Pause, "throttling is a pause, not an error")
	assert.Equal(t, "zendesk", r.Pause.Service)
	assert.True(t, r.Pause.Until.After(now))
	assert.Zero(t, r.Counts.Zendesk.Created+r.Counts.Zendesk.Adopted+r.Counts.Zendesk.Updated, "a paused upsert counts nothing")
	require.NotEmpty(t, r.Jobs, "the submitted jobs travel with the pause")
	submitted := f.requests(bulkUsers)

	f.acts.Zendesk = storm.real
	in.Jobs = r.Jobs
	done := f.upsert(t, in)

	require.Nil(t, done.Pause)
	written := done.Counts.Zendesk.Created + done.Counts.Zendesk.Adopted + done.Counts.Zendesk.Updated
	var pl plan
	require.NoError(t, f.acts.staged(context.Background(), in, stagedPlan, in.Page, &pl))
	assert.Equal(t, len(pl.Items)-done.Counts.Rejected, written)
	held := 0
	for _, j := range r.Jobs {
		held += len(j.IDs)
	}
	assert.Equal(t, int64((written-held+zendesk.MaxBulk-1)/zendesk.MaxBulk), f.requests(bulkUsers)-submitted)
}

func TestRejectedRecordsNameTheRecordSideAndReason(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 9, Accounts: 20, Contacts: 400, Tickets: 1}, zdsandbox.Config{})
	f.indexAll(t)
	_, r := f.resolved(t, "contacts")
	require.NotEmpty(t, r.Rejected)
	var dup, invalid int
	for _, rej := range r.Rejected {
		assert.Equal(t, "contacts", rej.Pair)
		assert.Equal(t, record.Zendesk, rej.Side)
		assert.True(t, strings.HasPrefix(rej.SalesforceID, "003"), rej.SalesforceID)
		assert.NotEmpty(t, rej.Reason)
		switch {
		case strings.Contains(rej.Reason, "duplicate email"):
			dup++
		case rej.Field == "email":
			invalid++
		}
	}
	assert.Positive(t, dup)
	assert.LessOrEqual(t, dup, f.data.Summary().ContactsDuplicateEmail)
	assert.Positive(t, invalid)
}

// stormAfter fronts the Zendesk sandbox with a proxy that lets a number of
// bulk submissions through and then answers 429 to everything, as an
// account over its limit does.
type stormAfter struct {
	f     *fixture
	after int
	real  *zendesk.Client
}

func (s *stormAfter) client(t *testing.T) *zendesk.Client {
	t.Helper()
	s.real = s.f.acts.Zendesk
	target, err := url.Parse(s.f.zdURL)
	require.NoError(t, err)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var mu sync.Mutex
	bulk := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		throttled := bulk >= s.after
		if !throttled && r.Method == http.MethodPost && strings.Contains(r.URL.Path, "create_or_update_many") {
			bulk++
		}
		mu.Unlock()
		if throttled {
			w.Header().Set("Retry-After", "30")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := zendesk.NewClient(zendesk.Config{BaseURL: srv.URL, Email: "admin@example.com", APIToken: "sandbox-token"})
	require.NoError(t, err)
	return c
}

// A contact whose email an agent holds adopts that agent's user without
// demoting it: the create sends no role.
func TestAdoptedAgentKeepsItsRole(t *testing.T) {
	f := newFixture(t, seed.Options{Seed: 8, Accounts: 5, Contacts: 120, Tickets: 1}, zdsandbox.Config{})
	ctx := context.Background()
	f.indexAll(t)
	in, _ := f.resolved(t, "contacts")
	var pl plan
	require.NoError(t, f.acts.staged(ctx, in, stagedPlan, in.Page, &pl))
	var email string
	for _, it := range pl.Items {
		if e, ok := it.Zendesk["email"].(string); ok && it.Create && e != "" {
			email = e
			break
		}
	}
	require.NotEmpty(t, email, "the plan creates a user with an email")
	agent, _, err := f.acts.Zendesk.CreateOrUpdateUser(ctx, &zendesk.User{Name: "Agent", Email: email, Role: zendesk.RoleAgent})
	require.NoError(t, err)

	r := f.upsert(t, in)
	require.Positive(t, r.Counts.Zendesk.Adopted)

	got, err := f.acts.Zendesk.ShowUsers(ctx, []int64{agent.ID})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, zendesk.RoleAgent, got[0].Role, "the agent is not demoted")
	var others []string
	for _, it := range pl.Items {
		if it.Create && it.Zendesk["email"] != email {
			others = append(others, it.SalesforceID)
		}
	}
	users, err := f.acts.Zendesk.ShowUsersByExternalIDs(ctx, others[:min(len(others), 100)])
	require.NoError(t, err)
	require.NotEmpty(t, users)
	for _, u := range users {
		assert.Equal(t, zendesk.RoleEndUser, u.Role, "a new user is an end user")
	}
}
