package telemetry

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	tlog "go.temporal.io/sdk/log"
)

// NewLogger makes the logger the worker gives the SDK: slog as text (one
// key=value line, for a terminal) or JSON (for a log collector), at level
// and above, URL queries redacted. The SDK tags what it logs for a
// workflow or an activity with the workflow id and run id.
func NewLogger(w io.Writer, format, level string) (tlog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv, ReplaceAttr: redactQueries}
	var h slog.Handler
	switch strings.ToLower(format) {
	case "text":
		h = slog.NewTextHandler(w, opts)
	case "json":
		h = slog.NewJSONHandler(w, opts)
	default:
		return nil, fmt.Errorf("format %q: want text or json", format)
	}
	return tlog.NewStructuredLogger(slog.New(h)), nil
}
