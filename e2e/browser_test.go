package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/seed"
	"github.com/crmsync/crmsync/workflows"
)

// A user runs a sync from the Web UI alone and reads its story there: the
// Start Workflow form starts it, the Workflows list finds it by its search
// attributes, and its page shows the result and each step's summary.
func TestWebUIStartsFindsAndTellsASync(t *testing.T) {
	b := newBrowser(t)
	e := newEnv(t, seed.Options{Seed: 91, Accounts: 5, Contacts: 40, Tickets: 1})
	ns := devUI + "/namespaces/default"
	id := "browser-" + time.Now().UTC().Format("20060102T150405.000")
	ctx := context.Background()

	b.open(ns + "/workflows/start-workflow")
	b.typeInto("#workflowId", id)
	b.typeInto("#taskQueue", e.taskQueue)
	b.typeInto("#workflowType", "Sync")
	b.typeInto(".cm-content", `{"mode":"full","objects":["accounts","contacts"]}`)
	b.shot("start-form")
	// The form re-lays itself out as a field loses focus (the task queue's
	// worker count shows up, the JSON is reformatted), so a click may land
	// beside the moving button. Click again only when the server has had
	// time to see a run: a second start of a finished id is a second run.
	runID := ""
	for click := 0; click < 3 && runID == ""; click++ {
		b.click("[data-testid=start-workflow-button]")
		for wait := time.Now().Add(5 * time.Second); runID == "" && time.Now().Before(wait); time.Sleep(200 * time.Millisecond) {
			if d, err := dev.DescribeWorkflowExecution(ctx, id, ""); err == nil {
				runID = d.GetWorkflowExecutionInfo().GetExecution().GetRunId()
			}
		}
	}
	require.NotEmpty(t, runID, "the form starts the workflow")
	b.shot("started")

	wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	run := dev.GetWorkflow(wctx, id, runID)
	var res workflows.SyncResult
	require.NoError(t, run.Get(wctx, &res), "the sync the form started")
	require.Len(t, res.Objects, 2, "the form's input reached the workflow")

	rows := "[data-testid=workflows-summary-configurable-table-row]"
	search := func(query string) {
		b.open(ns + "/workflows")
		b.element("[data-testid=toggle-manual-query]")
		var open bool
		b.script(`return document.querySelector("[data-testid=manual-search-input]") !== null`, &open)
		if !open {
			b.click("[data-testid=toggle-manual-query]")
		}
		b.typeInto("[data-testid=manual-search-input]", query)
		b.click("[data-testid=manual-search-button]")
	}
	mine := fmt.Sprintf(`TaskQueue = "%s" AND `, e.taskQueue)
	search(mine + `CrmsyncMode = "full" AND CrmsyncObjects = "contacts" AND CrmsyncOutcome = "succeeded_with_rejections"`)
	row := b.waitText(rows, func(s string) bool { return strings.Contains(s, id) && strings.Contains(s, "Completed") })
	b.shot("list-by-search-attributes")
	assert.Contains(t, row, id, "the list filtered by search attributes shows the run")
	assert.Contains(t, row, "Completed")
	assert.Equal(t, "1", b.waitText("[data-testid=workflow-count]", func(s string) bool { return s == "1" }), "only the run")

	// The same list for another mode must not show it: the query filters.
	search(mine + `CrmsyncMode = "incremental"`)
	page := b.waitText("main", func(s string) bool { return strings.Contains(s, "No Results") })
	b.shot("list-other-mode")
	assert.Contains(t, page, "No Results", "no incremental run")
	assert.NotContains(t, page, id)

	b.open(ns + "/workflows/" + id + "/" + runID + "/history")
	assert.Equal(t, id, b.waitText("[data-testid=workflow-id-heading]", func(s string) bool { return strings.TrimSpace(s) == id }))
	events := "[data-testid=event-summary-table]"
	b.waitText(events, func(s string) bool { return strings.Contains(s, "Workflow Execution Completed") })
	b.shot("run")

	// The Result panel holds the SyncResult as the worker returned it.
	var panels []string
	b.script(`return Array.from(document.querySelectorAll("[data-testid=input-and-result] .cm-content")).map(e => e.textContent)`, &panels)
	require.Len(t, panels, 2, "Input and Result panels")
	var shown workflows.SyncResult
	require.NoError(t, json.Unmarshal([]byte(panels[1]), &shown), "the Result panel is JSON: %s", panels[1])
	assert.Equal(t, res.Objects, shown.Objects, "the Result panel shows each pair's counts")
	assert.Equal(t, res.RejectedTotal, shown.RejectedTotal)
	assert.Positive(t, shown.RejectedTotal, "the seed has invalid contacts")

	// Each step reads as its summary, in the event table and on the timeline.
	table := strings.Join(strings.Fields(b.text(events)), " ")
	for _, want := range []string{
		"Activity Type Fetch Summary contacts salesforce page 1: read",
		// Contacts pages are read ahead by the index and resolved by their
		// fetch; accounts still resolve in a step of their own.
		"Activity Type Resolve Summary accounts salesforce page 1: " + fmt.Sprint(res.Objects[0].Total) + " read, resolve",
	} {
		assert.Contains(t, table, want)
	}
	upsert := fmt.Sprintf(`Activity Type Upsert Summary contacts salesforce page 1: %d read, %d rejected, \d+ conflicts, write`,
		res.Objects[1].Total, res.Objects[1].Counts.Rejected)
	assert.Regexp(t, regexp.MustCompile(upsert), table)
	var timeline []string
	b.script(`return Array.from(document.querySelectorAll("svg text")).map(e => e.textContent.trim())`, &timeline)
	assert.Contains(t, timeline, "Fetch • contacts salesforce page 1: read")
	assert.Contains(t, timeline, "Fetch • accounts salesforce page 1: read")
}
