package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// scaled is n times CRMSYNC_BENCH_SIZE (make bench's SIZE), the fraction
// of the full sizes a run takes, at least 1.
func scaled(b *testing.B, n int) int {
	b.Helper()
	size := 1.0
	if v := os.Getenv("CRMSYNC_BENCH_SIZE"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		require.NoError(b, err, "CRMSYNC_BENCH_SIZE")
		require.True(b, f > 0 && f <= 1, "CRMSYNC_BENCH_SIZE=%s: want a fraction of the full sizes, 0 < SIZE ≤ 1", v)
		size = f
	}
	return max(1, int(math.Round(float64(n)*size)))
}

// ceilDiv is the number of calls of up to per records that n records need.
func ceilDiv(n, per int) int { return (n + per - 1) / per }

// benchSetup is how a scenario's worker processes run.
type benchSetup struct {
	// workers is how many processes serve the task queue; zero: one.
	workers int
	// postgres puts the state in a fresh PostgreSQL database instead of
	// a SQLite file.
	postgres bool
	// zendeskRPM limits the Zendesk sandbox to fixed one-minute windows;
	// the workers keep their default, paced by the rate-limit headers.
	zendeskRPM int
	// mapping is a mapping file for the workers; empty: the built-in one.
	mapping string
}

// benchEnv is an env whose task queue only worker processes serve.
type benchEnv struct {
	*env
	workers []*workerProcess
	// storeFile is the SQLite store's file; empty for PostgreSQL.
	storeFile string
}

func newBenchEnv(b *testing.B, opts seed.Options, s benchSetup) *benchEnv {
	b.Helper()
	const instance = "bench"
	be := &benchEnv{}
	dsn := ""
	if s.postgres {
		dsn = freshPostgres(b)
	} else {
		be.storeFile = filepath.Join(b.TempDir(), "state.db")
		dsn = "sqlite:" + be.storeFile
	}
	be.env = newEnv(b, opts, withInstance(dsn, instance), func(es *envSetup) {
		es.noWorker, es.zendeskRPM = true, s.zendeskRPM
	})
	// A million contacts take longer than a test's sync.
	be.syncTimeout = time.Hour
	settings := []string{"CRMSYNC_STORE=" + dsn, "CRMSYNC_INSTANCE=" + instance}
	if s.mapping != "" {
		settings = append(settings, "CRMSYNC_MAPPING="+s.mapping)
	}
	workers := max(s.workers, 1)
	for i := range workers {
		be.workers = append(be.workers, be.startWorker(b, fmt.Sprintf("worker-%d", i+1), settings...))
	}
	return be
}

// benchPostgres is the local server the store tests use too.
const benchPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// freshPostgres creates a database for one scenario, dropped at cleanup,
// so that no run reads another's state; it skips where there is no
// server.
func freshPostgres(b *testing.B) string {
	b.Helper()
	db, err := sql.Open("pgx", benchPostgres)
	require.NoError(b, err)
	b.Cleanup(func() { _ = db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		b.Skipf("no PostgreSQL at 127.0.0.1:5432 (%v)", err)
	}
	name := fmt.Sprintf("crmsync_bench_%d", time.Now().UnixNano())
	_, err = db.ExecContext(ctx, "CREATE DATABASE "+name)
	require.NoError(b, err)
	b.Cleanup(func() {
		_, err := db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		assert.NoError(b, err, "drop %s", name)
	})
	return strings.Replace(benchPostgres, "/test?", "/"+name+"?", 1)
}

// peakRSSMiB is the largest worker's peak memory.
func (be *benchEnv) peakRSSMiB(b *testing.B) float64 {
	peak := 0.0
	for _, w := range be.workers {
		peak = max(peak, w.peakRSSMiB(b))
	}
	return peak
}

// storeBytes is the SQLite store's size on disk with its write-ahead log,
// read while the workers still hold it open (closing checkpoints the log).
func (be *benchEnv) storeBytes(b *testing.B) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		fi, err := os.Stat(be.storeFile + suffix)
		if suffix == "" {
			require.NoError(b, err)
		}
		if err == nil {
			n += fi.Size()
		}
	}
	return n
}

// measured is one sync and the sandboxes' counters around it.
type measured struct {
	res              *workflows.SyncResult
	run              client.WorkflowRun
	start            time.Time
	elapsed          time.Duration
	zd0, sf0         admin.Snapshot
	zd, sf           admin.Snapshot
	zdCalls, sfCalls int64
}

func (e *env) measure(b *testing.B, in workflows.SyncInput) measured {
	b.Helper()
	m := measured{zd0: e.zdServer.Stats().Snapshot(), sf0: e.sfServer.Stats().Snapshot(), start: time.Now()}
	res, run, err := e.sync(in)
	m.elapsed = time.Since(m.start)
	require.NoError(b, err)
	m.res, m.run = res, run
	m.zd, m.sf = e.zdServer.Stats().Snapshot(), e.sfServer.Stats().Snapshot()
	m.zdCalls, m.sfCalls = m.zd.TotalRequests-m.zd0.TotalRequests, m.sf.TotalRequests-m.sf0.TotalRequests
	return m
}

// read is how many records the sync read from either side, over every
// pair.
func (m measured) read() int {
	n := 0
	for _, o := range m.res.Objects {
		n += o.Counts.Fetched + o.Counts.Exported
	}
	return n
}

// writes is how many records the sandboxes wrote during the sync.
func (m measured) writes() int64 {
	return writesOf(m.zd) - writesOf(m.zd0) + writesOf(m.sf) - writesOf(m.sf0)
}

// row is the measurement as a table row of records read, with the
// history's events per 1,000 of them and its largest payload.
func (m measured) row(e *env, target int, scenario string) benchRow {
	r := benchRow{Target: target, Scenario: scenario, Records: m.read(),
		ZendeskCalls: m.zdCalls, SalesforceCalls: m.sfCalls, Writes: m.writes(),
		RateLimited:   m.zd.RateLimited - m.zd0.RateLimited,
		ZendeskByKind: callsSince(m.zd0, m.zd), SalesforceKind: callsSince(m.sf0, m.sf)}
	// The run follows continue-as-new to the last run: its history starts
	// at the first.
	d, err := dev.DescribeWorkflowExecution(context.Background(), m.run.GetID(), m.run.GetRunID())
	require.NoError(e.t, err)
	events := 0
	e.walkHistory(m.run.GetID(), d.GetWorkflowExecutionInfo().GetFirstRunId(), func(ev *historypb.HistoryEvent) {
		events++
		r.MaxPayloadBytes = max(r.MaxPayloadBytes, largestPayload(ev.ProtoReflect()))
	})
	if r.Records > 0 {
		r.EventsPer1k = float64(events) * 1000 / float64(r.Records)
	}
	return r
}

// largestPayload is the size of the largest payload anywhere in a
// history event: results, inputs, heartbeats, failures' details, memo.
func largestPayload(m protoreflect.Message) int {
	if p, ok := m.Interface().(*commonpb.Payload); ok {
		return proto.Size(p)
	}
	n := 0
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
			if fd.MapValue().Message() != nil {
				v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
					n = max(n, largestPayload(mv.Message()))
					return true
				})
			}
		case fd.IsList():
			if fd.Message() != nil {
				for i := range v.List().Len() {
					n = max(n, largestPayload(v.List().Get(i).Message()))
				}
			}
		case fd.Message() != nil:
			n = max(n, largestPayload(v.Message()))
		}
		return true
	})
	return n
}

// endState is what a full sync left, counted through the Zendesk API and
// the store, after checking that no record exists twice in Zendesk.
type endState struct {
	Users, Organizations, ContactLinks, AccountLinks int
}

func (e *env) endState(b *testing.B) endState {
	b.Helper()
	ctx := context.Background()
	users, orgs := e.usersByExternalID(ctx), e.organizationsByExternalID(ctx)
	for id, us := range users {
		assert.Len(b, us, 1, "users of contact %s", id)
	}
	for id, o := range orgs {
		assert.Len(b, o, 1, "organizations of account %s", id)
	}
	s := endState{Users: len(users), Organizations: len(orgs)}
	var err error
	s.ContactLinks, err = e.store.CountLinks(ctx, "contacts")
	require.NoError(b, err)
	s.AccountLinks, err = e.store.CountLinks(ctx, "accounts")
	require.NoError(b, err)
	assert.Equal(b, s.Users, s.ContactLinks, "a link for each user, and only those")
	assert.Equal(b, s.Organizations, s.AccountLinks, "a link for each organization, and only those")
	return s
}
