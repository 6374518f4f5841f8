package main

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The help test of usage_test.go reads config's own fields; these are
// embedded, so they are checked here.
func TestHelpListsTheObservabilityVariables(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, printUsage(&out))
	typ := reflect.TypeFor[Observability]()
	require.Positive(t, typ.NumField())
	for i := range typ.NumField() {
		f := typ.Field(i)
		name := f.Tag.Get("envconfig")
		require.NotEmpty(t, name, f.Name)
		assert.Regexp(t, `(?m)^  `+name+` +`+f.Tag.Get("default")+` +`, out.String())
		assert.NotEmpty(t, f.Tag.Get("desc"), name)
		assert.Contains(t, out.String(), f.Tag.Get("desc"))
	}
}

func TestObservabilityDefaultsAndABadLogFormatStopsTheWorkerAtOnce(t *testing.T) {
	cfg, err := loadConfig()
	require.NoError(t, err)
	assert.Equal(t, Observability{LogFormat: "text", LogLevel: "info"}, cfg.Observability, "metrics off, text logs at info")

	t.Setenv("CRMSYNC_LOG_FORMAT", "xml")
	t.Setenv("CRMSYNC_METRICS_ADDR", "127.0.0.1:0")
	err = run()
	assert.ErrorContains(t, err, "CRMSYNC_LOG_FORMAT")
	assert.ErrorContains(t, err, `"xml"`)
	cfg, err = loadConfig()
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:0", cfg.MetricsAddr)
}
