package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/interceptor"
	"go.temporal.io/sdk/worker"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/admin"
	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/telemetry"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

// A sync through a worker wired as cmd worker wires it (the SDK's metrics
// handler and logger on its client, the interceptor on the worker, the
// registry served over HTTP) shows in /metrics with exactly the counts of
// its result, a sample of every page step, the SDK's own metrics and the
// rate-limit storm it sat through; its log lines carry the workflow and
// run ids and no record.
func TestMetricsAndLogsTellWhatASyncDid(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 91, Accounts: 10, Contacts: 120, Tickets: 1})
	tw := newTelemetryWorker(t, e)
	e.zdServer.Faults().Set(admin.FaultConfig{StormSeconds: 2})
	res, run := tw.sync(t, workflows.SyncInput{Mode: "full", Objects: []string{"accounts", "contacts"}})
	require.Len(t, res.Objects, 2)
	require.NotZero(t, res.RejectedTotal, "the seed has invalid contacts")
	got := scrape(t, tw.url)
	got.assertCounts(t, res)
	for _, p := range res.Objects {
		with := func(step string) map[string]string { return map[string]string{"pair": p.Object, "step": step} }
		steps := []string{"fetch", "upsert"}
		if p.Object == "accounts" {
			// Contacts pages are read ahead by the index and resolved by
			// their fetch.
			steps = append(steps, "resolve")
		}
		for _, step := range steps {
			h := got.metric(t, "crmsync_step_duration_seconds", with(step)).GetHistogram()
			assert.NotZero(t, h.GetSampleCount(), "%s %s has samples", p.Object, step)
			assert.Positive(t, h.GetSampleSum(), "%s %s took time", p.Object, step)
		}
	}
	created := res.Objects[1].Counts.Zendesk.Created
	require.NotZero(t, created, "the contacts sync created users")
	assert.Equal(t, float64(created), got.value(t, "crmsync_records_written_total",
		map[string]string{"pair": "contacts", "side": "zendesk", "op": "created"}))
	adopted := res.Objects[1].Counts.Zendesk.Adopted
	require.NotZero(t, adopted, "the seed has users with contacts' emails")
	assert.Equal(t, float64(adopted), got.value(t, "crmsync_records_written_total",
		map[string]string{"pair": "contacts", "side": "zendesk", "op": "adopted"}))

	pauses := 0
	e.walkHistory(run.GetID(), run.GetRunID(), func(ev *historypb.HistoryEvent) {
		if ev.GetTimerStartedEventAttributes() != nil && strings.Contains(string(ev.GetUserMetadata().GetSummary().GetData()), "paused: zendesk") {
			pauses++
		}
	})
	require.NotZero(t, pauses, "the storm paused the sync")
	assert.Equal(t, float64(pauses), got.value(t, "crmsync_rate_limit_waits_total", map[string]string{"service": "zendesk"}))
	assert.GreaterOrEqual(t, got.value(t, "crmsync_rate_limit_wait_seconds_total", map[string]string{"service": "zendesk"}), float64(pauses),
		"each pause waits at least a second")

	// The SDK counts a completion after the server has it, so the client
	// may see the result first.
	completed := map[string]string{"task_queue": tw.queue, "workflow_type": "Sync"}
	assert.Eventually(t, func() bool {
		for _, m := range scrape(t, tw.url)["temporal_workflow_completed"].GetMetric() {
			if labelsInclude(m, completed) && m.GetCounter().GetValue() > 0 {
				return true
			}
		}
		return false
	}, 10*time.Second, 50*time.Millisecond, "the SDK counted the sync's completion")
	assert.NotEmpty(t, got["temporal_request"].GetMetric(), "the SDK counted its requests")
	assert.NotZero(t, got.metric(t, "temporal_activity_execution_latency", map[string]string{"activity_type": "Fetch"}).GetHistogram().GetSampleCount(),
		"the SDK's timers are histograms")

	var steps, paused int
	for line := range strings.Lines(tw.logs.String()) {
		var l map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &l), line)
		switch l["msg"] {
		case "page step done":
			steps++
		case "page step paused by a rate limit":
			paused++
		default:
			continue
		}
		assert.Equal(t, run.GetID(), l["WorkflowID"], line)
		assert.Equal(t, run.GetRunID(), l["RunID"], line)
	}
	assert.Positive(t, steps, "a line per page step at debug")
	assert.Equal(t, pauses, paused, "a line per pause")
	for _, rec := range e.data.Salesforce.Contacts {
		if email, _ := rec["Email"].(string); email != "" {
			assert.False(t, strings.Contains(tw.logs.String(), email), "a contact's email %q is in the logs", email)
		}
	}
}

// A two-way incremental sync counts the Zendesk changes it read from the
// export, the conflict its policy settled and the winner written back to
// Salesforce. The full sync before it runs on the env's plain worker, so
// the counters hold the incremental run alone.
func TestMetricsCountATwoWayConflict(t *testing.T) {
	e, links := twoWay(t, "zendesk_wins")
	tw := newTelemetryWorker(t, e)
	b := links[1]
	e.editSalesforce(b.SalesforceID, salesforce.Record{"Phone": "+1 555 0001"})
	e.aheadOnZendesk(2 * time.Minute)
	e.editZendesk(b.ZendeskID, zendesk.User{Phone: zendesk.String("+1 555 0002")})
	e.aheadOnZendesk(61 * time.Second)
	res, _ := tw.sync(t, workflows.SyncInput{Objects: []string{"contacts"}})
	c := objectCounts(res, "contacts")
	require.Equal(t, 1, c.Conflicts)
	require.NotZero(t, c.Exported, "the run read Zendesk's export")
	require.Equal(t, 1, c.Salesforce.Updated, "Zendesk's phone went to Salesforce")

	got := scrape(t, tw.url)
	got.assertCounts(t, res)
	assert.Equal(t, 1.0, got.value(t, "crmsync_conflicts_total", map[string]string{"pair": "contacts"}))
	assert.Equal(t, 1.0, got.value(t, "crmsync_records_written_total", map[string]string{"pair": "contacts", "side": "salesforce", "op": "updated"}))
}

// A Zendesk client with a budget of its own holds requests back inside
// their steps, which no pause shows: the worker counts those waits per
// service, their number and their seconds.
func TestMetricsCountTheClientsPacingWaits(t *testing.T) {
	e := newEnv(t, seed.Options{Seed: 7, Accounts: 5, Contacts: 30, Tickets: 1})
	srv := httptest.NewServer(e.zdServer)
	t.Cleanup(srv.Close)
	var zd *zendesk.Client
	tw := newTelemetryWorkerOf(t, e, func(m *telemetry.Metrics) *activities.Activities {
		var err error
		// 2 requests a second after a burst of 12, as ZENDESK_REQUESTS_PER_MINUTE=120 makes it:
		// slower than the sync's requests, however fast the rest of the sync goes.
		zd, err = zendesk.NewClient(zendesk.Config{BaseURL: srv.URL, Email: seed.AdminEmail, APIToken: "sandbox-token",
			RequestsPerMinute: 120, OnPacingWait: m.PacingWait("zendesk")})
		require.NoError(t, err)
		acts := e.activitiesWith(e.acts.Mapping)
		acts.Zendesk = zd
		return acts
	})
	zendeskSeries := map[string]string{"service": "zendesk"}
	require.Zero(t, scrape(t, tw.url).value(t, "crmsync_pacing_waits_total", zendeskSeries), "the series is there from zero")
	// Spend the burst, so that the sync's requests wait their turn.
	for range 12 {
		_, err := zd.ShowUsers(context.Background(), []int64{1})
		require.NoError(t, err)
	}

	res, _ := tw.sync(t, workflows.SyncInput{Mode: "full", Objects: []string{"accounts", "contacts"}})
	require.NotZero(t, res.Objects[1].Counts.Zendesk.Created)
	got := scrape(t, tw.url)
	waits := got.value(t, "crmsync_pacing_waits_total", zendeskSeries)
	assert.Positive(t, waits, "the budget held requests back")
	assert.Positive(t, got.value(t, "crmsync_pacing_wait_seconds_total", zendeskSeries))
	assert.Empty(t, got["crmsync_rate_limit_waits_total"].GetMetric(), "no step was paused: these waits are the clients' alone")
}

// telemetryWorker is a worker wired as cmd worker wires it: the SDK's
// metrics handler and a JSON logger at debug on its client, the
// interceptor on the worker, the registry served over HTTP. It runs on a
// task queue of its own beside the env's plain worker.
type telemetryWorker struct {
	client client.Client
	queue  string
	url    string
	logs   lockedBuffer
}

func newTelemetryWorker(t *testing.T, e *env) *telemetryWorker {
	t.Helper()
	return newTelemetryWorkerOf(t, e, func(*telemetry.Metrics) *activities.Activities { return e.acts })
}

// newTelemetryWorkerOf runs the activities acts makes, which may wire
// their clients to the worker's metrics as cmd worker does.
func newTelemetryWorkerOf(t *testing.T, e *env, acts func(*telemetry.Metrics) *activities.Activities) *telemetryWorker {
	t.Helper()
	tw := &telemetryWorker{queue: e.taskQueue + "-telemetry"}
	metrics := telemetry.NewMetrics()
	logger, err := telemetry.NewLogger(&tw.logs, "json", "debug")
	require.NoError(t, err)
	tw.client, err = client.NewClientFromExisting(dev, client.Options{Logger: logger, MetricsHandler: metrics.Temporal()})
	require.NoError(t, err)
	t.Cleanup(tw.client.Close)
	w := worker.New(tw.client, tw.queue, worker.Options{Interceptors: []interceptor.WorkerInterceptor{metrics.Interceptor()}})
	workflows.Register(w, acts(metrics))
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
	addr, stop, err := metrics.Serve("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(stop)
	tw.url = "http://" + addr + "/metrics"
	return tw
}

// sync runs a Sync on the telemetry worker to its successful end.
func (tw *telemetryWorker) sync(t *testing.T, in workflows.SyncInput) (*workflows.SyncResult, client.WorkflowRun) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run, err := tw.client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: tw.queue}, workflows.Sync, in)
	require.NoError(t, err)
	var res workflows.SyncResult
	require.NoError(t, run.Get(ctx, &res))
	return &res, run
}

// families is one scrape, by metric name.
type families map[string]*dto.MetricFamily

func scrape(t *testing.T, url string) families {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	p := expfmt.NewTextParser(model.UTF8Validation)
	got, err := p.TextToMetricFamilies(resp.Body)
	require.NoError(t, err)
	for name, f := range got {
		if strings.HasPrefix(name, "crmsync_") {
			assert.NotEmpty(t, f.GetHelp(), "%s has a HELP text", name)
		}
	}
	return got
}

// assertCounts checks that every pair's counters equal its counts in the
// sync's result, which lists every rejection (to count them by side).
func (f families) assertCounts(t *testing.T, res *workflows.SyncResult) {
	t.Helper()
	require.Equal(t, res.RejectedTotal, len(res.Rejected), "the result lists every rejection")
	for _, p := range res.Objects {
		pair := map[string]string{"pair": p.Object}
		with := func(kv ...string) map[string]string {
			l := map[string]string{"pair": p.Object}
			for i := 0; i < len(kv); i += 2 {
				l[kv[i]] = kv[i+1]
			}
			return l
		}
		assert.Equal(t, float64(p.Counts.Fetched), f.value(t, "crmsync_records_read_total", with("side", "salesforce")), p.Object)
		assert.Equal(t, float64(p.Counts.Exported), f.value(t, "crmsync_records_read_total", with("side", "zendesk")), p.Object)
		for side, wr := range map[string]activities.Writes{"zendesk": p.Counts.Zendesk, "salesforce": p.Counts.Salesforce} {
			for op, n := range map[string]int{"created": wr.Created, "adopted": wr.Adopted, "updated": wr.Updated, "deleted": wr.Deleted} {
				assert.Equal(t, float64(n), f.value(t, "crmsync_records_written_total", with("side", side, "op", op)), "%s %s %s", p.Object, side, op)
			}
		}
		rejected := map[string]int{}
		for _, r := range res.Rejected {
			if r.Pair == p.Object {
				rejected[string(r.Side)]++
			}
		}
		for _, side := range []string{"zendesk", "salesforce"} {
			assert.Equal(t, float64(rejected[side]), f.value(t, "crmsync_records_rejected_total", with("side", side)), "%s %s", p.Object, side)
		}
		assert.Equal(t, p.Counts.Rejected, rejected["zendesk"]+rejected["salesforce"], "%s: every rejection is listed", p.Object)
		assert.Equal(t, float64(p.Counts.Conflicts), f.value(t, "crmsync_conflicts_total", pair), p.Object)
	}
}

// metric is the series of name whose labels include want; the test fails
// when there is none.
func (f families) metric(t *testing.T, name string, want map[string]string) *dto.Metric {
	t.Helper()
	for _, m := range f[name].GetMetric() {
		if labelsInclude(m, want) {
			return m
		}
	}
	require.Failf(t, "no series", "%s%v", name, want)
	return nil
}

// value is a counter's value.
func (f families) value(t *testing.T, name string, want map[string]string) float64 {
	t.Helper()
	return f.metric(t, name, want).GetCounter().GetValue()
}

func labelsInclude(m *dto.Metric, want map[string]string) bool {
	labels := map[string]string{}
	for _, l := range m.GetLabel() {
		labels[l.GetName()] = l.GetValue()
	}
	for k, v := range want {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// lockedBuffer takes the worker's log lines while the test reads them.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
