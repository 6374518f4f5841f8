package workflows

import (
	"context"
	"fmt"
	"slices"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// The search attributes a sync sets, so the Web UI's list and
// `temporal workflow list --query` can filter syncs: by mode, pairs, dry
// run, instance and how each ended. They hold no customer data.
var (
	attrMode     = temporal.NewSearchAttributeKeyKeyword("CrmsyncMode")
	attrObjects  = temporal.NewSearchAttributeKeyKeywordList("CrmsyncObjects")
	attrDryRun   = temporal.NewSearchAttributeKeyBool("CrmsyncDryRun")
	attrOutcome  = temporal.NewSearchAttributeKeyKeyword("CrmsyncOutcome")
	attrInstance = temporal.NewSearchAttributeKeyKeyword("CrmsyncInstance")
)

// Outcomes, in CrmsyncOutcome.
const (
	OutcomeRunning   = "running"
	OutcomeSucceeded = "succeeded"
	// OutcomeRejected: the sync finished, and some records were refused.
	OutcomeRejected = "succeeded_with_rejections"
	OutcomeFailed   = "failed"
)

// SearchAttributes are the attributes the namespace must know, with
// their types.
var SearchAttributes = map[string]enumspb.IndexedValueType{
	attrMode.GetName():     enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	attrObjects.GetName():  enumspb.INDEXED_VALUE_TYPE_KEYWORD_LIST,
	attrDryRun.GetName():   enumspb.INDEXED_VALUE_TYPE_BOOL,
	attrOutcome.GetName():  enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	attrInstance.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD,
}

// EnsureSearchAttributes registers the attributes the namespace lacks. A
// sync upserting an unknown attribute would fail every workflow task, so
// a worker that cannot register them stops, printing the command that
// would.
func EnsureSearchAttributes(ctx context.Context, c client.Client, namespace string) error {
	have, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list the search attributes of namespace %s: %w", namespace, err)
	}
	missing := map[string]enumspb.IndexedValueType{}
	for name, typ := range SearchAttributes {
		if _, ok := have.GetCustomAttributes()[name]; !ok {
			missing[name] = typ
		}
	}
	if len(missing) == 0 {
		return nil
	}
	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: namespace, SearchAttributes: missing})
	if err != nil {
		return fmt.Errorf("register the search attributes syncs set (%w); ask an admin of namespace %s to run: %s",
			err, namespace, createCommand(namespace, missing))
	}
	return nil
}

// createCommand is the CLI command registering attrs.
func createCommand(namespace string, attrs map[string]enumspb.IndexedValueType) string {
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	fmt.Fprintf(&b, "temporal operator search-attribute create --namespace %s", namespace)
	for _, n := range names {
		fmt.Fprintf(&b, " --name %s --type %s", n, typeName(attrs[n]))
	}
	return b.String()
}

func typeName(t enumspb.IndexedValueType) string {
	switch t {
	case enumspb.INDEXED_VALUE_TYPE_KEYWORD_LIST:
		return "KeywordList"
	case enumspb.INDEXED_VALUE_TYPE_BOOL:
		return "Bool"
	}
	return "Keyword"
}

// tag sets the sync's search attributes; a history recorded before they
// existed replays without them.
func tag(ctx workflow.Context, in SyncInput, instance string) (bool, error) {
	v := workflow.GetVersion(ctx, "search-attributes", workflow.DefaultVersion, 2)
	if v == workflow.DefaultVersion {
		return false, nil
	}
	updates := []temporal.SearchAttributeUpdate{attrMode.ValueSet(in.Mode), attrObjects.ValueSet(in.Objects),
		attrDryRun.ValueSet(in.DryRun), attrOutcome.ValueSet(OutcomeRunning)}
	if v >= 2 {
		updates = append(updates, attrInstance.ValueSet(instance))
	}
	err := workflow.UpsertTypedSearchAttributes(ctx, updates...)
	if err != nil {
		return false, fmt.Errorf("set the search attributes: %w", err)
	}
	return true, nil
}

// tagOutcome records how the sync ended. A run that continues as new
// has not ended.
func tagOutcome(ctx workflow.Context, res *SyncResult, err error) error {
	outcome := OutcomeSucceeded
	switch {
	case workflow.IsContinueAsNewError(err):
		return nil
	case err != nil:
		outcome = OutcomeFailed
	case res != nil && res.RejectedTotal > 0:
		outcome = OutcomeRejected
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, attrOutcome.ValueSet(outcome)); err != nil {
		return fmt.Errorf("set the outcome search attribute: %w", err)
	}
	return nil
}
