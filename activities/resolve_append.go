package activities

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/store"
)

// maxCommentBytes is CaseComment's limit on CommentBody, in bytes.
const maxCommentBytes = 4000

// truncatedMark ends a comment body cut to Salesforce's limit.
const truncatedMark = "\n[… cut by crmsync: the whole comment is on the Zendesk ticket]"

// parentKey keys, in a plan's Salesforce fields, the parent a new record
// is made under.
const parentKey = "#parent"

// resolveAppend plans a page of records that are made once (comments):
// every one no link ties to the other side is created there, under the
// linked counterpart of its parent; linked ones never change.
func (r *resolver) resolveAppend(ctx context.Context, ids []string, bySF map[string]*record.Record,
	changes map[string]*record.Record, links map[string]store.Link, out *plan) error {
	d := r.decl
	var cases []string
	var tickets []int64
	for _, sf := range bySF {
		if id, ok := sf.Get(d.ParentField).(string); ok {
			cases = append(cases, id)
		}
	}
	for _, zd := range changes {
		if id, ok := asInt64(zd.Get("parent")); ok {
			tickets = append(tickets, id)
		}
	}
	toTicket, err := r.a.Store.Links(ctx, d.Parent, cases)
	if err != nil {
		return err
	}
	toCase, err := r.a.Store.LinksByZendeskID(ctx, d.Parent, tickets)
	if err != nil {
		return err
	}
	for _, id := range ids {
		sf, zd := bySF[id], changes[id]
		if zd != nil {
			out.Consumed = append(out.Consumed, id)
		}
		if _, linked := links[id]; linked {
			r.res.Counts.Unchanged++
			continue
		}
		var item *planItem
		switch {
		case sf != nil && !sf.Deleted && partAfterFirst.MatchString(text(sf.Get("CommentBody"))):
			// Our own: a later part of a split Zendesk comment.
			r.res.Counts.Unchanged++
			continue
		case sf != nil && !sf.Deleted:
			parentID, _ := sf.Get(d.ParentField).(string)
			if parent, ok := toTicket[parentID]; ok {
				item = r.appendToZendesk(sf, parent.ZendeskID)
			}
		case zd != nil:
			parentID, _ := asInt64(zd.Get("parent"))
			if parent, ok := toCase[parentID]; ok {
				item = r.appendToSalesforce(d, id, zd, parent.SalesforceID)
			}
		}
		if item == nil {
			r.res.Counts.Unlinked++
			continue
		}
		out.Items = append(out.Items, r.parts(*item)...)
	}
	return nil
}

// parts splits a case comment longer than CaseComment holds into several,
// each headed by partMark, when the mapping says split; otherwise it is
// cut, ending with truncatedMark: never a silent loss.
func (r *resolver) parts(it planItem) []planItem {
	field, body := commentBody(it)
	if len(body) <= maxCommentBytes {
		return []planItem{it}
	}
	if r.pair.LongBodies != mapping.LongBodiesSplit {
		setCommentBody(&it, field, fitBytes(body, maxCommentBytes))
		return []planItem{it}
	}
	chunks := splitBytes(body, maxCommentBytes-maxPartMark)
	out := make([]planItem, len(chunks))
	for i, c := range chunks {
		p := it
		p.Salesforce = maps.Clone(it.Salesforce)
		setCommentBody(&p, field, fmt.Sprintf(partMark, i+1, len(chunks))+c)
		if i > 0 {
			p.Part, p.Key = i+1, fmt.Sprintf("%s#part%d", it.Key, i+1)
		}
		out[i] = p
	}
	return out
}

// partMark heads each case comment a long Zendesk comment was split into.
// Parts after the first are not linked to the Zendesk comment: read back,
// this mark says they are copies, never to be copied to Zendesk.
const partMark = "(crmsync: part %d of %d)\n"

// maxPartMark bounds the mark's length in bytes.
const maxPartMark = 40

// partAfterFirst matches the body of a part after the first.
var partAfterFirst = regexp.MustCompile(`^\(crmsync: part ([2-9]|[1-9][0-9]+) of [0-9]+\)\n`)

// commentBody finds the body a planned case comment carries, and the
// mapping field holding it.
func commentBody(it planItem) (string, string) {
	for field, v := range it.Salesforce {
		if m, ok := v.(map[string]any); ok {
			if b, ok := m["CommentBody"].(string); ok {
				return field, b
			}
		}
	}
	return "", ""
}

func setCommentBody(it *planItem, field, body string) {
	m := maps.Clone(it.Salesforce[field].(map[string]any))
	m["CommentBody"] = body
	it.Salesforce[field] = m
}

// splitBytes cuts s into pieces of at most n bytes on character
// boundaries.
func splitBytes(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		out, s = append(out, s[:cut]), s[cut:]
	}
	return append(out, s)
}

func (r *resolver) appendToZendesk(sf *record.Record, parent int64) *planItem {
	item := &planItem{SalesforceID: sf.ID, Create: true, Parent: parent, Zendesk: map[string]any{}}
	for i := range r.pair.Fields {
		f := &r.pair.Fields[i]
		v, err := f.ToZendesk(r.decl.Zendesk, sf.Fields, r.refs)
		if errors.Is(err, mapping.ErrNoMatch) {
			continue
		}
		if err != nil {
			r.reject(record.Zendesk, sf.ID, 0, f.Zendesk, err.Error())
			return nil
		}
		item.Zendesk[f.Zendesk] = v
	}
	return item
}

func (r *resolver) appendToSalesforce(d pairs.Pair, key string, zd *record.Record, parent string) *planItem {
	zid, _ := strconv.ParseInt(zd.ID, 10, 64)
	item := &planItem{Key: key, ZendeskID: zid, Create: true, In: record.Salesforce, Salesforce: map[string]any{
		parentKey: map[string]any{d.ParentField: parent},
	}}
	for i := range r.pair.Fields {
		f := &r.pair.Fields[i]
		if !r.pair.DirectionOf(f).From(record.Zendesk) {
			continue
		}
		v, err := f.ToSalesforce(r.decl.Zendesk, zd.Get(f.Zendesk), r.refs)
		if err != nil {
			r.reject(record.Salesforce, "", zid, f.Zendesk, err.Error())
			return nil
		}
		item.Salesforce[f.Zendesk] = v
	}
	return item
}

// fitBytes cuts s to at most n bytes on a character boundary, ending it
// with truncatedMark when it had to cut: never a silent loss.
func fitBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len(truncatedMark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + truncatedMark
}
