package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
)

// noWorkerAfter is how long a worker has to poll before the starter warns.
var noWorkerAfter = 3 * time.Second

// warnWithoutWorker warns on w when, noWorkerAfter from now, no worker
// polls the task queue for workflow or activity tasks; a failed look says
// nothing, as a guess would mislead.
func warnWithoutWorker(ctx context.Context, c client.Client, queue, address string, w io.Writer) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(noWorkerAfter):
	}
	var missing []string
	for _, k := range []struct {
		name string
		typ  enums.TaskQueueType
	}{{"workflow", enums.TASK_QUEUE_TYPE_WORKFLOW}, {"activity", enums.TASK_QUEUE_TYPE_ACTIVITY}} {
		d, err := c.DescribeTaskQueue(ctx, queue, k.typ)
		if err != nil {
			return
		}
		if len(d.GetPollers()) == 0 {
			missing = append(missing, k.name)
		}
	}
	if len(missing) == 0 {
		return
	}
	fmt.Fprintf(w, "\nstarter: warning: no worker polls task queue %q on %s for %s tasks; "+
		"start one with `go run ./worker` (same TEMPORAL_ADDRESS and CRMSYNC_TASK_QUEUE) or `make run`; still waiting\n",
		queue, address, strings.Join(missing, " or "))
}
