package activities

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A plan staged here is taken decoded, once, and only for the very bytes
// the store holds; the oldest goes when more are kept than the bound.
func TestPlanHandoff(t *testing.T) {
	ctx := context.Background()
	page := func(i int) StepInput { return StepInput{Run: "r", Pair: "contacts", Page: fmt.Sprintf("p%d", i)} }
	encoded := func(id string) []byte {
		data, err := json.Marshal(plan{Items: []planItem{{SalesforceID: id}}})
		require.NoError(t, err)
		return data
	}
	var h planHandoff
	h.offer(page(0), encoded("003a"))

	_, ok := h.take(ctx, page(0), encoded("003b"))
	assert.False(t, ok, "the store holds other bytes: a plan staged again elsewhere")
	_, ok = h.take(ctx, page(0), encoded("003a"))
	assert.False(t, ok, "a take forgets the plan, whatever it found")

	h.offer(page(1), encoded("003a"))
	got, ok := h.take(ctx, page(1), encoded("003a"))
	require.True(t, ok)
	assert.Equal(t, []planItem{{SalesforceID: "003a"}}, got.Items)

	for i := range handoffPlans + 1 {
		h.offer(page(10+i), encoded(fmt.Sprint(i)))
	}
	_, ok = h.take(ctx, page(10), encoded("0"))
	assert.False(t, ok, "the oldest is no longer kept")
	_, ok = h.take(ctx, page(10+handoffPlans), encoded(fmt.Sprint(handoffPlans)))
	assert.True(t, ok)
	assert.Len(t, h.plans, handoffPlans-1)
	assert.Len(t, h.order, handoffPlans-1)

	h.offer(page(20), []byte(`{"items":`))
	_, ok = h.take(ctx, page(20), []byte(`{"items":`))
	assert.False(t, ok, "bytes that do not decode are read as without the handoff, which reports the error")
}
