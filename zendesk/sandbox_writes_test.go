package zendesk_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/zendesk"
)

// manualClock is the simulator's clock, moved by hand: the exports leave
// out the last minute, so a test must let time pass to see its writes.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newManualClock() *manualClock {
	// Half a second past: Zendesk's timestamps are whole seconds.
	return &manualClock{t: time.Now().UTC().Truncate(time.Second).Add(500 * time.Millisecond)}
}

func (c *manualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// second is what the simulator stamps a write made now with.
func (c *manualClock) second() time.Time { return c.now().Truncate(time.Second) }

func TestSandboxUpdateAndDeleteUser(t *testing.T) {
	clock := newManualClock()
	c, _ := newSandbox(t, zdsandbox.Config{Now: clock.now})
	ctx := context.Background()
	changed := clock.second()

	u, err := c.UpdateUser(ctx, 12, &zendesk.User{Phone: zendesk.String("+1 555"), Tags: []string{"VIP", "gold"}})
	require.NoError(t, err)
	assert.Equal(t, "+1 555", u.GetPhone())
	assert.Equal(t, "Bob", u.Name, "fields left out stay as they were")
	assert.Equal(t, []string{"vip", "gold"}, u.Tags)
	assert.Equal(t, changed, u.UpdatedAt)

	u, err = c.UpdateUser(ctx, 12, &zendesk.User{Tags: []string{"silver"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"silver"}, u.Tags, "tags replace the list")

	_, err = c.UpdateUser(ctx, 11, &zendesk.User{OrganizationID: zendesk.Int64(77)})
	var ri *zendesk.RecordInvalidError
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("organization_id"), err.Error())

	deleted, err := c.DeleteUser(ctx, 12)
	require.NoError(t, err)
	assert.Equal(t, int64(12), deleted.ID)
	assert.False(t, deleted.GetActive())

	var nf *zendesk.NotFoundError
	_, err = c.DeleteUser(ctx, 12)
	require.ErrorAs(t, err, &nf, "a second delete")
	_, err = c.UpdateUser(ctx, 12, &zendesk.User{Name: "Robert"})
	require.ErrorAs(t, err, &nf, "a deleted user cannot be updated")
	_, err = c.UpdateUser(ctx, 999, &zendesk.User{Name: "Nobody"})
	require.ErrorAs(t, err, &nf)

	clock.advance(2 * time.Minute)
	page, err := c.IncrementalUsers(ctx, changed, "", 0)
	require.NoError(t, err)
	require.Len(t, page.Users, 1, "only the user written since")
	assert.Equal(t, int64(12), page.Users[0].ID)
	require.NotNil(t, page.Users[0].Active)
	assert.False(t, *page.Users[0].Active, "the export keeps deleted users, inactive")
}

func TestSandboxUpdateAndDeleteOrganization(t *testing.T) {
	clock := newManualClock()
	c, _ := newSandbox(t, zdsandbox.Config{Now: clock.now})
	ctx := context.Background()
	updated := clock.second()

	o, err := c.UpdateOrganization(ctx, 2, &zendesk.Organization{Notes: zendesk.String("moved"), DomainNames: []string{"globex.com"}})
	require.NoError(t, err)
	assert.Equal(t, "moved", o.GetNotes())
	assert.Equal(t, []string{"globex.com"}, o.DomainNames)
	assert.Equal(t, updated, o.UpdatedAt)
	assert.Nil(t, o.DeletedAt)

	_, err = c.UpdateOrganization(ctx, 2, &zendesk.Organization{Name: "Acme"})
	var ri *zendesk.RecordInvalidError
	require.ErrorAs(t, err, &ri)
	assert.True(t, ri.Field("name"), err.Error())

	clock.advance(time.Second)
	deleted := clock.second()
	require.NoError(t, c.DeleteOrganization(ctx, 1))

	var nf *zendesk.NotFoundError
	require.ErrorAs(t, c.DeleteOrganization(ctx, 1), &nf, "a second delete")
	_, err = c.UpdateOrganization(ctx, 1, &zendesk.Organization{Notes: zendesk.String("x")})
	require.ErrorAs(t, err, &nf)
	found, err := c.SearchOrganizationsByExternalID(ctx, "ACC-1")
	require.NoError(t, err)
	assert.Empty(t, found)
	shown, err := c.ShowOrganizationsByExternalIDs(ctx, []string{"ACC-1", "ACC-2"})
	require.NoError(t, err)
	assert.Equal(t, []int64{2}, ids(shown, func(o zendesk.Organization) int64 { return o.ID }))
	users, err := c.ShowUsers(ctx, []int64{11})
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Nil(t, users[0].OrganizationID, "the organization's users lose it")

	clock.advance(2 * time.Minute)
	page, err := c.IncrementalOrganizations(ctx, updated, 0)
	require.NoError(t, err)
	require.Equal(t, []int64{2, 1}, ids(page.Organizations, func(o zendesk.Organization) int64 { return o.ID }))
	assert.Nil(t, page.Organizations[0].DeletedAt)
	gone := page.Organizations[1]
	require.NotNil(t, gone.DeletedAt, "the export reports the deleted organization")
	assert.Equal(t, deleted, *gone.DeletedAt)
	assert.Equal(t, deleted, gone.UpdatedAt)
	assert.Equal(t, "Acme", gone.Name)
}
