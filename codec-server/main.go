// Command codec-server decrypts crmsync's encrypted Temporal payloads for
// the Web UI and the temporal CLI:
//
//	CRMSYNC_ENCRYPTION_KEY=... go run ./codec-server -addr 127.0.0.1:8081 -cors-origin http://127.0.0.1:8233
//	temporal server start-dev --ui-codec-endpoint http://127.0.0.1:8081
//	temporal workflow show -w crmsync-sync --codec-endpoint http://127.0.0.1:8081
//
// It holds the keys and decrypts anything posted to it: bind it to
// loopback or a private network, never expose it publicly, and set
// CRMSYNC_CODEC_AUTH_TOKEN when anyone else can reach it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/crmsync/crmsync/codec"
)

// envAuthToken is read when -auth-token is not given; the flag has no
// default so that -h never prints the token.
const envAuthToken = "CRMSYNC_CODEC_AUTH_TOKEN"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "codec-server:", err)
		os.Exit(1)
	}
}

type options struct {
	addr    string
	origins []string
	token   string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("codec-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8081", "listen address")
	origins := fs.String("cors-origin", "", "comma-separated origins allowed by CORS, e.g. the Web UI's http://127.0.0.1:8233")
	fs.StringVar(&o.token, "auth-token", "", "required Authorization header value (token or \"Bearer token\"); default $"+envAuthToken)
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, s := range strings.Split(*origins, ",") {
		if s = strings.TrimRight(strings.TrimSpace(s), "/"); s != "" {
			o.origins = append(o.origins, s)
		}
	}
	if o.token == "" {
		o.token = os.Getenv(envAuthToken)
	}
	return o, nil
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	keys, err := codec.KeysFromEnv()
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return fmt.Errorf("%s is not set: nothing to decrypt with", codec.EnvEncryptionKey)
	}
	c, err := codec.New(keys...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.addr, err)
	}
	if o.token == "" && !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "codec-server: WARNING: %s is reachable beyond this machine and no %s is set: anyone who reaches it can decrypt\n", ln.Addr(), envAuthToken)
	}
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	fmt.Fprintf(stderr, "codec-server: listening on http://%s, keys %s, CORS origins %q, auth %t\n",
		ln.Addr(), strings.Join(ids, ","), o.origins, o.token != "")
	srv := &http.Server{Handler: newHandler(c, o.origins, o.token), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
