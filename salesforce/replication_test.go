package salesforce

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetUpdated(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"ids":["003A","003B"],"latestDateCovered":"2026-01-02T10:00:00.000+0000"}`))
	c := org.client(t)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.Add(34 * time.Hour)

	res, err := c.GetUpdated(context.Background(), "Contact", start, end)
	require.NoError(t, err)
	assert.Equal(t, []string{"003A", "003B"}, res.IDs)
	assert.Equal(t, end, res.LatestDateCovered)

	req, _ := org.lastRequest(t)
	assert.Equal(t, "/services/data/v62.0/sobjects/Contact/updated/", req.URL.Path)
	assert.Equal(t, "2026-01-01T00:00:00Z", req.URL.Query().Get("start"))
	assert.Equal(t, "2026-01-02T10:00:00Z", req.URL.Query().Get("end"))
}

func TestGetDeleted(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"deletedRecords":[{"id":"003A","deletedDate":"2026-01-01T05:06:07.000+0000"}],
		"earliestDateAvailable":"2025-12-20T00:00:00.000+0000","latestDateCovered":"2026-01-02T00:00:00.000+0000"}`))
	c := org.client(t)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	res, err := c.GetDeleted(context.Background(), "Contact", start, start.Add(24*time.Hour))
	require.NoError(t, err)
	require.Len(t, res.DeletedRecords, 1)
	assert.Equal(t, DeletedRecord{ID: "003A", DeletedDate: time.Date(2026, 1, 1, 5, 6, 7, 0, time.UTC)}, res.DeletedRecords[0])
	assert.Equal(t, time.Date(2025, 12, 20, 0, 0, 0, 0, time.UTC), res.EarliestDateAvailable)
	assert.Equal(t, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), res.LatestDateCovered)
	req, _ := org.lastRequest(t)
	assert.Equal(t, "/services/data/v62.0/sobjects/Contact/deleted/", req.URL.Path)
}

func TestReplicationBadInput(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `{"ids":[],"latestDateCovered":"yesterday"}`))
	c := org.client(t)
	now := time.Now()

	_, err := c.GetUpdated(context.Background(), "Contact", now, now.Add(-time.Hour))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not after start")
	assert.Zero(t, org.apiCalls())

	_, err = c.GetUpdated(context.Background(), "Contact", now.Add(-time.Hour), now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `latestDateCovered "yesterday" is not a datetime`)
}
