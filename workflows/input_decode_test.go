package workflows

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
)

func TestInputDecodesStrictly(t *testing.T) {
	cases := []struct {
		name string
		json string
		want SyncInput
		// bad is the whole message the workflow would fail with.
		bad string
	}{
		{name: "every field", json: `{"mode":"full","objects":["contacts"],"dry_run":true}`,
			want: SyncInput{Mode: "full", Objects: []string{"contacts"}, DryRun: true}},
		{name: "empty object", json: `{}`},
		{name: "null payload", json: `null`},
		{name: "null fields keep defaults", json: `{"mode":null,"objects":null,"dry_run":null}`},
		{name: "typo of dry_run", json: `{"mode":"full","dryrun":true}`,
			bad: `input: unknown field "dryrun"; accepted fields: mode, objects, dry_run`},
		{name: "field in another case", json: `{"Mode":"full"}`,
			bad: `input: unknown field "Mode"; accepted fields: mode, objects, dry_run`},
		{name: "first mistake in input order", json: `{"zz":1,"aa":2}`,
			bad: `input: unknown field "zz"; accepted fields: mode, objects, dry_run`},
		{name: "objects as a string", json: `{"objects":"contacts"}`,
			bad: `input: field "objects": want a list of pair names like ["contacts"], got a string`},
		{name: "objects holding numbers", json: `{"objects":["contacts",7]}`,
			bad: `input: field "objects": want a list of pair names like ["contacts"], got a list holding a number`},
		{name: "mode as a number", json: `{"mode":1}`,
			bad: `input: field "mode": want "full" or "incremental", got a number`},
		{name: "dry_run as a string", json: `{"dry_run":"yes"}`,
			bad: `input: field "dry_run": want true or false, got a string`},
		{name: "not an object", json: `["full"]`,
			bad: `input: want a JSON object like {"mode":"full"}, got a list`},
		{name: "a bare string", json: `"full"`,
			bad: `input: want a JSON object like {"mode":"full"}, got a string`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var in SyncInput
			require.NoError(t, json.Unmarshal([]byte(tc.json), &in), "a mistake is kept, never returned")
			assert.Equal(t, tc.bad, in.invalid)
			if tc.bad == "" {
				assert.Equal(t, tc.want, in)
			}
		})
	}
}

// A bad value is valid JSON: normalize names it, with what is accepted.
func TestInputValuesAreChecked(t *testing.T) {
	cases := []struct {
		json string
		want string
	}{
		{`{"mode":"sideways"}`, `input: field "mode": "sideways" is no mode; want "full" or "incremental"`},
		{`{"objects":["contacts","cases"]}`, `input: field "objects": object "cases": want one of [accounts contacts leads tickets comments]`},
	}
	for _, tc := range cases {
		t.Run(tc.json, func(t *testing.T) {
			var in SyncInput
			require.NoError(t, json.Unmarshal([]byte(tc.json), &in))
			_, _, err := normalize(in)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

// A continuation goes through the SDK's converter like any input: it
// must come back whole, and one written by an older worker with a field
// since dropped must still read.
func TestContinuationStillDecodes(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	next := SyncInput{Mode: "full", DryRun: true, Continuation: &Continuation{StartedAt: at, Run: "wf/run", Index: 1,
		Objects: []PairResult{{Object: "accounts", Total: 3, Done: true}}, Step: stepResolve, Runs: 2}}
	dc := converter.GetDefaultDataConverter()
	p, err := dc.ToPayload(next)
	require.NoError(t, err)
	var got SyncInput
	require.NoError(t, dc.FromPayload(p, &got))
	assert.Equal(t, next, got)

	var old SyncInput
	require.NoError(t, json.Unmarshal([]byte(`{"mode":"full","continuation":{"run":"wf/run","retired_field":1}}`), &old))
	assert.Empty(t, old.invalid)
	require.NotNil(t, old.Continuation)
	assert.Equal(t, "wf/run", old.Continuation.Run)
}
