package e2e

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// TestRecordReplayHistory writes the history of a real run, with a
// rate-limit pause in it, to the file CRMSYNC_RECORD_HISTORY names. The
// replay test in workflows/ replays the committed copy so that a change to
// workflow code that would break running syncs fails CI. Run it by hand
// after an intended, versioned workflow change:
//
//	CRMSYNC_RECORD_HISTORY=$PWD/workflows/testdata/sync-history.json go test ./e2e/ -run TestRecordReplayHistory
func TestRecordReplayHistory(t *testing.T) {
	out := os.Getenv("CRMSYNC_RECORD_HISTORY")
	if out == "" {
		t.Skip("set CRMSYNC_RECORD_HISTORY to record a history for the replay test")
	}
	e := newEnv(t, seed.Options{Seed: 2, Accounts: 30, Contacts: 300, Tickets: 1})
	ctx := context.Background()
	run, err := dev.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: e.taskQueue}, workflows.Sync, workflows.SyncInput{Mode: "full"})
	require.NoError(t, err)
	// A short 429 storm while the first pages run puts a pause in the history.
	e.zdServer.Faults().Storm(2 * time.Second)
	require.NoError(t, run.Get(ctx, nil))

	var events []*historypb.HistoryEvent
	it := dev.GetWorkflowHistory(ctx, run.GetID(), run.GetRunID(), false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	paused := false
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(t, err)
		paused = paused || ev.GetTimerStartedEventAttributes() != nil
		events = append(events, ev)
	}
	require.True(t, paused, "the recorded run should hold a pause timer")
	js, err := protojson.MarshalOptions{Indent: "  "}.Marshal(&historypb.History{Events: events})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(out, js, 0o644))
}
