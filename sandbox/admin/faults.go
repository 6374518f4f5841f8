package admin

import (
	"math/rand"
	"sync"
	"time"
)

// FaultConfig is the fault injection a simulator applies to real API paths.
// It is set at start from flags and changed at run time through
// PUT /_sandbox/faults.
type FaultConfig struct {
	// ErrorRate is the fraction of requests answered 500 or 503.
	ErrorRate float64 `json:"error_rate"`
	// DropRate is the fraction of requests whose connection is closed
	// without an answer.
	DropRate float64 `json:"drop_rate"`
	// LatencyMS is added to every request.
	LatencyMS int `json:"latency_ms"`
	// StormSeconds, when set, starts a rate-limit storm of that length from
	// the moment the config is applied: every request is refused as over
	// the limit.
	StormSeconds int `json:"storm_seconds,omitempty"`
	// StormUntil is when the current storm ends (read-only in answers).
	StormUntil time.Time `json:"storm_until,omitzero"`
	// Seed makes the sequence of decisions repeatable.
	Seed int64 `json:"seed"`
}

// FaultKind is what the injector decided for one request.
type FaultKind int

// The faults a request may get.
const (
	NoFault FaultKind = iota
	Fault500
	Fault503
	FaultDrop
	FaultThrottle
)

// Decision is the injector's verdict on one request.
type Decision struct {
	Kind    FaultKind
	Latency time.Duration
	// Until is the end of a storm, for Retry-After.
	Until time.Time
}

// Faults decides, request by request, which fault to inject. Decisions come
// from one seeded source, so a run with the same seed and the same request
// order gets the same faults.
type Faults struct {
	mu  sync.Mutex
	cfg FaultConfig
	rng *rand.Rand
	now func() time.Time
}

// NewFaults returns an injector with cfg applied.
func NewFaults(cfg FaultConfig, now func() time.Time) *Faults {
	if now == nil {
		now = time.Now
	}
	f := &Faults{now: now}
	f.Set(cfg)
	return f
}

// Set replaces the configuration and reseeds the source.
func (f *Faults) Set(cfg FaultConfig) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if cfg.StormSeconds > 0 {
		cfg.StormUntil = f.now().Add(time.Duration(cfg.StormSeconds) * time.Second)
		cfg.StormSeconds = 0
	}
	f.cfg = cfg
	f.rng = rand.New(rand.NewSource(cfg.Seed))
}

// Storm refuses every request as over the limit for d from now. Unlike Set
// it keeps the source where it is, so a storm in the middle of a seeded run
// does not replay the faults already drawn.
func (f *Faults) Storm(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cfg.StormUntil = f.now().Add(d)
}

// Config returns the configuration in force.
func (f *Faults) Config() FaultConfig {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cfg
}

// Decide draws the fault for the next request.
func (f *Faults) Decide() Decision {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := Decision{Latency: time.Duration(f.cfg.LatencyMS) * time.Millisecond}
	if now := f.now(); now.Before(f.cfg.StormUntil) {
		d.Kind, d.Until = FaultThrottle, f.cfg.StormUntil
		return d
	}
	if f.cfg.ErrorRate <= 0 && f.cfg.DropRate <= 0 {
		return d
	}
	r := f.rng.Float64()
	switch {
	case r < f.cfg.DropRate:
		d.Kind = FaultDrop
	case r < f.cfg.DropRate+f.cfg.ErrorRate/2:
		d.Kind = Fault500
	case r < f.cfg.DropRate+f.cfg.ErrorRate:
		d.Kind = Fault503
	}
	return d
}
