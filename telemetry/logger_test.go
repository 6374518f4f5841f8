package telemetry

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoggerFormatsAndLevels(t *testing.T) {
	var buf bytes.Buffer
	l, err := NewLogger(&buf, "JSON", "warn")
	require.NoError(t, err)
	l.Info("hidden")
	l.Warn("shown", "WorkflowID", "w1")
	var line map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line), buf.String())
	assert.Equal(t, "shown", line["msg"])
	assert.Equal(t, "w1", line["WorkflowID"])

	buf.Reset()
	l, err = NewLogger(&buf, "text", "info")
	require.NoError(t, err)
	l.Info("started", "TaskQueue", "crmsync")
	assert.Contains(t, buf.String(), `msg=started TaskQueue=crmsync`)

	_, err = NewLogger(&buf, "xml", "info")
	assert.ErrorContains(t, err, `format "xml"`)
	_, err = NewLogger(&buf, "text", "loud")
	assert.ErrorContains(t, err, `level "loud"`)
}
