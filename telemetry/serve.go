package telemetry

import (
	"context"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// Serve serves the metrics at http://addr/metrics until stop is called. It
// listens before returning, so a taken port stops the worker at start, and
// returns the address it listens on (addr may name port 0).
func (m *Metrics) Serve(addr string) (bound string, stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	// Profiles of the running worker, where its operators already look:
	// they hold stacks and counts, never records or secrets.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Serve ends only when stopped, or on an accept error after which
		// the worker goes on without metrics rather than stop a sync.
		_ = srv.Serve(ln)
	}()
	return ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}, nil
}
