package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.temporal.io/sdk/activity"

	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/zendesk"
)

// commentMark is the metadata key a comment the sync adds to a ticket
// carries: the id of the case comment it copies. Adding a comment is a
// ticket update, which is not idempotent: a retried attempt finds the
// comment by this mark instead of adding it twice.
const commentMark = "crmsync_case_comment"

// writeComments adds each new case comment to its ticket, public when
// the case comment is published, one ticket update each.
func (a *Activities) writeComments(ctx context.Context, w *writes) error {
	retried := activity.GetInfo(ctx).Attempt > 1
	for _, it := range w.items {
		if !it.Create || it.In == record.Salesforce {
			continue
		}
		if retried {
			id, err := a.markedComment(ctx, it.Parent, it.SalesforceID)
			if err != nil {
				return err
			}
			if id != 0 {
				w.zendesk[it.SalesforceID] = id
				continue
			}
		}
		body, _ := it.Zendesk["body"].(string)
		author, _ := asInt64(it.Zendesk["author_id"])
		public, ok := it.Zendesk["public"].(bool)
		if !ok {
			// Zendesk would take the first comment's publicity.
			public = true
		}
		_, audit, err := a.Zendesk.UpdateTicketWithAudit(ctx, it.Parent, &zendesk.Ticket{
			Comment:  &zendesk.Comment{Body: body, Public: &public, AuthorID: author},
			Metadata: map[string]any{commentMark: it.SalesforceID},
		})
		var invalid *zendesk.RecordInvalidError
		switch {
		case errors.As(err, &invalid):
			w.reject(record.Zendesk, it.SalesforceID, it.Parent, "Zendesk refused the comment: "+err.Error())
			continue
		case err != nil:
			return err
		}
		c := audit.Comment()
		if c == nil {
			return fmt.Errorf("ticket %d: the update's audit names no comment", it.Parent)
		}
		w.zendesk[it.SalesforceID] = c.ID
	}
	return nil
}

// markedComment finds the comment of a ticket that copies a case comment.
func (a *Activities) markedComment(ctx context.Context, ticket int64, caseComment string) (int64, error) {
	for c, err := range a.Zendesk.AllTicketComments(ctx, ticket, nil) {
		if err != nil {
			return 0, fmt.Errorf("look for a comment an earlier attempt added: %w", err)
		}
		if c.Metadata != nil && c.Metadata.Custom[commentMark] == caseComment {
			return c.ID, nil
		}
	}
	return 0, nil
}

// madeComments finds, for a retried attempt, the case comments an earlier
// attempt created: CaseComment has no custom field to carry the Zendesk
// id, so a comment is known by its case and its body. It returns them by
// planned staging key.
func (a *Activities) madeComments(ctx context.Context, parentField string, items []planItem) (map[string]string, error) {
	byParent := map[string]map[string]string{} // case → body → staging key
	var parents []string
	for _, it := range items {
		fields, _ := it.Salesforce[parentKey].(map[string]any)
		parent, _ := fields[parentField].(string)
		_, body := commentBody(it)
		if byParent[parent] == nil {
			byParent[parent] = map[string]string{}
			parents = append(parents, salesforce.QuoteString(parent))
		}
		byParent[parent][body] = it.Key
	}
	found := map[string]string{}
	if len(parents) == 0 {
		return found, nil
	}
	q := "SELECT Id, ParentId, CommentBody FROM CaseComment WHERE ParentId IN (" + strings.Join(parents, ", ") + ")"
	err := a.Salesforce.QueryEach(ctx, q, nil, func(p *salesforce.QueryResult) error {
		for _, r := range p.Records {
			if key, ok := byParent[r.String("ParentId")][r.String("CommentBody")]; ok {
				found[key] = r.ID()
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look for case comments an earlier attempt created: %w", err)
	}
	return found, nil
}
