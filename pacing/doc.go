// Package pacing spreads API calls over time: a token bucket that hands out
// reservations, and a sleep that gives up when its context ends. Both API
// clients pace with it, each choosing its own burst.
package pacing
