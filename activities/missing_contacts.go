package activities

import (
	"context"
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/pairs"
	"github.com/crmsync/crmsync/reconcile"
	"github.com/crmsync/crmsync/record"
	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/store"
)

// missingRecord is a Zendesk record a new record refers to that no link
// ties to Salesforce: created there, through its own pair's mapping,
// before the record that refers to it.
type missingRecord struct {
	// Field is the reference field waiting for the new record's id.
	Field     string         `json:"field"`
	Pair      string         `json:"pair"`
	ZendeskID int64          `json:"zd"`
	Email     string         `json:"email"`
	Fields    map[string]any `json:"fields"`
}

// missing plans the contact of a requester who is none yet: the fields
// of the contacts mapping that go back, under the requester's linked
// account, else the pair's default account. None without an email: it
// could never be found again, so a retry would make a second one.
func (r *resolver) missing(f *mapping.Field, zendeskID int64, ref record.Record) *missingRecord {
	m := r.a.Mapping.Pair(f.Reference)
	email, _ := ref.Get("email").(string)
	if m == nil || strings.TrimSpace(email) == "" {
		return nil
	}
	fields := map[string]any{}
	for i := range m.Fields {
		cf := &m.Fields[i]
		v, err := cf.ToSalesforce(m.Kind, ref.Get(cf.Zendesk), r.refs)
		if err != nil {
			continue
		}
		for k, x := range v {
			if record.Canonical(x) != "" {
				fields[k] = x
			}
		}
	}
	// The email is how the contact is found again, even where the
	// contacts mapping sends it one way only.
	if ef := salesforceFieldOf(m, "email"); ef != "" {
		fields[ef] = email
	}
	if _, ok := fields["AccountId"]; !ok && r.pair.DefaultAccount != "" {
		fields["AccountId"] = r.pair.DefaultAccount
	}
	if record.Canonical(fields["LastName"]) == "" {
		// Salesforce requires a last name.
		fields["LastName"] = email
	}
	return &missingRecord{Field: f.Zendesk, Pair: f.Reference, ZendeskID: zendeskID, Email: strings.ToLower(email), Fields: fields}
}

// createMissing creates the referenced records a page's new records
// need, links them, and points each referring record at its new one. A
// record found by email is used instead of made: after a crash between
// the create and its link, the retry finds what the first attempt made.
func (a *Activities) createMissing(ctx context.Context, w *writes) error {
	byPair := map[string][]int{}
	var order []string
	for i := range w.items {
		if m := w.items[i].Missing; m != nil {
			if _, seen := byPair[m.Pair]; !seen {
				order = append(order, m.Pair)
			}
			byPair[m.Pair] = append(byPair[m.Pair], i)
		}
	}
	for _, pair := range order {
		if err := a.createMissingOf(ctx, w, pair, byPair[pair]); err != nil {
			return fmt.Errorf("create the missing %s: %w", pair, err)
		}
	}
	return nil
}

func (a *Activities) createMissingOf(ctx context.Context, w *writes, pair string, items []int) error {
	d, ok := pairs.Get(pair)
	if !ok {
		return fmt.Errorf("no pair %q", pair)
	}
	emails := make([]string, 0, len(items))
	for _, i := range items {
		emails = append(emails, w.items[i].Missing.Email)
	}
	ids, err := a.idsByEmail(ctx, d.Salesforce, emails)
	if err != nil {
		return err
	}
	var recs []salesforce.Record
	var made []string
	planned := map[string]bool{}
	for _, i := range items {
		m := w.items[i].Missing
		if _, found := ids[m.Email]; found || planned[m.Email] {
			continue
		}
		planned[m.Email] = true
		rec := salesforce.Record{"attributes": map[string]any{"type": d.Salesforce}}
		for k, v := range m.Fields {
			rec[k] = v
		}
		recs, made = append(recs, rec), append(made, m.Email)
	}
	for start := 0; start < len(recs); start += maxCollection {
		end := min(start+maxCollection, len(recs))
		results, err := a.Salesforce.CreateCollection(ctx, recs[start:end], false)
		if err != nil {
			return err
		}
		for j := range recs[start:end] {
			if ok, reason := saved(results, j); !ok {
				w.reject(record.Salesforce, "", 0, fmt.Sprintf("Salesforce refused the %s of a requester: %s", d.Salesforce, reason))
				continue
			}
			ids[made[start+j]] = results[j].ID
		}
	}
	var links []store.Link
	for _, i := range items {
		it := &w.items[i]
		id, ok := ids[it.Missing.Email]
		if !ok {
			continue
		}
		links = append(links, store.Link{Object: pair, SalesforceID: id, ZendeskID: it.Missing.ZendeskID})
		v := map[string]any{salesforceFieldOf(w.mapping, it.Missing.Field): id}
		it.Salesforce[it.Missing.Field] = v
		b := it.Baseline[it.Missing.Field]
		it.Baseline[it.Missing.Field] = reconcile.Sides{Salesforce: v, Zendesk: b.Zendesk}
	}
	return a.Store.SaveLinks(ctx, links)
}

// salesforceFieldOf is the Salesforce field a pair maps to a Zendesk one.
func salesforceFieldOf(m *mapping.Pair, zendesk string) string {
	for _, f := range m.Fields {
		if f.Zendesk == zendesk {
			return f.Salesforce
		}
	}
	return ""
}

// idsByEmail finds records of an object by email, lower-cased.
func (a *Activities) idsByEmail(ctx context.Context, object string, emails []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(emails); start += 100 {
		quoted := make([]string, 0, 100)
		for _, e := range emails[start:min(start+100, len(emails))] {
			quoted = append(quoted, salesforce.QuoteString(e))
		}
		q := "SELECT Id, Email FROM " + object + " WHERE Email IN (" + strings.Join(quoted, ", ") + ") ORDER BY Id"
		err := a.Salesforce.QueryEach(ctx, q, nil, func(p *salesforce.QueryResult) error {
			for _, r := range p.Records {
				e := strings.ToLower(r.String("Email"))
				if _, dup := out[e]; !dup {
					out[e] = r.ID()
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("look %ss up by email: %w", object, err)
		}
	}
	return out, nil
}
