package zendesk

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
)

// Concurrent requests under a fixed window share what the server said
// remains of it: none is sent into a 429 the headers foretold, and the
// rest wait for the next window.
func TestConcurrentRequestsStayInsideTheWindow(t *testing.T) {
	const limit, concurrent = 10, 25
	clock := newFakeClock()
	zd := zdsandbox.New(zdsandbox.Config{RequestsPerMinute: limit, ExportRequestsPerMinute: -1, Now: clock.now},
		seed.Zendesk{Users: []seed.User{{ID: 1, Name: "Admin", Email: "admin@example.com", Role: "admin", Active: true}}})
	srv := httptest.NewServer(zd)
	t.Cleanup(srv.Close)
	c, err := NewClient(Config{BaseURL: srv.URL, Email: "admin@example.com", APIToken: "sandbox-token"})
	require.NoError(t, err)
	c.pacer.now, c.pacer.sleep = clock.now, clock.sleep
	ctx := context.Background()

	_, err = c.ShowUsers(ctx, []int64{1}) // hears the window
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make([]error, concurrent)
	for i := range concurrent {
		wg.Go(func() { _, errs[i] = c.ShowUsers(ctx, []int64{1}) })
	}
	wg.Wait()

	for i, err := range errs {
		assert.NoError(t, err, "request %d", i)
	}
	assert.Zero(t, zd.Stats().Snapshot().RateLimited, "no request met a 429")
	assert.NotEmpty(t, clock.sleeps(), "the requests past the window waited for the next")
}

// Answers of one window heard out of order: the least remaining stands;
// an answer from a window already over changes nothing.
func TestWindowKeepsTheLeastRemaining(t *testing.T) {
	clock := newFakeClock()
	reset := clock.now().Truncate(time.Minute).Add(time.Minute)
	p := newPacer(0, nil)
	p.now = clock.now
	p.heard(accountBucket, 10, 0, reset)
	p.heard(accountBucket, 10, 6, reset)                   // older news
	p.heard(accountBucket, 10, 9, reset.Add(-time.Minute)) // the window before
	p.mu.Lock()
	d := p.windows[accountBucket].wait(clock.now())
	p.mu.Unlock()
	assert.Equal(t, reset.Sub(clock.now()), d, "the window is spent until its reset")
}
