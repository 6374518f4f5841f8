package telemetry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
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

func TestLoggerRedactsURLQueries(t *testing.T) {
	var buf bytes.Buffer
	l, err := NewLogger(&buf, "text", "warn")
	require.NoError(t, err)
	// What resty hands back when a Zendesk search by email loses its
	// connection, as the SDK logs a failed activity.
	search := &url.Error{Op: "Get", URL: "http://zd.example/api/v2/users/search?query=email%3Ajane%40acme.com", Err: errors.New("connection reset")}
	l.Warn("Activity error.", "Error", fmt.Errorf("zendesk: search users: transient: %w", search),
		"Note", "https://sf.example/services/data/v62.0/query?q=SELECT+Id+FROM+Contact+WHERE+Email+IN+('jane@acme.com')")
	assert.NotContains(t, buf.String(), "jane")
	assert.Contains(t, buf.String(), `zd.example/api/v2/users/search?[query redacted]`, "which call failed stays")
	assert.Contains(t, buf.String(), "connection reset")
	assert.Contains(t, buf.String(), "sf.example/services/data/v62.0/query?[query redacted]")
}
