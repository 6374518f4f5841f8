package main

import (
	"errors"
	"fmt"
	"math/rand"
	"sort"
	"time"
)

// eventKind is one thing chaos does to the running system.
type eventKind int

const (
	killWorker eventKind = iota + 1
	restartServer
	storm
)

// event is one planned disruption, At after the sync starts.
type event struct {
	At      time.Duration
	Kind    eventKind
	Pause   time.Duration // down time before the restart (kills, server restarts)
	Service string        // storms: "zendesk" or "salesforce"
	Seconds int           // storms: length
}

func (e event) String() string {
	switch e.Kind {
	case killWorker:
		return fmt.Sprintf("kill worker, restart after %s", e.Pause.Round(time.Millisecond))
	case restartServer:
		return fmt.Sprintf("restart dev server after %s down", e.Pause.Round(time.Millisecond))
	case storm:
		return fmt.Sprintf("%ds rate-limit storm on %s", e.Seconds, e.Service)
	}
	return fmt.Sprintf("unknown event %d", e.Kind)
}

// planOptions shape the plan.
type planOptions struct {
	Kills           int
	MinKills        int // fewer kills before the sync ends prove too little
	MinGap, MaxGap  time.Duration
	MinPause        time.Duration
	MaxPause        time.Duration
	ServerRestarts  int
	Storms          int
	MinStormSeconds int
	MaxStormSeconds int
}

func (o planOptions) validate() error {
	switch {
	case o.Kills < 0 || o.Storms < 0 || o.ServerRestarts < 0:
		return errors.New("-kills and -storms: want 0 or more")
	case o.MinKills < 0 || o.MinKills > o.Kills:
		return fmt.Errorf("-min-kills %d: want 0 to -kills %d", o.MinKills, o.Kills)
	case o.MinGap <= 0 || o.MaxGap < o.MinGap:
		return fmt.Errorf("-min-gap %s -max-gap %s: want 0 < min ≤ max", o.MinGap, o.MaxGap)
	case o.MaxPause < o.MinPause:
		return fmt.Errorf("-max-pause %s: want at least %s", o.MaxPause, o.MinPause)
	case o.MinStormSeconds <= 0 || o.MaxStormSeconds < o.MinStormSeconds:
		return fmt.Errorf("-max-storm %d: want at least %d", o.MaxStormSeconds, o.MinStormSeconds)
	}
	return nil
}

// makePlan draws the disruptions from rng, so a seed names a run: kills
// at random gaps, the server restarts at random moments between the first
// kill and the middle one, and storms spread over the start of the sync up
// to the middle kill, alternating services.
func makePlan(rng *rand.Rand, o planOptions) []event {
	between := func(lo, hi time.Duration) time.Duration {
		if hi <= lo {
			return lo
		}
		return lo + time.Duration(rng.Int63n(int64(hi-lo)))
	}
	var plan []event
	var at time.Duration
	for range o.Kills {
		at += between(o.MinGap, o.MaxGap)
		plan = append(plan, event{At: at, Kind: killWorker, Pause: between(o.MinPause, o.MaxPause)})
	}
	// The restart and the storms fall in the first half of the kills, so
	// they happen even when the sync ends before the last kills.
	first, window := time.Duration(0), o.MaxGap
	if o.Kills > 0 {
		first, window = plan[0].At, max(plan[(o.Kills-1)/2].At, o.MaxGap)
	}
	for range o.ServerRestarts {
		plan = append(plan, event{At: between(first, window), Kind: restartServer, Pause: between(time.Second, 3*time.Second)})
	}
	services := []string{"zendesk", "salesforce"}
	offset := rng.Intn(2)
	for i := range o.Storms {
		plan = append(plan, event{
			At: between(0, window), Kind: storm, Service: services[(i+offset)%2],
			Seconds: o.MinStormSeconds + rng.Intn(o.MaxStormSeconds-o.MinStormSeconds+1),
		})
	}
	sort.SliceStable(plan, func(i, j int) bool { return plan[i].At < plan[j].At })
	return plan
}
