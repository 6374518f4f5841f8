// Package pairs declares the object pairs crmsync syncs: which Salesforce
// object meets which kind of Zendesk record, how unlinked records are
// matched, which pair must run first and the built-in field rules. The
// engine runs every pair the same way from these declarations.
package pairs

import (
	"fmt"
	"slices"

	"github.com/crmsync/crmsync/mapping"
	"github.com/crmsync/crmsync/reconcile"
	"github.com/crmsync/crmsync/record"
)

// Pair is one object pair's declaration.
type Pair struct {
	Name string
	// Salesforce is the Salesforce object; Zendesk the kind of Zendesk
	// record (mapping.Organization, mapping.User).
	Salesforce string
	Zendesk    string
	// After names the pairs that must run first: their links resolve
	// this pair's reference fields.
	After []string
	// UniqueEmail holds back every record sharing an email with another
	// one until only one holds it: Zendesk keeps one user per email.
	UniqueEmail bool
	// YieldsEmailTo names a pair whose records keep an email this pair's
	// records also hold: a lead with a contact's email is that contact.
	YieldsEmailTo string
	// Handover, when set, passes a record's link to a record of another
	// pair once a flag is set: a converted lead's user becomes its
	// contact's, so the person keeps one Zendesk user.
	Handover *Handover
	// Origin is the side whose unlinked records are created on the other:
	// Salesforce for people and companies, Zendesk for tickets.
	Origin record.Side
	// ExternalID is the Salesforce field holding the Zendesk id, the key
	// a create from Zendesk upserts by, so a retried create never makes a
	// second record.
	ExternalID string
	// Append marks records that never change once made (comments): each
	// is created once on the other side, from either side, under its
	// parent pair's record; nothing is updated or resolved.
	Append bool
	// Parent names the pair whose links place a record (tickets for
	// comments), and ParentField the Salesforce field holding the parent's
	// id; the Zendesk side names its parent in the field "parent".
	Parent      string
	ParentField string
	// Published is the Salesforce checkbox saying a record is public
	// (a published case comment). Unless the mapping includes private
	// records, only public ones are read, on either side.
	Published string
	// Always are the Salesforce fields every read selects: the sync needs
	// them to page, to notice deletes and to check uniqueness.
	Always []string
	// Mapping is the built-in mapping: direction, filter and fields.
	Mapping mapping.Pair
}

var declared = []Pair{
	{
		Name: "accounts", Salesforce: "Account", Zendesk: mapping.Organization, Origin: record.Salesforce,
		Always: []string{"Id", "IsDeleted", "LastModifiedDate", "SystemModstamp"},
		Mapping: mapping.Pair{Direction: reconcile.SalesforceToZendesk, Fields: []mapping.Field{
			{Zendesk: "name", Salesforce: "Name", Transforms: []string{"trim"}},
			{Zendesk: "domain_names", Salesforce: "Website", Transforms: []string{"host"}},
			{Zendesk: "details", Join: []string{"BillingCity", "BillingCountry"}, Separator: ", "},
			{Zendesk: "organization_fields.industry", Salesforce: "Industry", Transforms: []string{"trim"}},
		}},
	},
	{
		Name: "contacts", Salesforce: "Contact", Zendesk: mapping.User, After: []string{"accounts"}, Origin: record.Salesforce,
		UniqueEmail: true,
		Always:      []string{"Email", "Id", "IsDeleted", "LastModifiedDate", "SystemModstamp"},
		Mapping: mapping.Pair{Direction: reconcile.SalesforceToZendesk, Fields: []mapping.Field{
			{Zendesk: "name", Join: []string{"FirstName", "LastName"}, Reverse: "split"},
			{Zendesk: "email", Salesforce: "Email", Transforms: []string{"trim", "lower"}},
			{Zendesk: "phone", Salesforce: "Phone", Transforms: []string{"trim"}},
			{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
			{Zendesk: "user_fields.title", Salesforce: "Title", Transforms: []string{"trim"}},
			{Zendesk: "user_fields.department", Salesforce: "Department", Transforms: []string{"trim"}},
		}},
	},
	{
		Name: "leads", Salesforce: "Lead", Zendesk: mapping.User, After: []string{"contacts"}, Origin: record.Salesforce,
		UniqueEmail: true, YieldsEmailTo: "contacts",
		Handover: &Handover{Flag: "IsConverted", Field: "ConvertedContactId", To: "contacts"},
		Always:   []string{"ConvertedContactId", "Email", "Id", "IsConverted", "IsDeleted", "LastModifiedDate", "SystemModstamp"},
		Mapping: mapping.Pair{Enabled: &off, Direction: reconcile.SalesforceToZendesk, Filter: "IsConverted = false",
			Fields: []mapping.Field{
				{Zendesk: "name", Join: []string{"FirstName", "LastName"}, Reverse: "split"},
				{Zendesk: "email", Salesforce: "Email", Transforms: []string{"trim", "lower"}},
				{Zendesk: "phone", Salesforce: "Phone", Transforms: []string{"trim"}},
				{Zendesk: "user_fields.title", Salesforce: "Title", Transforms: []string{"trim"}},
				{Zendesk: "user_fields.company", Salesforce: "Company", Transforms: []string{"trim"}},
			}},
	},
	{
		Name: "tickets", Salesforce: "Case", Zendesk: mapping.Ticket, After: []string{"accounts", "contacts"},
		Origin: record.Zendesk, ExternalID: "Zendesk_Ticket_Id__c",
		Always: []string{"Id", "IsDeleted", "LastModifiedDate", "SystemModstamp", "Zendesk_Ticket_Id__c"},
		Mapping: mapping.Pair{Direction: reconcile.Both, Fields: []mapping.Field{
			{Zendesk: "subject", Salesforce: "Subject", Transforms: []string{"trim"}},
			// A ticket's description is its first comment: Zendesk never
			// changes it, so it only flows to the case.
			{Zendesk: "description", Salesforce: "Description", Direction: reconcile.ZendeskToSalesforce},
			{Zendesk: "status", Salesforce: "Status",
				Values: map[string]string{"New": "open", "Working": "open", "Escalated": "open", "Closed": "solved"},
				ReverseValues: map[string]string{"new": "New", "open": "Working", "pending": "Working", "hold": "Escalated",
					"solved": "Closed", "closed": "Closed"}},
			{Zendesk: "priority", Salesforce: "Priority",
				Values:        map[string]string{"High": "high", "Medium": "normal", "Low": "low"},
				ReverseValues: map[string]string{"urgent": "High", "high": "High", "normal": "Medium", "low": "Low"}},
			{Zendesk: "requester_id", Salesforce: "ContactId", Reference: "contacts",
				Fallback: map[string]string{"SuppliedEmail": "email", "SuppliedName": "name"}},
			// The requester's organization is the contact's account.
			{Zendesk: "organization_id", Salesforce: "AccountId", Reference: "accounts"},
			// An agent meets a Salesforce user by email; give a default
			// (a user id or email) for tickets no user's agent holds.
			{Zendesk: "assignee_id", Salesforce: "OwnerId"},
		}},
	},
	{
		Name: "comments", Salesforce: "CaseComment", Zendesk: mapping.Comment, After: []string{"tickets"},
		Append: true, Parent: "tickets", ParentField: "ParentId", Published: "IsPublished",
		Always: []string{"CommentBody", "CreatedById", "Id", "IsDeleted", "IsPublished", "LastModifiedDate", "ParentId", "SystemModstamp"},
		Mapping: mapping.Pair{Direction: reconcile.Both, Fields: []mapping.Field{
			{Zendesk: "body", Salesforce: "CommentBody"},
			// A copy is as public as its original.
			{Zendesk: "public", Salesforce: "IsPublished"},
			// The agent with the case comment author's email writes the
			// ticket comment, else the API user; Salesforce sets a case
			// comment's author itself.
			{Zendesk: "author_id", Salesforce: "CreatedById", Direction: reconcile.SalesforceToZendesk},
		}},
	},
}

// off leaves a pair out of a sync that names no pairs.
var off = false

// Handover says when a record's link passes to another pair: once Flag is
// true, to the record of pair To whose id is in Field.
type Handover struct {
	Flag  string
	Field string
	To    string
}

// All returns every declared pair in an order where each runs after the
// pairs it needs.
func All() []Pair { return slices.Clone(declared) }

// Get returns the declaration of a pair.
func Get(name string) (Pair, bool) {
	for _, p := range declared {
		if p.Name == name {
			return p, true
		}
	}
	return Pair{}, false
}

// Names lists every pair, in run order.
func Names() []string {
	out := make([]string, len(declared))
	for i, p := range declared {
		out[i] = p.Name
	}
	return out
}

// Defaults is the built-in mapping of every pair, for mapping.New and
// mapping.Load.
func Defaults() []mapping.Pair {
	out := make([]mapping.Pair, len(declared))
	for i, p := range declared {
		m := p.Mapping
		m.Name, m.Object, m.Kind = p.Name, p.Salesforce, p.Zendesk
		out[i] = m
	}
	return out
}

// Mapping is the built-in mapping, or the file at path merged over it.
func Mapping(path string) (*mapping.Config, error) {
	if path == "" {
		return mapping.New(Defaults()), nil
	}
	return mapping.Load(path, Defaults())
}

// Select puts the pairs a sync names in run order, every pair when none
// is named; an unknown name is an error naming the known ones.
func Select(names []string) ([]string, error) {
	for _, n := range names {
		if _, ok := Get(n); !ok {
			return nil, fmt.Errorf("object %q: want one of %v", n, Names())
		}
	}
	var out []string
	for _, p := range declared {
		if len(names) == 0 || slices.Contains(names, p.Name) {
			out = append(out, p.Name)
		}
	}
	return out, nil
}
