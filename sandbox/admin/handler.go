package admin

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
)

// Bounds of what the admin API accepts. Beyond them a duration overflows or
// a test hangs for good; neither is a fault worth emulating.
const (
	maxStormSeconds = 86400
	maxLatencyMS    = 60000
)

// Prefix is where the admin API lives on both simulators. It is not part of
// either real API.
const Prefix = "/_sandbox/"

// Service is what a simulator lends the shared admin layer: the answers and
// actions whose shape belongs to one real API.
type Service interface {
	// Throttled writes the service's own "over the limit" answer for a
	// forced storm ending at until.
	Throttled(w http.ResponseWriter, until time.Time)
	// ServerError writes the service's own 500 or 503 answer.
	ServerError(w http.ResponseWriter, status int)
	// Reset restores the seeded data.
	Reset()
	// RevokeTokens invalidates every issued credential or access token, as an
	// admin revoking them in the real service would.
	RevokeTokens()
}

// Actions is what a simulator may add to the admin API: steps a person
// takes in the real service's UI that its API cannot take, such as
// converting a Salesforce lead. A Service that has some implements it.
type Actions interface {
	// ServeAction answers r for path (below Prefix) and reports whether it
	// knows the path; false leaves the 404 to the admin layer.
	ServeAction(w http.ResponseWriter, r *http.Request, path string) bool
}

// Wrap serves /_sandbox/ itself and puts every other request through stats
// and fault injection before it reaches api.
//
//	GET  /_sandbox/stats    counters (Snapshot)
//	GET  /_sandbox/faults   the fault config in force
//	PUT  /_sandbox/faults   replace it (FaultConfig as JSON)
//	POST /_sandbox/storm?seconds=N   start a rate-limit storm
//	POST /_sandbox/revoke   revoke every token
//	POST /_sandbox/reset    restore seeded data and zero the stats
//
// Any other admin path goes to svc's Actions, if it has them. Admin
// requests are not counted in the stats: they are not API traffic.
func Wrap(api http.Handler, svc Service, stats *Stats, faults *Faults) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, Prefix) {
			serveAdmin(w, r, svc, stats, faults)
			return
		}
		stats.Request(Endpoint(r.Method, r.URL.Path))
		d := faults.Decide()
		if d.Latency > 0 {
			select {
			case <-time.After(d.Latency):
			case <-r.Context().Done():
				return
			}
		}
		switch d.Kind {
		case FaultThrottle:
			stats.RateLimited()
			svc.Throttled(w, d.Until)
			return
		case Fault500:
			stats.Fault()
			svc.ServerError(w, http.StatusInternalServerError)
			return
		case Fault503:
			stats.Fault()
			svc.ServerError(w, http.StatusServiceUnavailable)
			return
		case FaultDrop:
			stats.Fault()
			dropConnection(w)
			return
		}
		api.ServeHTTP(w, r)
	})
}

// dropConnection closes the TCP connection without an answer, as a proxy
// or load balancer failing mid-request does.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

func serveAdmin(w http.ResponseWriter, r *http.Request, svc Service, stats *Stats, faults *Faults) {
	path := strings.TrimPrefix(r.URL.Path, Prefix)
	switch {
	case path == "stats" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, stats.Snapshot())
	case path == "faults" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, faults.Config())
	case path == "faults" && (r.Method == http.MethodPut || r.Method == http.MethodPost):
		var cfg FaultConfig
		dec := json.NewDecoder(r.Body)
		// A misspelt field would otherwise leave faults off without a word.
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid fault config: " + err.Error()})
			return
		}
		if cfg.ErrorRate < 0 || cfg.DropRate < 0 || cfg.ErrorRate+cfg.DropRate > 1 || cfg.LatencyMS < 0 ||
			cfg.LatencyMS > maxLatencyMS || cfg.StormSeconds < 0 || cfg.StormSeconds > maxStormSeconds {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid fault config: rates must be within [0,1], latency within [0,60000] ms, storm within [0,86400] s"})
			return
		}
		faults.Set(cfg)
		writeJSON(w, http.StatusOK, faults.Config())
	case path == "storm" && r.Method == http.MethodPost:
		seconds, err := positiveInt(r.URL.Query().Get("seconds"))
		if err == nil && seconds > maxStormSeconds {
			err = errors.New("want at most 86400")
		}
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "seconds: " + err.Error()})
			return
		}
		faults.Storm(time.Duration(seconds) * time.Second)
		writeJSON(w, http.StatusOK, faults.Config())
	case path == "revoke" && r.Method == http.MethodPost:
		svc.RevokeTokens()
		w.WriteHeader(http.StatusNoContent)
	case path == "reset" && r.Method == http.MethodPost:
		svc.Reset()
		stats.Reset()
		w.WriteHeader(http.StatusNoContent)
	default:
		if x, ok := svc.(Actions); ok && x.ServeAction(w, r, path) {
			return
		}
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no admin endpoint " + r.Method + " " + r.URL.Path})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
