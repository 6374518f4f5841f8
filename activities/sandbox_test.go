package activities

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/salesforce"
	sfsandbox "github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
	zdsandbox "github.com/crmsync/crmsync/sandbox/zendesk"
	"github.com/crmsync/crmsync/store"
	"github.com/crmsync/crmsync/zendesk"
)

// fixture is the activities against an in-process sandbox: real clients,
// a real SQLite store, no Temporal server (the activity environment).
type fixture struct {
	acts  *Activities
	data  *seed.Dataset
	zd    *zdsandbox.Server
	sf    *sfsandbox.Server
	zdURL string
	env   *testsuite.TestActivityEnvironment
}

func newFixture(t *testing.T, opts seed.Options, zdCfg zdsandbox.Config) *fixture {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	data := seed.Generate(opts)
	if zdCfg.RequestsPerMinute == 0 {
		zdCfg.RequestsPerMinute = -1
	}
	zdCfg.ExportRequestsPerMinute = -1
	zd := zdsandbox.New(zdCfg, data.Zendesk)
	zsrv := httptest.NewServer(zd)
	t.Cleanup(zsrv.Close)
	sf := sfsandbox.New(sfsandbox.Config{}, data.Salesforce)
	ssrv := httptest.NewServer(sf)
	t.Cleanup(ssrv.Close)
	zc, err := zendesk.NewClient(zendesk.Config{BaseURL: zsrv.URL, Email: "admin@example.com", APIToken: "sandbox-token"})
	require.NoError(t, err)
	sc, err := salesforce.NewClient(salesforce.Config{LoginURL: ssrv.URL, ClientID: "sandbox-client", ClientSecret: "sandbox-secret"})
	require.NoError(t, err)
	st, err := store.Open(context.Background(), "sqlite:"+t.TempDir()+"/state.db")
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	o := DefaultOptions()
	o.JobPoll = 5 * time.Millisecond
	acts := &Activities{Salesforce: sc, Zendesk: zc, Store: st, Mapping: mapping.New(pairs.Defaults()), Options: o}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	return &fixture{acts: acts, data: data, zd: zd, sf: sf, zdURL: zsrv.URL, env: env}
}

// testRun keys the staging of a fixture's steps.
const testRun = "test/run"

// exec runs one activity and decodes its result into out.
func (f *fixture) exec(t *testing.T, fn any, in StepInput, out any) {
	t.Helper()
	v, err := f.env.ExecuteActivity(fn, in)
	require.NoError(t, err)
	require.NoError(t, v.Get(out))
}

// resolved fetches and resolves the first Salesforce page of a pair and
// returns the input its upsert takes.
func (f *fixture) resolved(t *testing.T, pair string) (StepInput, *ResolveResult) {
	t.Helper()
	in := StepInput{Run: testRun, Pair: pair, Phase: PhaseSalesforce}
	var fr FetchResult
	f.exec(t, f.acts.Fetch, in, &fr)
	require.True(t, fr.Done, "the fixture's records fit one page")
	require.NotEmpty(t, fr.Page)
	in.Page = fr.Page
	var rr ResolveResult
	f.exec(t, f.acts.Resolve, in, &rr)
	return in, &rr
}

func (f *fixture) upsert(t *testing.T, in StepInput) *UpsertResult {
	t.Helper()
	var r UpsertResult
	f.exec(t, f.acts.Upsert, in, &r)
	return &r
}

func (f *fixture) indexAll(t *testing.T) {
	t.Helper()
	in := StepInput{Run: testRun, Pair: "contacts", Phase: PhaseIndex}
	for {
		var r FetchResult
		f.exec(t, f.acts.Fetch, in, &r)
		if r.Done {
			return
		}
		in.Token = r.Next
	}
}

func (f *fixture) requests(endpoint string) int64 {
	return f.zd.Stats().Snapshot().Requests[endpoint]
}
