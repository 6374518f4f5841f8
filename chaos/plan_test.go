package main

import (
	"math/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMakePlan(t *testing.T) {
	o := planOptions{Kills: 10, MinKills: 8, MinGap: 4 * time.Second, MaxGap: 30 * time.Second,
		MinPause: 200 * time.Millisecond, MaxPause: 3 * time.Second,
		ServerRestarts: 1, Storms: 4, MinStormSeconds: 3, MaxStormSeconds: 15}
	require.NoError(t, o.validate())
	for seed := range int64(20) {
		plan := makePlan(rand.New(rand.NewSource(seed)), o)
		kinds := map[eventKind]int{}
		services := map[string]int{}
		var lastKill, firstKill time.Duration
		for i, e := range plan {
			kinds[e.Kind]++
			if i > 0 {
				assert.GreaterOrEqual(t, e.At, plan[i-1].At, "seed %d: sorted", seed)
			}
			switch e.Kind {
			case killWorker:
				if firstKill == 0 {
					firstKill = e.At
				} else {
					assert.GreaterOrEqual(t, e.At-lastKill, o.MinGap, "seed %d: gap", seed)
					assert.Less(t, e.At-lastKill, o.MaxGap, "seed %d: gap", seed)
				}
				lastKill = e.At
				assert.GreaterOrEqual(t, e.Pause, o.MinPause)
				assert.Less(t, e.Pause, o.MaxPause)
			case storm:
				services[e.Service]++
				assert.GreaterOrEqual(t, e.Seconds, o.MinStormSeconds)
				assert.LessOrEqual(t, e.Seconds, o.MaxStormSeconds)
			}
		}
		assert.Equal(t, map[eventKind]int{killWorker: 10, restartServer: 1, storm: 4}, kinds, "seed %d", seed)
		assert.Equal(t, map[string]int{"zendesk": 2, "salesforce": 2}, services, "seed %d: storms on both", seed)
		var kills []time.Duration
		for _, e := range plan {
			if e.Kind == killWorker {
				kills = append(kills, e.At)
			}
		}
		middle := kills[(len(kills)-1)/2]
		for _, e := range plan {
			switch e.Kind {
			case restartServer:
				assert.GreaterOrEqual(t, e.At, firstKill, "seed %d: restart after the first kill", seed)
				assert.LessOrEqual(t, e.At, middle, "seed %d: restart by the middle kill", seed)
			case storm:
				assert.LessOrEqual(t, e.At, middle, "seed %d: storms by the middle kill", seed)
			}
		}
	}
}

func TestMakePlanIsRepeatable(t *testing.T) {
	o := planOptions{Kills: 5, MinGap: time.Second, MaxGap: 9 * time.Second, MaxPause: time.Second,
		ServerRestarts: 1, Storms: 2, MinStormSeconds: 1, MaxStormSeconds: 5}
	a := makePlan(rand.New(rand.NewSource(3)), o)
	assert.Equal(t, a, makePlan(rand.New(rand.NewSource(3)), o), "same seed, same plan")
	assert.NotEqual(t, a, makePlan(rand.New(rand.NewSource(4)), o), "another seed, another plan")
}

func TestPlanOptionsValidate(t *testing.T) {
	ok := planOptions{Kills: 1, MinGap: time.Second, MaxGap: time.Second, MinStormSeconds: 1, MaxStormSeconds: 1}
	require.NoError(t, ok.validate())
	tests := []struct {
		name   string
		change func(*planOptions)
	}{
		{"negative kills", func(o *planOptions) { o.Kills = -1 }},
		{"more kills required than planned", func(o *planOptions) { o.MinKills = o.Kills + 1 }},
		{"zero gap", func(o *planOptions) { o.MinGap = 0 }},
		{"max gap below min", func(o *planOptions) { o.MaxGap = o.MinGap / 2 }},
		{"pause range reversed", func(o *planOptions) { o.MinPause = time.Second }},
		{"storm range reversed", func(o *planOptions) { o.MaxStormSeconds = 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := ok
			tt.change(&o)
			assert.Error(t, o.validate())
		})
	}
}
