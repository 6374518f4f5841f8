package salesforce

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crmsync/crmsync/sandbox/sfid"
)

var emailRe = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

// check validates a create (r == nil) or an update of r with changes, as
// a real org's save does. Read-only fields are reported alone: a real org
// stops there.
func (s *store) check(t *table, r *record, changes map[string]any) []recordError {
	o := t.obj
	if r != nil && r.f["IsConverted"] == true {
		return []recordError{errConvertedLead()}
	}
	var readOnly []string
	for _, f := range o.Fields {
		if _, given := changes[f.Name]; given && (r == nil && !f.Createable || r != nil && !f.Updateable) {
			readOnly = append(readOnly, f.Name)
		}
	}
	if len(readOnly) > 0 {
		return []recordError{{Code: "INVALID_FIELD_FOR_INSERT_UPDATE", Fields: readOnly, Message: fmt.Sprintf(
			"Unable to create/update fields: %s. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
			strings.Join(readOnly, ", "))}}
	}
	var errs []recordError
	var missing []string
	for _, f := range o.Fields {
		v, given := changes[f.Name]
		if f.required() && (r == nil && !given || given && v == nil) {
			missing = append(missing, f.Name)
		}
		if !given || v == nil {
			continue
		}
		if e := s.checkValue(f, v); e != nil {
			errs = append(errs, *e)
		}
	}
	if len(missing) > 0 {
		errs = append([]recordError{{Code: "REQUIRED_FIELD_MISSING", Fields: missing,
			Message: "Required fields are missing: [" + strings.Join(missing, ", ") + "]"}}, errs...)
	}
	for _, f := range o.Unique {
		v, given := changes[f.Name]
		if !given || v == nil {
			continue
		}
		for _, other := range t.live(f.Name, v) {
			if other != r {
				errs = append(errs, recordError{Code: "DUPLICATE_VALUE", Fields: []string{},
					Message: fmt.Sprintf("duplicate value found: %s duplicates value on record with id: %s", f.Name, other.id())})
				break
			}
		}
	}
	return errs
}

func (s *store) checkValue(f *field, v any) *recordError {
	text, isText := v.(string)
	size := utf8.RuneCountInString(text)
	if f.Bytes {
		size = len(text)
	}
	if isText && f.Length > 0 && f.Type != "reference" && f.Type != "id" && size > f.Length {
		shown := text
		if r := []rune(shown); len(r) > 40 {
			shown = string(r[:40]) + "..."
		}
		return &recordError{Code: "STRING_TOO_LONG", Fields: []string{f.Name},
			Message: fmt.Sprintf("%s: data value too large: %s (max length=%d)", f.Label, shown, f.Length)}
	}
	switch f.Type {
	case "email":
		if !emailRe.MatchString(text) {
			return &recordError{Code: "INVALID_EMAIL_ADDRESS", Fields: []string{f.Name},
				Message: fmt.Sprintf("%s: invalid email address: %s", f.Label, text)}
		}
	case "picklist":
		if f.Restricted && !slices.Contains(f.Picklist, text) {
			return &recordError{Code: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", Fields: []string{f.Name},
				Message: fmt.Sprintf("%s: bad value for restricted picklist field: %s", f.Label, text)}
		}
	case "reference":
		return s.checkReference(f, text)
	}
	return nil
}

func (s *store) checkReference(f *field, id string) *recordError {
	if !sfid.Valid(id) {
		return &recordError{Code: "MALFORMED_ID", Fields: []string{f.Name},
			Message: fmt.Sprintf("%s: id value of incorrect type: %s", f.Label, id)}
	}
	target := s.tables[f.ReferenceTo]
	if id[:3] != target.obj.Prefix {
		return &recordError{Code: "FIELD_INTEGRITY_EXCEPTION", Fields: []string{f.Name},
			Message: fmt.Sprintf("%s: id value of incorrect type: %s", f.Label, id)}
	}
	row := target.byID[id]
	switch {
	case row == nil:
		return &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Fields: []string{f.Name},
			Message: "invalid cross reference id"}
	case row.deleted():
		return &recordError{Code: "ENTITY_IS_DELETED", Fields: []string{f.Name}, Message: "entity is deleted"}
	}
	return nil
}

// errConvertedLead refuses any change to a converted lead: the org keeps
// it as the record of the conversion.
func errConvertedLead() recordError {
	return recordError{Code: "CANNOT_UPDATE_CONVERTED_LEAD", Fields: []string{}, Message: "cannot reference converted lead"}
}
