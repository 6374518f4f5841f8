package salesforce

import (
	"fmt"
	"sort"
	"strings"

	"github.com/crmsync/crmsync/sandbox/sfid"
)

// field is a FieldDef with what describe reports beyond it and what
// validation needs.
type field struct {
	FieldDef
	Label            string
	Createable       bool
	Updateable       bool
	Custom           bool
	ReferenceTo      string  // object a reference field points at
	RelationshipName string  // "Account" for AccountId
	Restricted       bool    // picklist refuses values outside its list
	Default          any     // value on create when the request gives none
	target           *object // the object ReferenceTo names
	// Filterable and Sortable are false for long text areas, as in a real org.
	Filterable, Sortable bool
	// Cascade is set on a reference whose target takes this row with it
	// when it is deleted (a case's comments, an account's contacts).
	Cascade bool
	// Bytes counts Length in UTF-8 bytes rather than characters, as
	// CaseComment.CommentBody does.
	Bytes bool
}

// required reports whether a create must carry a value: not nillable, no
// default, and writable (system fields are filled by the org itself).
func (f *field) required() bool {
	return !f.Nillable && f.Default == nil && f.Createable && f.Type != "boolean"
}

// object is one sObject type.
type object struct {
	Name       string
	Prefix     string
	Fields     []*field
	byLower    map[string]*field
	relByLower map[string]*field
	// Unique holds the fields with a uniqueness constraint, indexed.
	Unique []*field
	// HasIsDeleted is false for User, which cannot be deleted.
	HasIsDeleted bool
	Deletable    bool
	Createable   bool
}

func (o *object) field(name string) *field { return o.byLower[strings.ToLower(name)] }

func (o *object) add(f *field) {
	if f.Label == "" {
		f.Label = labelFor(f.Name)
	}
	f.Object = o.Name
	f.Filterable = !(f.Type == "textarea" && f.Length > 255)
	f.Sortable = f.Filterable
	o.Fields = append(o.Fields, f)
	o.byLower[strings.ToLower(f.Name)] = f
	if f.RelationshipName != "" {
		o.relByLower[strings.ToLower(f.RelationshipName)] = f
	}
	if f.Unique || f.ExternalID {
		o.Unique = append(o.Unique, f)
	}
}

// schema is the org's set of objects.
type schema struct {
	objects map[string]*object // by lower-case name
	ordered []*object
}

func (s *schema) object(name string) *object { return s.objects[strings.ToLower(name)] }

// byPrefix finds the object whose Ids start with prefix, nil for none.
func (s *schema) byPrefix(prefix string) *object {
	for _, o := range s.ordered {
		if o.Prefix == prefix {
			return o
		}
	}
	return nil
}

var objectPrefixes = map[string]string{
	"Account":     sfid.PrefixAccount,
	"Contact":     sfid.PrefixContact,
	"Case":        sfid.PrefixCase,
	"CaseComment": sfid.PrefixCaseComment,
	"Lead":        sfid.PrefixLead,
	"User":        sfid.PrefixUser,
}

// noCustomFields are the objects an org cannot add fields to.
var noCustomFields = map[string]bool{"CaseComment": true}

// Field spec flags for the built-in tables below.
const (
	req        = 1 << iota // not nillable, must be given on create
	ro                     // read-only: neither createable nor updateable
	ext                    // external id, unique
	restricted             // restricted picklist
	createOnly             // set on create, never changed after
	cascade                // reference: deleting the target deletes this row
)

func std(name, typ string, length int, flags int) *field {
	f := &field{FieldDef: FieldDef{Name: name, Type: typ, Length: length, Nillable: flags&req == 0}}
	f.Createable = flags&ro == 0
	f.Updateable = flags&(ro|createOnly) == 0
	f.Restricted = flags&restricted != 0
	f.Cascade = flags&cascade != 0
	if flags&ext != 0 {
		f.ExternalID, f.Unique, f.Custom = true, true, true
	}
	if typ == "boolean" {
		f.Nillable = false
	}
	return f
}

func ref(name, to, rel string, flags int) *field {
	f := std(name, "reference", 18, flags)
	f.ReferenceTo, f.RelationshipName = to, rel
	return f
}

func pick(name string, flags int, def any, values ...string) *field {
	f := std(name, "picklist", 255, flags)
	f.Picklist, f.Default = values, def
	return f
}

var industries = []string{"Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals",
	"Communications", "Construction", "Consulting", "Education", "Electronics", "Energy",
	"Engineering", "Entertainment", "Environmental", "Finance", "Food & Beverage", "Government",
	"Healthcare", "Hospitality", "Insurance", "Machinery", "Manufacturing", "Media",
	"Not For Profit", "Recreation", "Retail", "Shipping", "Technology", "Telecommunications",
	"Transportation", "Utilities", "Other"}

// builtinFields lists each object's fields after the system ones. Standard
// picklists are unrestricted, as in a fresh org, except Case Status,
// Priority, Origin and Lead Status, which the sync maps value by value.
func builtinFields(obj string) []*field {
	owner := ref("OwnerId", "User", "Owner", 0)
	owner.Nillable = false
	owner.Default = ownerDefault{}
	switch obj {
	case "Account":
		return []*field{
			std("Name", "string", 255, req), std("AccountNumber", "string", 40, 0),
			std("Website", "url", 255, 0), std("Phone", "phone", 40, 0),
			pick("Industry", 0, nil, industries...),
			pick("Type", 0, nil, "Prospect", "Customer - Direct", "Customer - Channel",
				"Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other"),
			ref("ParentId", "Account", "Parent", 0), std("Description", "textarea", 32000, 0),
			std("BillingCity", "string", 40, 0), std("BillingCountry", "string", 80, 0),
			owner, std("Zendesk_Organization_Id__c", "string", 255, ext),
		}
	case "Contact":
		return []*field{
			std("FirstName", "string", 40, 0), std("LastName", "string", 80, req),
			std("Name", "string", 121, ro), std("Email", "email", 80, 0),
			std("Phone", "phone", 40, 0), std("MobilePhone", "phone", 40, 0),
			std("Title", "string", 128, 0), std("Department", "string", 80, 0),
			ref("AccountId", "Account", "Account", cascade), std("MailingCity", "string", 40, 0),
			std("Description", "textarea", 32000, 0), owner,
			std("Zendesk_User_Id__c", "string", 255, ext),
		}
	case "Case":
		return []*field{
			std("CaseNumber", "string", 30, ro), std("Subject", "string", 255, 0),
			std("Description", "textarea", 32000, 0),
			pick("Status", restricted, "New", "New", "Working", "Escalated", "Closed"),
			pick("Priority", restricted, "Medium", "High", "Medium", "Low"),
			pick("Origin", restricted, nil, "Phone", "Email", "Web"),
			pick("Type", 0, nil, "Mechanical", "Electrical", "Electronic", "Structural", "Other"),
			pick("Reason", 0, nil, "Installation", "Equipment Complexity", "Performance", "Breakdown",
				"Equipment Design", "Feedback", "Instructions not clear", "New problem", "Existing problem"),
			ref("ContactId", "Contact", "Contact", 0), ref("AccountId", "Account", "Account", 0),
			std("IsClosed", "boolean", 0, ro), std("ClosedDate", "datetime", 0, ro),
			std("IsEscalated", "boolean", 0, 0),
			std("SuppliedEmail", "email", 80, 0), std("SuppliedName", "string", 80, 0),
			std("SuppliedPhone", "string", 40, 0), std("SuppliedCompany", "string", 80, 0), owner,
			std("Zendesk_Ticket_Id__c", "string", 255, ext),
		}
	case "CaseComment":
		// Comments belong to their case; the running user is their author.
		author := ref("CreatedById", "User", "CreatedBy", ro)
		author.Nillable, author.Default = false, ownerDefault{}
		body := std("CommentBody", "textarea", 4000, 0)
		body.Label, body.Bytes = "Body", true
		published := std("IsPublished", "boolean", 0, 0)
		published.Default = false
		notify := std("IsNotificationSelected", "boolean", 0, createOnly)
		notify.Default = false
		return []*field{ref("ParentId", "Case", "Parent", req|createOnly|cascade), body, published, notify, author}
	case "Lead":
		// Conversion (convertLead, or the sandbox's admin endpoint) is the
		// only way to set the Converted fields.
		converted := std("IsConverted", "boolean", 0, ro)
		converted.Default = false
		return []*field{
			std("FirstName", "string", 40, 0), std("LastName", "string", 80, req),
			std("Name", "string", 121, ro), std("Company", "string", 255, req),
			std("Email", "email", 80, 0), std("Phone", "phone", 40, 0),
			std("Title", "string", 128, 0),
			pick("Status", req|restricted, "Open - Not Contacted", "Open - Not Contacted",
				"Working - Contacted", "Closed - Converted", "Closed - Not Converted"),
			owner, converted,
			ref("ConvertedAccountId", "Account", "ConvertedAccount", ro),
			ref("ConvertedContactId", "Contact", "ConvertedContact", ro),
			std("ConvertedDate", "date", 0, ro),
		}
	case "User":
		user := std("Username", "string", 80, req)
		user.Unique = true
		active := std("IsActive", "boolean", 0, 0)
		active.Default = true
		return []*field{
			user, std("Email", "email", 128, req), std("FirstName", "string", 40, 0),
			std("LastName", "string", 80, req), std("Name", "string", 121, ro),
			std("Alias", "string", 8, 0), std("Title", "string", 80, 0), active,
		}
	}
	return nil
}

// ownerDefault marks a User reference (OwnerId, a comment's CreatedById)
// as defaulted on create to the running user.
type ownerDefault struct{}

func newSchema(custom []FieldDef) (*schema, error) {
	s := &schema{objects: map[string]*object{}}
	names := make([]string, 0, len(objectPrefixes))
	for n := range objectPrefixes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		o := &object{Name: n, Prefix: objectPrefixes[n], byLower: map[string]*field{},
			relByLower: map[string]*field{}, HasIsDeleted: n != "User", Deletable: n != "User", Createable: n != "User"}
		id := std("Id", "id", 18, req|ro)
		o.add(id)
		if o.HasIsDeleted {
			o.add(std("IsDeleted", "boolean", 0, ro))
		}
		for _, name := range []string{"CreatedDate", "LastModifiedDate", "SystemModstamp"} {
			o.add(std(name, "datetime", 0, req|ro))
		}
		for _, f := range builtinFields(n) {
			o.add(f)
		}
		s.objects[strings.ToLower(n)] = o
		s.ordered = append(s.ordered, o)
	}
	for _, o := range s.ordered {
		for _, f := range o.Fields {
			if f.ReferenceTo != "" {
				f.target = s.objects[strings.ToLower(f.ReferenceTo)]
			}
		}
	}
	for _, d := range custom {
		if err := d.check(); err != nil {
			return nil, fmt.Errorf("custom field %s.%s: %w", d.Object, d.Name, err)
		}
		o := s.objects[strings.ToLower(d.Object)]
		if o.field(d.Name) != nil {
			return nil, fmt.Errorf("custom field %s.%s: defined twice", d.Object, d.Name)
		}
		f := &field{FieldDef: d, Createable: true, Updateable: true, Custom: true, Restricted: d.Type == "picklist"}
		if d.Type == "boolean" {
			f.Nillable, f.Default = false, false
		}
		if d.ExternalID && !textTypes[d.Type] && d.Type != "double" {
			return nil, fmt.Errorf("custom field %s.%s: external id of type %s", d.Object, d.Name, d.Type)
		}
		o.add(f)
	}
	return s, nil
}

// labelFor derives a describe label from an API name: "LastName" → "Last
// Name", "AccountId" → "Account ID", "Zendesk_User_Id__c" → "Zendesk User Id".
func labelFor(name string) string {
	name = strings.TrimSuffix(name, "__c")
	if strings.HasSuffix(name, "Id") && len(name) > 2 && !strings.Contains(name, "_") {
		return labelFor(strings.TrimSuffix(name, "Id")) + " ID"
	}
	var b strings.Builder
	for i, r := range name {
		switch {
		case r == '_':
			b.WriteByte(' ')
			continue
		case i > 0 && r >= 'A' && r <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z':
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
