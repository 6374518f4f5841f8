package zendesk_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/zendesk"
)

const (
	sandboxEmail = "admin@example.com"
	sandboxToken = "sandbox-token"
)

var seedTime = time.Now().Add(-2 * time.Hour).Truncate(time.Second)

func sandboxSeed() seed.Zendesk {
	t0 := seedTime
	return seed.Zendesk{
		Organizations: []seed.Organization{
			{ID: 1, Name: "Acme", ExternalID: "ACC-1", DomainNames: []string{"acme.com"}, CreatedAt: t0, UpdatedAt: t0},
			{ID: 2, Name: "Globex", ExternalID: "ACC-2", CreatedAt: t0, UpdatedAt: t0},
			{ID: 3, Name: "Initech", CreatedAt: t0, UpdatedAt: t0},
		},
		Users: []seed.User{
			// The API token's user, from before the data the tests export.
			{ID: 1, Name: "Admin", Email: sandboxEmail, Role: "admin", Active: true, CreatedAt: t0.Add(-24 * time.Hour), UpdatedAt: t0.Add(-24 * time.Hour)},
			{ID: 10, Name: "Agent Smith", Email: "agent@example.com", Role: "agent", Active: true, CreatedAt: t0, UpdatedAt: t0},
			{ID: 11, Name: "Alice", Email: "alice@example.com", ExternalID: "CON-1", OrganizationID: 1, Role: "end-user", Active: true, CreatedAt: t0, UpdatedAt: t0},
			{ID: 12, Name: "Bob", Email: "bob@example.com", OrganizationID: 2, Role: "end-user", Active: true, CreatedAt: t0, UpdatedAt: t0},
			{ID: 13, Name: "Carol", Email: "carol@example.com", Role: "end-user", Active: true, CreatedAt: t0, UpdatedAt: t0},
			{ID: 14, Name: "Dave", Email: "dave@example.com", Role: "end-user", Active: true, CreatedAt: t0, UpdatedAt: t0},
		},
		Tickets: []seed.Ticket{
			{ID: 100, Subject: "Printer on fire", Status: "open", Priority: "high", RequesterID: 11, AssigneeID: 10, OrganizationID: 1,
				Comments: []seed.Comment{{ID: 1000, AuthorID: 11, Body: "It burns", Public: true, CreatedAt: t0}}, CreatedAt: t0, UpdatedAt: t0},
			{ID: 101, Subject: "Old issue", Status: "closed", RequesterID: 12, AssigneeID: 10,
				Comments: []seed.Comment{{ID: 1001, AuthorID: 12, Body: "Long ago", Public: true, CreatedAt: t0}}, CreatedAt: t0, UpdatedAt: t0},
		},
	}
}

// newSandbox starts the simulator; export limits are off unless cfg sets them
// so tests can read exports freely.
func newSandbox(t *testing.T, cfg zdsandbox.Config) (*zendesk.Client, string) {
	t.Helper()
	if cfg.ExportRequestsPerMinute == 0 {
		cfg.ExportRequestsPerMinute = -1
	}
	srv := httptest.NewServer(zdsandbox.New(cfg, sandboxSeed()))
	t.Cleanup(srv.Close)
	c, err := zendesk.NewClient(zendesk.Config{BaseURL: srv.URL, Email: sandboxEmail, APIToken: sandboxToken, Timeout: 10 * time.Second})
	require.NoError(t, err)
	return c, srv.URL
}

func TestSandboxAuthentication(t *testing.T) {
	_, url := newSandbox(t, zdsandbox.Config{})
	ctx := context.Background()

	oauth, err := zendesk.NewClient(zendesk.Config{BaseURL: url, OAuthToken: "sandbox-oauth-token"})
	require.NoError(t, err)
	_, err = oauth.ShowTicket(ctx, 100)
	require.NoError(t, err)

	wrong, err := zendesk.NewClient(zendesk.Config{BaseURL: url, Email: sandboxEmail, APIToken: "wrong-token"})
	require.NoError(t, err)
	_, err = wrong.ShowTicket(ctx, 100)
	var ue *zendesk.UnauthorizedError
	require.ErrorAs(t, err, &ue)
	assert.NotContains(t, err.Error(), "wrong-token")
	assert.False(t, zendesk.IsRetryable(err))
}

func TestSandboxUsers(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx := context.Background()

	u, created, err := c.CreateOrUpdateUser(ctx, &zendesk.User{Name: "Erin", Email: "erin@example.com", ExternalID: "CON-9", OrganizationID: zendesk.Int64(1)})
	require.NoError(t, err)
	assert.True(t, created)
	assert.NotZero(t, u.ID)
	assert.Equal(t, int64(1), u.GetOrganizationID())

	// external_id matching is case-insensitive.
	u2, created, err := c.CreateOrUpdateUser(ctx, &zendesk.User{Name: "Erin B", ExternalID: "con-9"})
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, u.ID, u2.ID)
	assert.Equal(t, "Erin B", u2.Name)

	found, err := c.SearchUsersByEmail(ctx, "ALICE@example.com")
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, int64(11), found[0].ID)

	found, err = c.SearchUsersByExternalID(ctx, "CON-1")
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, "alice@example.com", found[0].Email)

	shown, err := c.ShowUsers(ctx, []int64{10, 12, 999})
	require.NoError(t, err)
	assert.ElementsMatch(t, []int64{10, 12}, ids(shown, func(u zendesk.User) int64 { return u.ID }))

	shown, err = c.ShowUsersByExternalIDs(ctx, []string{"CON-1", "CON-9"})
	require.NoError(t, err)
	assert.ElementsMatch(t, []int64{11, u.ID}, ids(shown, func(u zendesk.User) int64 { return u.ID }))

	_, _, err = c.CreateOrUpdateUser(ctx, &zendesk.User{Name: "Bad", Email: "foo@"})
	var ri *zendesk.RecordInvalidError
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("email"), err.Error())
}

func TestSandboxBulkUsers(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	job, err := c.CreateOrUpdateUsers(ctx, []zendesk.User{
		{Name: "New One", Email: "new1@example.com", ExternalID: "CON-100"},
		{Name: "Bob Updated", Email: "bob@example.com"},
		{Name: "Broken", Email: "broken@"},
	})
	require.NoError(t, err)
	require.NotEmpty(t, job.ID)

	done := waitJobs(t, c, job.ID)
	assert.Equal(t, zendesk.JobCompleted, done[0].Status)
	require.Len(t, done[0].Results, 3)
	for i, r := range done[0].Results {
		assert.Equal(t, i, r.Index, "results keep request order")
	}
	assert.Equal(t, "create", done[0].Results[0].Action)
	assert.False(t, done[0].Results[0].Failed())
	assert.Equal(t, int64(12), done[0].Results[1].ID)
	assert.Equal(t, "update", done[0].Results[1].Action)
	assert.True(t, done[0].Results[2].Failed())

	got, err := c.ShowUsersByExternalIDs(ctx, []string{"CON-100"})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "New One", got[0].Name)

	status, err := c.ShowJobStatus(ctx, job.ID)
	require.NoError(t, err)
	assert.True(t, status.Done())
}

func TestSandboxBulkImportDisabled(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{BulkImportDisabled: true})
	_, err := c.CreateOrUpdateUsers(context.Background(), []zendesk.User{{Name: "X", Email: "x@example.com"}})
	var fe *zendesk.ForbiddenError
	require.ErrorAs(t, err, &fe)
}

func TestSandboxOrganizations(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	o, created, err := c.CreateOrUpdateOrganization(ctx, &zendesk.Organization{Name: "Umbrella", ExternalID: "ACC-7", Notes: zendesk.String("n")})
	require.NoError(t, err)
	assert.True(t, created)
	assert.Equal(t, "n", o.GetNotes())

	_, created, err = c.CreateOrUpdateOrganization(ctx, &zendesk.Organization{ExternalID: "acc-7", Details: zendesk.String("d")})
	require.NoError(t, err)
	assert.False(t, created)

	// Name is unique but not a matching criterion.
	_, _, err = c.CreateOrUpdateOrganization(ctx, &zendesk.Organization{Name: " Acme "})
	var ri *zendesk.RecordInvalidError
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("name"), err.Error())

	byName, err := c.SearchOrganizationsByName(ctx, "Globex")
	require.NoError(t, err)
	require.Len(t, byName, 1)
	assert.Equal(t, int64(2), byName[0].ID)

	byExt, err := c.SearchOrganizationsByExternalID(ctx, "ACC-1")
	require.NoError(t, err)
	require.Len(t, byExt, 1)
	assert.Equal(t, "Acme", byExt[0].Name)

	createJob, err := c.CreateOrganizations(ctx, []zendesk.Organization{{Name: "Hooli", ExternalID: "ACC-8"}, {Name: "Pied Piper", ExternalID: "ACC-9"}})
	require.NoError(t, err)
	updateJob, err := c.UpdateOrganizations(ctx, []zendesk.Organization{{ID: 3, ExternalID: "ACC-3", Notes: zendesk.String("updated")}})
	require.NoError(t, err)
	jobs := waitJobs(t, c, createJob.ID, updateJob.ID)
	assert.Equal(t, []string{createJob.ID, updateJob.ID}, ids(jobs, func(j zendesk.JobStatus) string { return j.ID }))
	for _, j := range jobs {
		assert.Equal(t, zendesk.JobCompleted, j.Status)
	}

	shown, err := c.ShowOrganizationsByExternalIDs(ctx, []string{"ACC-3", "ACC-8", "ACC-9"})
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"Initech", "Hooli", "Pied Piper"}, ids(shown, func(o zendesk.Organization) string { return o.Name }))
	for _, o := range shown {
		if o.ID == 3 {
			assert.Equal(t, "updated", o.GetNotes())
		}
	}
}

func TestSandboxCursorPagination(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx := context.Background()

	var users []int64
	for u, err := range c.AllUsers(ctx, &zendesk.ListOptions{PageSize: 2}) {
		require.NoError(t, err)
		users = append(users, u.ID)
	}
	assert.ElementsMatch(t, []int64{1, 10, 11, 12, 13, 14}, users)

	var endUsers []int64
	for u, err := range c.AllUsers(ctx, &zendesk.ListOptions{PageSize: 1, Role: zendesk.RoleEndUser}) {
		require.NoError(t, err)
		endUsers = append(endUsers, u.ID)
	}
	assert.ElementsMatch(t, []int64{11, 12, 13, 14}, endUsers)

	var orgs []string
	for o, err := range c.AllOrganizations(ctx, &zendesk.ListOptions{PageSize: 2}) {
		require.NoError(t, err)
		orgs = append(orgs, o.Name)
	}
	assert.ElementsMatch(t, []string{"Acme", "Globex", "Initech"}, orgs)
}

func TestSandboxTickets(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx := context.Background()

	tk, err := c.CreateTicket(ctx, &zendesk.Ticket{Subject: "Need help", RequesterID: zendesk.Int64(11),
		Comment: &zendesk.Comment{Body: "Please call me", Public: zendesk.Bool(true)}})
	require.NoError(t, err)
	require.NotZero(t, tk.ID)
	assert.Equal(t, "Please call me", tk.Description)

	up, err := c.UpdateTicket(ctx, tk.ID, &zendesk.Ticket{Status: zendesk.StatusPending, Comment: &zendesk.Comment{Body: "Internal note", Public: zendesk.Bool(false)}})
	require.NoError(t, err)
	assert.Equal(t, zendesk.StatusPending, up.Status)

	shown, err := c.ShowTicket(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, "Need help", shown.Subject)

	comments, page, err := c.ListTicketComments(ctx, tk.ID, nil)
	require.NoError(t, err)
	assert.False(t, page.HasMore)
	require.Len(t, comments, 2)
	assert.Equal(t, "Please call me", comments[0].Body)
	assert.False(t, comments[1].GetPublic())

	_, err = c.UpdateTicket(ctx, 101, &zendesk.Ticket{Subject: "Reopen?"})
	var ri *zendesk.RecordInvalidError
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("status"), err.Error())

	_, err = c.ShowTicket(ctx, 999999)
	var nf *zendesk.NotFoundError
	require.ErrorAs(t, err, &nf)
}

func TestSandboxIncrementalExports(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{})
	ctx := context.Background()
	start := seedTime.Add(-time.Hour)

	seen := map[int64]bool{}
	cursor := ""
	for range 20 {
		page, err := c.IncrementalUsers(ctx, start, cursor, 2)
		require.NoError(t, err)
		for _, u := range page.Users {
			seen[u.ID] = true
		}
		if page.EndOfStream {
			break
		}
		cursor = page.AfterCursor
	}
	assert.Len(t, seen, 5)

	tickets, err := c.IncrementalTickets(ctx, start, "", 0)
	require.NoError(t, err)
	assert.True(t, tickets.EndOfStream)
	assert.Len(t, tickets.Tickets, 2)
	for _, tk := range tickets.Tickets {
		assert.NotZero(t, tk.GeneratedTimestamp)
	}

	orgIDs := map[int64]bool{}
	from := start
	for range 20 {
		page, err := c.IncrementalOrganizations(ctx, from, 2)
		require.NoError(t, err)
		for _, o := range page.Organizations {
			orgIDs[o.ID] = true
		}
		if page.EndOfStream {
			break
		}
		require.True(t, page.EndTime.After(from) || page.EndTime.Equal(from))
		from = page.EndTime
	}
	assert.Len(t, orgIDs, 3)

	_, err = c.IncrementalUsers(ctx, time.Now().Add(time.Hour), "", 0)
	var er *zendesk.ErrorResponse
	require.ErrorAs(t, err, &er, "a future start_time is a 400")
	assert.Equal(t, 400, er.StatusCode)
}

func TestSandboxRateLimits(t *testing.T) {
	c, _ := newSandbox(t, zdsandbox.Config{RequestsPerMinute: 3})
	ctx := context.Background()

	for i := range 3 {
		_, err := c.ShowTicket(ctx, 100)
		require.NoError(t, err, "request %d", i)
	}
	r := c.Rate()
	assert.Equal(t, 3, r.Limit)
	assert.Equal(t, 0, r.Remaining)

	// The client saw Remaining 0 and would wait for the window; a short
	// deadline turns that wait into a retryable error without a request.
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err := c.ShowTicket(short, 100)
	var rl *zendesk.RateLimitError
	require.ErrorAs(t, err, &rl)
	assert.True(t, zendesk.IsRetryable(err))
	assert.Positive(t, rl.RetryAfter)
}

func TestSandboxExportRateLimit(t *testing.T) {
	c, url := newSandbox(t, zdsandbox.Config{ExportRequestsPerMinute: 1})
	ctx := context.Background()
	start := seedTime.Add(-time.Hour)

	_, err := c.IncrementalTickets(ctx, start, "", 0)
	require.NoError(t, err)
	assert.Equal(t, 1, c.IncrementalRate().Limit)
	assert.Equal(t, 0, c.IncrementalRate().Remaining)

	// A second client that has not seen the headers gets the server's 429.
	other, err := zendesk.NewClient(zendesk.Config{BaseURL: url, Email: sandboxEmail, APIToken: sandboxToken})
	require.NoError(t, err)
	_, err = other.IncrementalTickets(ctx, start, "", 0)
	var rl *zendesk.RateLimitError
	require.ErrorAs(t, err, &rl, fmt.Sprint(err))
	assert.Positive(t, rl.RetryAfter)

	// Ordinary calls are not held back by the export bucket.
	_, err = c.ShowTicket(ctx, 100)
	require.NoError(t, err)
}

func ids[T any, K comparable](items []T, key func(T) K) []K {
	out := make([]K, 0, len(items))
	for _, it := range items {
		out = append(out, key(it))
	}
	return slices.Clip(out)
}

// waitJobs polls the jobs until every one is done and returns them in
// the order asked.
func waitJobs(t *testing.T, c *zendesk.Client, ids ...string) []zendesk.JobStatus {
	t.Helper()
	var jobs []zendesk.JobStatus
	require.Eventually(t, func() bool {
		var err error
		jobs, err = c.ShowJobStatuses(context.Background(), ids)
		if err != nil || len(jobs) != len(ids) {
			return false
		}
		for _, j := range jobs {
			if !j.Done() {
				return false
			}
		}
		return true
	}, 10*time.Second, 20*time.Millisecond)
	return jobs
}
