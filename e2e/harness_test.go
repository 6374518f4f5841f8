package e2e

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/crmsync/crmsync/activities"
	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/salesforce"
	sfsandbox "github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/workflows"
	"github.com/crmsync/crmsync/zendesk"
)

// env is one isolated crmsync: its own sandbox, store and task queue on the
// shared dev server.
type env struct {
	t         testing.TB
	data      *seed.Dataset
	zdServer  *zdsandbox.Server
	sfServer  *sfsandbox.Server
	zd        *zendesk.Client
	sf        *salesforce.Client
	store     *store.Store
	acts      *activities.Activities
	taskQueue string
	// zendeskURL and salesforceURL are the sandboxes, for a worker run as
	// a process of its own.
	zendeskURL, salesforceURL string
	// syncTimeout bounds a sync; zero: 10 minutes.
	syncTimeout time.Duration
	// bearer records every access token the worker sent to Salesforce.
	bearer *tokenRecorder
	// zendeskAhead is how far the Zendesk sandbox's clock runs ahead of
	// real time: its exports leave out the last minute, so a test moves
	// the clock on rather than wait.
	zendeskAhead atomic.Int64
	// salesforceAhead moves the Salesforce sandbox's clock the same way,
	// to order edits on the two sides.
	salesforceAhead atomic.Int64
}

func (e *env) salesforceNow() time.Time {
	return time.Now().Add(time.Duration(e.salesforceAhead.Load()))
}

func (e *env) zendeskNow() time.Time {
	return time.Now().Add(time.Duration(e.zendeskAhead.Load()))
}

// aheadOnZendesk moves the Zendesk sandbox's clock d further on.
func (e *env) aheadOnZendesk(d time.Duration) { e.zendeskAhead.Add(int64(d)) }

// envOption sets up an env before its sandbox and worker start.
type envOption func(*envSetup)

type envSetup struct {
	mapping  string
	sfFields []sfsandbox.FieldDef
	// storeDSN and instance, when set, put the env's state in a partition
	// of a store other envs share.
	storeDSN, instance string
	// zendeskRPM is the Zendesk sandbox's fixed-window limit; zero:
	// unlimited.
	zendeskRPM int
	// noWorker leaves the task queue to worker processes the test starts.
	noWorker bool
}

// withMapping runs the env's worker on a mapping file's content.
func withMapping(content string) envOption {
	return func(s *envSetup) { s.mapping = content }
}

// withInstance keeps the env's state as instance in the store at dsn,
// which other envs of the test may share, and gives it a task queue of its
// own.
func withInstance(dsn, instance string) envOption {
	return func(s *envSetup) { s.storeDSN, s.instance = dsn, instance }
}

// withSalesforceFields gives the Salesforce sandbox extra custom fields.
func withSalesforceFields(defs ...sfsandbox.FieldDef) envOption {
	return func(s *envSetup) { s.sfFields = append(s.sfFields, defs...) }
}

func newEnv(t testing.TB, opts seed.Options, options ...envOption) *env {
	t.Helper()
	requireDev(t)
	ctx := context.Background()
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	e := &env{t: t, data: seed.Generate(opts)}
	var setup envSetup
	for _, opt := range options {
		opt(&setup)
	}
	zdCfg := zdsandbox.Config{RequestsPerMinute: -1, ExportRequestsPerMinute: -1, Now: e.zendeskNow}
	if setup.zendeskRPM > 0 {
		// A limited account has Zendesk's export limit too.
		zdCfg.RequestsPerMinute, zdCfg.ExportRequestsPerMinute = setup.zendeskRPM, 0
	}
	e.zdServer = zdsandbox.New(zdCfg, e.data.Zendesk)
	zsrv := httptest.NewServer(e.zdServer)
	t.Cleanup(zsrv.Close)
	e.sfServer = sfsandbox.New(sfsandbox.Config{Now: e.salesforceNow, CustomFields: setup.sfFields}, e.data.Salesforce)
	e.bearer = &tokenRecorder{seen: map[string]bool{}}
	ssrv := httptest.NewServer(e.bearer.wrap(e.sfServer))
	t.Cleanup(ssrv.Close)
	e.zendeskURL, e.salesforceURL = zsrv.URL, ssrv.URL

	var err error
	e.zd, err = zendesk.NewClient(zendesk.Config{BaseURL: zsrv.URL, Email: "admin@example.com", APIToken: "sandbox-token"})
	require.NoError(t, err)
	e.sf, err = salesforce.NewClient(salesforce.Config{LoginURL: ssrv.URL, ClientID: "sandbox-client", ClientSecret: "sandbox-secret"})
	require.NoError(t, err)
	dsn := "sqlite:" + t.TempDir() + "/state.db"
	var storeOpts []store.Option
	if setup.storeDSN != "" {
		dsn, storeOpts = setup.storeDSN, append(storeOpts, store.WithInstance(setup.instance))
	}
	e.store, err = store.Open(ctx, dsn, storeOpts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = e.store.Close() })

	o := activities.DefaultOptions()
	o.JobPoll = 20 * time.Millisecond
	e.acts = &activities.Activities{Salesforce: e.sf, Zendesk: e.zd, Store: e.store, Mapping: mapping.New(pairs.Defaults()), Options: o,
		Temporal: dev}
	if setup.mapping != "" {
		path := filepath.Join(t.TempDir(), "mapping.yaml")
		require.NoError(t, os.WriteFile(path, []byte(setup.mapping), 0o600))
		m, err := mapping.Load(path, pairs.Defaults())
		require.NoError(t, err)
		e.acts.Mapping = m
	}
	require.NoError(t, e.acts.Check(ctx))

	e.taskQueue = "e2e-" + strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
	if setup.instance != "" {
		e.taskQueue += "-" + workflows.TaskQueueFor(setup.instance)
	}
	if setup.noWorker {
		return e
	}
	w := worker.New(dev, e.taskQueue, worker.Options{})
	workflows.Register(w, e.acts)
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
	return e
}

// sync runs a Sync workflow to its end.
func (e *env) sync(in workflows.SyncInput) (*workflows.SyncResult, client.WorkflowRun, error) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), cmp.Or(e.syncTimeout, 10*time.Minute))
	defer cancel()
	run, err := dev.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: e.taskQueue}, workflows.Sync, in)
	require.NoError(e.t, err)
	var res workflows.SyncResult
	err = run.Get(ctx, &res)
	return &res, run, err
}

// rejectedInHistory reads every rejection from the page activities'
// results in the workflow's history (across continue-as-new runs), as a
// user of the Web UI would.
func (e *env) rejectedInHistory(workflowID, runID string) map[string]activities.Rejection {
	out := map[string]activities.Rejection{}
	e.walkHistory(workflowID, runID, func(ev *historypb.HistoryEvent) {
		a := ev.GetActivityTaskCompletedEventAttributes()
		for _, p := range a.GetResult().GetPayloads() {
			var r struct {
				Rejected []activities.Rejection
				Resolved *activities.ResolveResult // a fetch's
			}
			if json.Unmarshal(p.GetData(), &r) == nil {
				if r.Resolved != nil {
					r.Rejected = r.Resolved.Rejected
				}
				for _, rej := range r.Rejected {
					key := rej.SalesforceID
					if key == "" {
						key = fmt.Sprintf("%s/zendesk/%d", rej.Pair, rej.ZendeskID)
					}
					out[key] = rej
				}
			}
		}
	})
	return out
}

// activitiesWith is the env's activities under another mapping.
func (e *env) activitiesWith(m *mapping.Config) *activities.Activities {
	return &activities.Activities{Salesforce: e.acts.Salesforce, Zendesk: e.acts.Zendesk, Store: e.acts.Store,
		Mapping: m, Options: e.acts.Options, Temporal: e.acts.Temporal, Now: e.acts.Now}
}
