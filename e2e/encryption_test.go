package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/codec"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// TestEncryptionKeepsContactsOutOfHistory runs the same full sync twice on
// the same seed: in clear, where an invalid email shows in history as part
// of its rejection reason, and with CRMSYNC_ENCRYPTION_KEY's codec, where
// no contact email or name may appear in the raw history while the decoded
// result is the same.
func TestEncryptionKeepsContactsOutOfHistory(t *testing.T) {
	opts := seed.Options{Seed: 23, Accounts: 30, Contacts: 300, Tickets: 5, Now: time.Now()}
	var (
		invalid  []string
		plainRes *workflows.SyncResult
	)

	t.Run("plain", func(t *testing.T) {
		e := newEnv(t, opts)
		res, run, err := e.sync(workflows.SyncInput{Mode: "full"})
		require.NoError(t, err)
		plainRes = res
		raw := encRawHistory(t, dev, run.GetID(), run.GetRunID())
		for _, c := range e.data.Salesforce.Contacts {
			email, _ := c["Email"].(string)
			if email = strings.TrimSpace(email); email != "" && !seed.ZendeskEmailValid(strings.ToLower(email)) {
				invalid = append(invalid, email)
			}
		}
		require.NotEmpty(t, invalid, "the seed must hold invalid emails, or the control proves nothing")
		var seen int
		for _, email := range invalid {
			if bytes.Contains(raw, []byte(email)) {
				seen++
			}
		}
		assert.Positive(t, seen, "without encryption, rejected emails are readable in history")
		assert.True(t, bytes.Contains(raw, []byte("is not a valid email address")), "without encryption, rejection reasons are readable")
	})

	t.Run("encrypted", func(t *testing.T) {
		require.NotNil(t, plainRes, "the plain run must pass first")
		e := newEnv(t, opts)
		key, err := codec.ParseKey("e2e-1:" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, codec.KeySize)))
		require.NoError(t, err)
		dc, err := codec.DataConverter(key)
		require.NoError(t, err)
		enc, err := client.NewClientFromExisting(dev, client.Options{DataConverter: dc, FailureConverter: codec.FailureConverter(dc), Logger: quietLogger{}})
		require.NoError(t, err)
		t.Cleanup(enc.Close)

		// newEnv's own worker decodes in clear: keep ours on its own queue.
		queue := e.taskQueue + "-codec"
		w := worker.New(enc, queue, worker.Options{})
		workflows.Register(w, e.acts)
		require.NoError(t, w.Start())
		t.Cleanup(w.Stop)

		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		run, err := enc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: queue}, workflows.Sync, workflows.SyncInput{Mode: "full"})
		require.NoError(t, err)
		var res workflows.SyncResult
		require.NoError(t, run.Get(ctx, &res))

		// Decoded, the result is the plain run's.
		assert.Equal(t, plainRes.Objects, res.Objects)
		assert.Equal(t, plainRes.RejectedTotal, res.RejectedTotal)
		assert.ElementsMatch(t, encRejectionSet(plainRes.Rejected), encRejectionSet(res.Rejected))
		assert.True(t, encAnyReasonQuotes(res.Rejected, invalid), "the decoded result still names the invalid emails")

		raw := encRawHistory(t, dev, run.GetID(), run.GetRunID())
		for _, c := range e.data.Salesforce.Contacts {
			for _, field := range []string{"Email", "Name"} {
				v, _ := c[field].(string)
				// Short values could occur in random ciphertext by chance.
				if v = strings.TrimSpace(v); len(v) >= 6 {
					assert.False(t, bytes.Contains(raw, []byte(v)), "contact %s %s %q is in history in clear", c["Id"], field, v)
				}
			}
		}
		assert.False(t, bytes.Contains(raw, []byte("is not a valid email address")), "rejection reasons are encrypted too")

		var total, clear int
		encHistoryPayloads(t, dev, run.GetID(), run.GetRunID(), func(p *commonpb.Payload) {
			total++
			if string(p.GetMetadata()[codec.MetadataEncoding]) != codec.EncodingEncrypted ||
				string(p.GetMetadata()[codec.MetadataEncryptionKey]) != "e2e-1" {
				clear++
			}
		})
		assert.Greater(t, total, 5, "the history holds the input, page results and the result")
		assert.Zero(t, clear, "every payload in history is encrypted with the active key")

		// The progress query is answered encrypted: readable with the key,
		// not without it.
		q, err := enc.QueryWorkflow(ctx, run.GetID(), run.GetRunID(), workflows.ProgressQuery)
		require.NoError(t, err)
		var progress workflows.SyncResult
		require.NoError(t, q.Get(&progress))
		assert.Equal(t, res.RejectedTotal, progress.RejectedTotal)
		q, err = dev.QueryWorkflow(ctx, run.GetID(), run.GetRunID(), workflows.ProgressQuery)
		require.NoError(t, err)
		assert.Error(t, q.Get(&progress), "a client without the key cannot read the answer")
	})
}

// encRawHistory is the wire form of every event of a workflow, across
// continue-as-new runs: what the server stores, with payload bytes as they
// are (protojson would hide them behind base64).
func encRawHistory(t *testing.T, c client.Client, workflowID, runID string) []byte {
	t.Helper()
	var raw []byte
	encWalkRuns(t, c, workflowID, runID, func(ev proto.Message) {
		b, err := proto.Marshal(ev)
		require.NoError(t, err)
		raw = append(raw, b...)
	})
	return raw
}

// encHistoryPayloads calls fn for every Payload anywhere in the history,
// found by reflection so that no event type is overlooked.
func encHistoryPayloads(t *testing.T, c client.Client, workflowID, runID string, fn func(*commonpb.Payload)) {
	t.Helper()
	encWalkRuns(t, c, workflowID, runID, func(ev proto.Message) {
		// The SDK records which code changes a run took (workflow.GetVersion)
		// in the TemporalChangeVersion search attribute; search attributes
		// are never encrypted, and this one holds change ids only.
		sa := ev.(*historypb.HistoryEvent).GetUpsertWorkflowSearchAttributesEventAttributes().GetSearchAttributes().GetIndexedFields()
		if _, ok := sa["TemporalChangeVersion"]; ok && len(sa) == 1 {
			return
		}
		encPayloads(ev.ProtoReflect(), fn)
	})
}

func encWalkRuns(t *testing.T, c client.Client, workflowID, runID string, fn func(proto.Message)) {
	t.Helper()
	for runID != "" {
		it := c.GetWorkflowHistory(context.Background(), workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		next := ""
		for it.HasNext() {
			ev, err := it.Next()
			require.NoError(t, err)
			fn(ev)
			if a := ev.GetWorkflowExecutionContinuedAsNewEventAttributes(); a != nil {
				next = a.GetNewExecutionRunId()
			}
		}
		runID = next
	}
}

func encPayloads(m protoreflect.Message, fn func(*commonpb.Payload)) {
	if p, ok := m.Interface().(*commonpb.Payload); ok {
		fn(p)
		return
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Message() != nil:
			for i := 0; i < v.List().Len(); i++ {
				encPayloads(v.List().Get(i).Message(), fn)
			}
		case fd.IsMap() && fd.MapValue().Message() != nil:
			v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
				encPayloads(mv.Message(), fn)
				return true
			})
		case !fd.IsList() && !fd.IsMap() && fd.Message() != nil:
			encPayloads(v.Message(), fn)
		}
		return true
	})
}

func encRejectionSet(rs []activities.Rejection) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Pair + "/" + r.SalesforceID + "/" + r.Reason
	}
	return out
}

func encAnyReasonQuotes(rs []activities.Rejection, emails []string) bool {
	for _, r := range rs {
		for _, e := range emails {
			if strings.Contains(r.Reason, e) {
				return true
			}
		}
	}
	return false
}
