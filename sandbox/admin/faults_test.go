package admin

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// fakeClock is a settable time source for storms.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var epoch = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func TestFaultsDistribution(t *testing.T) {
	const draws = 100_000
	tests := []struct {
		name             string
		cfg              FaultConfig
		drop, e500, e503 float64
	}{
		{"off", FaultConfig{Seed: 1}, 0, 0, 0},
		{"errors only", FaultConfig{ErrorRate: 0.2, Seed: 1}, 0, 0.1, 0.1},
		{"drops only", FaultConfig{DropRate: 0.05, Seed: 2}, 0.05, 0, 0},
		{"both", FaultConfig{ErrorRate: 0.3, DropRate: 0.1, Seed: 3}, 0.1, 0.15, 0.15},
		{"everything fails", FaultConfig{ErrorRate: 0.5, DropRate: 0.5, Seed: 4}, 0.5, 0.25, 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFaults(tt.cfg, (&fakeClock{t: epoch}).Now)
			counts := map[FaultKind]int{}
			for range draws {
				counts[f.Decide().Kind]++
			}
			share := func(k FaultKind) float64 { return float64(counts[k]) / draws }
			assert.InDelta(t, tt.drop, share(FaultDrop), 0.01, "drops")
			assert.InDelta(t, tt.e500, share(Fault500), 0.01, "500s")
			assert.InDelta(t, tt.e503, share(Fault503), 0.01, "503s")
			assert.Zero(t, counts[FaultThrottle], "no storm configured")
			assert.InDelta(t, 1-tt.drop-tt.e500-tt.e503, share(NoFault), 0.01, "clean requests")
		})
	}
}

func decisions(f *Faults, n int) []FaultKind {
	out := make([]FaultKind, n)
	for i := range out {
		out[i] = f.Decide().Kind
	}
	return out
}

func TestFaultsAreRepeatableUnderASeed(t *testing.T) {
	clock := &fakeClock{t: epoch}
	cfg := FaultConfig{ErrorRate: 0.3, DropRate: 0.2, Seed: 42}
	a := decisions(NewFaults(cfg, clock.Now), 500)
	b := decisions(NewFaults(cfg, clock.Now), 500)
	assert.Equal(t, a, b, "same seed, same faults")

	cfg.Seed = 43
	assert.NotEqual(t, a, decisions(NewFaults(cfg, clock.Now), 500), "another seed, other faults")

	f := NewFaults(FaultConfig{ErrorRate: 0.3, DropRate: 0.2, Seed: 42}, clock.Now)
	decisions(f, 100)
	f.Set(f.Config())
	assert.Equal(t, a, decisions(f, 500), "Set restarts the sequence")
}

func TestFaultsLatency(t *testing.T) {
	f := NewFaults(FaultConfig{LatencyMS: 250}, nil)
	d := f.Decide()
	assert.Equal(t, NoFault, d.Kind)
	assert.Equal(t, 250*time.Millisecond, d.Latency)
}

func TestFaultsStorm(t *testing.T) {
	clock := &fakeClock{t: epoch}
	f := NewFaults(FaultConfig{StormSeconds: 30}, clock.Now)

	cfg := f.Config()
	assert.Zero(t, cfg.StormSeconds, "the length is turned into an end")
	assert.Equal(t, epoch.Add(30*time.Second), cfg.StormUntil)

	d := f.Decide()
	assert.Equal(t, FaultThrottle, d.Kind)
	assert.Equal(t, epoch.Add(30*time.Second), d.Until)

	clock.Advance(29 * time.Second)
	assert.Equal(t, FaultThrottle, f.Decide().Kind, "still inside the storm")
	clock.Advance(time.Second)
	assert.Equal(t, NoFault, f.Decide().Kind, "the storm ends at StormUntil")
}

func TestStormKeepsTheSeededSequence(t *testing.T) {
	clock := &fakeClock{t: epoch}
	cfg := FaultConfig{ErrorRate: 0.5, Seed: 7}
	want := decisions(NewFaults(cfg, clock.Now), 200)

	f := NewFaults(cfg, clock.Now)
	got := decisions(f, 100)
	f.Storm(10 * time.Second)
	assert.Equal(t, FaultThrottle, f.Decide().Kind)
	clock.Advance(10 * time.Second)
	got = append(got, decisions(f, 100)...)
	assert.Equal(t, want, got, "a storm does not replay the faults already drawn")
	assert.Equal(t, cfg.ErrorRate, f.Config().ErrorRate, "a storm keeps the rest of the config")
}
