package zendesk

import (
	"context"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock stands in for time in the pacer: sleeping advances it and is
// recorded instead of waited.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 4, 10, 20, 30, 0, time.UTC)}
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slept = append(f.slept, d)
	f.t = f.t.Add(d)
	return ctx.Err()
}

func (f *fakeClock) sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.slept...)
}

// useFakeClock swaps c's pacing clock; perMinute rebuilds the token bucket
// on it.
func useFakeClock(c *Client, perMinute int) *fakeClock {
	f := newFakeClock()
	c.pacer.now = f.now
	c.pacer.sleep = f.sleep
	c.pacer.tokens = nil
	if perMinute > 0 {
		c.pacer.tokens = newBudget(perMinute, f.now())
	}
	return f
}

func TestPacerBuckets(t *testing.T) {
	f := newFakeClock()
	p := &pacer{now: f.now, sleep: f.sleep}
	ctx := context.Background()

	require.NoError(t, p.wait(ctx, accountBucket))
	assert.Empty(t, f.sleeps(), "nothing blocked, no budget: no wait")

	p.block(incrementalBucket, f.now().Add(5*time.Second))
	require.NoError(t, p.wait(ctx, accountBucket))
	assert.Empty(t, f.sleeps(), "the export bucket does not hold back other requests")
	require.NoError(t, p.wait(ctx, incrementalBucket))
	assert.Equal(t, []time.Duration{5 * time.Second}, f.sleeps())

	p.block(accountBucket, f.now().Add(3*time.Second))
	p.block(accountBucket, f.now().Add(time.Second)) // an earlier end never shortens a block
	require.NoError(t, p.wait(ctx, incrementalBucket))
	assert.Equal(t, []time.Duration{5 * time.Second, 3 * time.Second}, f.sleeps(), "the account limit holds back exports too")
}

func TestPacerFailsFastPastTheDeadline(t *testing.T) {
	f := newFakeClock()
	p := &pacer{now: f.now, sleep: f.sleep}
	p.block(accountBucket, f.now().Add(time.Minute))

	ctx, cancel := context.WithDeadline(context.Background(), f.now().Add(10*time.Second))
	defer cancel()
	err := p.wait(ctx, accountBucket)
	var rl *RateLimitError
	require.ErrorAs(t, err, &rl)
	assert.Equal(t, time.Minute, rl.RetryAfter)
	assert.True(t, IsRetryable(err))
	assert.Empty(t, f.sleeps())
}

func TestClientWaitsForSpentWindows(t *testing.T) {
	tests := []struct {
		name   string
		first  reply
		second func(c *Client) error
		export bool
		want   []time.Duration
	}{
		{
			name:   "remaining 0 with ratelimit-reset",
			first:  reply{status: 200, body: ticketJSON, header: map[string]string{"ratelimit-limit": "700", "ratelimit-remaining": "0", "ratelimit-reset": "3"}},
			second: showTicket,
			want:   []time.Duration{3 * time.Second},
		},
		{
			name:   "remaining 0 waits for the next minute",
			first:  reply{status: 200, body: ticketJSON, header: map[string]string{"X-Rate-Limit": "700", "X-Rate-Limit-Remaining": "0"}},
			second: showTicket,
			want:   []time.Duration{30 * time.Second}, // the fake clock stands at :30
		},
		{
			name:   "remaining above 0",
			first:  reply{status: 200, body: ticketJSON, header: map[string]string{"X-Rate-Limit": "700", "X-Rate-Limit-Remaining": "1"}},
			second: showTicket,
			want:   nil,
		},
		{
			name:   "429 waits Retry-After, not the window",
			first:  reply{status: 429, header: map[string]string{"Retry-After": "5", "X-Rate-Limit": "700", "X-Rate-Limit-Remaining": "0"}},
			second: showTicket,
			want:   []time.Duration{5 * time.Second},
		},
		{
			name:   "spent export bucket holds back exports",
			first:  reply{status: 200, body: ticketJSON, header: map[string]string{"zendesk-ratelimit-incremental-exports": "total=10; remaining=0; resets=2"}},
			second: exportUsers,
			export: true,
			want:   []time.Duration{2 * time.Second},
		},
		{
			name:   "spent export bucket leaves other calls alone",
			first:  reply{status: 200, body: ticketJSON, header: map[string]string{"zendesk-ratelimit-incremental-exports": "total=10; remaining=0; resets=2"}},
			second: showTicket,
			want:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := ok(ticketJSON)
			if tt.export {
				next = ok(`{"users":[],"end_of_stream":true}`)
			}
			c, _ := newTestClient(t, tt.first, next)
			f := useFakeClock(c, 0)
			_ = showTicket(c)
			assert.Empty(t, f.sleeps())
			require.NoError(t, tt.second(c))
			assert.Equal(t, tt.want, f.sleeps())
		})
	}
}

func TestClientIncrementalRate(t *testing.T) {
	c, _ := newTestClient(t, reply{status: 200, body: `{"users":[],"end_of_stream":true}`, header: map[string]string{"zendesk-ratelimit-incremental-exports": "total=10; remaining=9; resets=2"}})
	require.NoError(t, exportUsers(c))
	r := c.IncrementalRate()
	assert.Equal(t, 10, r.Limit)
	assert.Equal(t, 9, r.Remaining)
	assert.False(t, r.Observed.IsZero())
}

func TestClientPacesToBudget(t *testing.T) {
	replies := make([]reply, 8)
	for i := range replies {
		replies[i] = ok(ticketJSON)
	}
	c, _ := newTestClient(t, replies...)
	f := useFakeClock(c, 60) // one a second, burst 6
	for range 8 {
		require.NoError(t, showTicket(c))
	}
	assert.Equal(t, []time.Duration{time.Second, time.Second}, f.sleeps())
}

func TestClientPacesInRealTime(t *testing.T) {
	s := &script{replies: []reply{ok(ticketJSON)}, t: t}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, err := NewClient(Config{BaseURL: srv.URL, OAuthToken: "x", RequestsPerMinute: 300}) // 5/s, burst 30
	require.NoError(t, err)
	// Spend the burst without sending, then time one paced request.
	for range 30 {
		c.pacer.tokens.Reserve(time.Now())
	}
	start := time.Now()
	require.NoError(t, showTicket(c))
	assert.InDelta(t, 200*time.Millisecond, time.Since(start), float64(150*time.Millisecond))
}

func showTicket(c *Client) error {
	_, err := c.ShowTicket(context.Background(), 42)
	return err
}

func exportUsers(c *Client) error {
	_, err := c.IncrementalUsers(context.Background(), time.Unix(1700000000, 0), "", 0)
	return err
}

func TestBudgetBurstIsATenth(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		perMinute int
		burst     int
		wait      time.Duration // for the first call past the burst
	}{
		{600, 60, 100 * time.Millisecond},
		{75, 7, 800 * time.Millisecond}, // a tenth, rounded down
		{6, 1, 10 * time.Second},        // tiny budget: a burst of one
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.perMinute), func(t *testing.T) {
			b := newBudget(tt.perMinute, t0)
			for i := range tt.burst {
				require.Zero(t, b.Reserve(t0), "request %d is within the burst", i)
			}
			assert.Equal(t, tt.wait, b.Reserve(t0))
		})
	}
}

// OnPacingWait hears of every wait, the budget's and a spent window's,
// with the length slept, and of nothing when no request waited.
func TestClientTellsItsPacingWaits(t *testing.T) {
	spent := reply{status: 200, body: ticketJSON, header: map[string]string{"ratelimit-limit": "700", "ratelimit-remaining": "0", "ratelimit-reset": "3"}}
	tests := []struct {
		name      string
		perMinute int
		replies   []reply
		want      []time.Duration
	}{
		{"no wait", 0, []reply{ok(ticketJSON), ok(ticketJSON)}, nil},
		{"spent window", 0, []reply{spent, ok(ticketJSON)}, []time.Duration{3 * time.Second}},
		{"budget", 60, []reply{ok(ticketJSON), ok(ticketJSON), ok(ticketJSON), ok(ticketJSON), ok(ticketJSON), ok(ticketJSON), ok(ticketJSON), ok(ticketJSON)},
			[]time.Duration{time.Second, time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(&script{replies: tt.replies, t: t})
			defer srv.Close()
			var mu sync.Mutex
			var told []time.Duration
			c, err := NewClient(Config{BaseURL: srv.URL, OAuthToken: "x", OnPacingWait: func(d time.Duration) {
				mu.Lock()
				defer mu.Unlock()
				told = append(told, d)
			}})
			require.NoError(t, err)
			f := useFakeClock(c, tt.perMinute)
			for range tt.replies {
				require.NoError(t, showTicket(c))
			}
			assert.Equal(t, tt.want, told)
			assert.Equal(t, f.sleeps(), told, "every wait slept is told")
		})
	}
}
