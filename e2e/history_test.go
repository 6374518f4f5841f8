package e2e

import (
	"context"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// tokenRecorder remembers the bearer tokens a client presents, so a test
// can look for them where they must never be.
type tokenRecorder struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (r *tokenRecorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
			r.mu.Lock()
			r.seen[tok] = true
			r.mu.Unlock()
		}
		next.ServeHTTP(w, req)
	})
}

func (r *tokenRecorder) tokens() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for t := range r.seen {
		out = append(out, t)
	}
	return out
}

var payloadData = regexp.MustCompile(`"data":\s*"([A-Za-z0-9+/=]*)"`)

// walkHistory calls fn for every event of a workflow, following
// continue-as-new from the given run to the last.
func (e *env) walkHistory(workflowID, runID string, fn func(*historypb.HistoryEvent)) {
	e.t.Helper()
	ctx := context.Background()
	for runID != "" {
		it := dev.GetWorkflowHistory(ctx, workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		next := ""
		for it.HasNext() {
			ev, err := it.Next()
			require.NoError(e.t, err)
			fn(ev)
			if c := ev.GetWorkflowExecutionContinuedAsNewEventAttributes(); c != nil {
				next = c.GetNewExecutionRunId()
			}
		}
		runID = next
	}
}

// historyText is every event of a workflow, across continue-as-new runs,
// as JSON, followed by the decoded payload bytes (JSON renders them as
// base64), so a plain substring search sees everything history holds.
func (e *env) historyText(workflowID, runID string) string {
	e.t.Helper()
	var b strings.Builder
	e.walkHistory(workflowID, runID, func(ev *historypb.HistoryEvent) {
		js, err := protojson.Marshal(ev)
		require.NoError(e.t, err)
		b.Write(js)
		b.WriteByte('\n')
		for _, m := range payloadData.FindAllSubmatch(js, -1) {
			if raw, err := base64.StdEncoding.DecodeString(string(m[1])); err == nil {
				b.Write(raw)
				b.WriteByte('\n')
			}
		}
	})
	return b.String()
}
