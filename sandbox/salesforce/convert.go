package salesforce

import (
	"github.com/crmsync/crmsync/sandbox/sfid"
)

// convertedStatus is the Lead Status a conversion sets: the default
// converted status of an org.
const convertedStatus = "Closed - Converted"

// LeadConversion is what converting a lead made.
type LeadConversion struct {
	ContactID string `json:"contact_id"`
	AccountID string `json:"account_id"`
}

// ConvertError is why a lead could not be converted, with the status code
// a LeadConvertResult would carry. NotFound marks a lead the org never had.
type ConvertError struct {
	Code     string
	Message  string
	NotFound bool
}

func (e *ConvertError) Error() string { return e.Code + ": " + e.Message }

// ConvertLead converts a lead as a person does in the UI; the REST API has
// no call for it (convertLead is SOAP and Apex). It creates a Contact from
// the lead's FirstName, LastName, Email, Phone and Title under accountID,
// or under a new Account named after the lead's Company when accountID is
// empty, both owned by the lead's owner. The lead gets IsConverted,
// ConvertedContactId, ConvertedAccountId, ConvertedDate and Status
// "Closed - Converted", its LastModifiedDate and SystemModstamp move, and
// it cannot be changed afterwards. Nothing counts in the write stats: this
// stands for a person's change, not the API client's.
func (s *Server) ConvertLead(leadID, accountID string) (LeadConversion, error) {
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	now := s.now()
	leads := st.tables["Lead"]
	lead, err := convertible(leads, expandID(leadID))
	if err != nil {
		return LeadConversion{}, err
	}
	accounts, contacts := st.tables["Account"], st.tables["Contact"]
	var undo func()
	if accountID == "" {
		acc := map[string]any{"Name": lead.f["Company"]}
		setOwner(acc, lead)
		if errs := st.check(accounts, nil, acc); len(errs) > 0 {
			return LeadConversion{}, convertFailure(errs[0])
		}
		r, u := st.create(accounts, acc, now)
		accountID, undo = r.id(), u
	} else {
		accountID = expandID(accountID)
		if e := st.checkReference(contacts.obj.field("AccountId"), accountID); e != nil {
			return LeadConversion{}, convertFailure(*e)
		}
	}
	con := map[string]any{"AccountId": accountID}
	for _, name := range []string{"FirstName", "LastName", "Email", "Phone", "Title"} {
		if v := lead.f[name]; v != nil {
			con[name] = v
		}
	}
	setOwner(con, lead)
	if errs := st.check(contacts, nil, con); len(errs) > 0 {
		if undo != nil {
			undo()
		}
		return LeadConversion{}, convertFailure(errs[0])
	}
	contact, _ := st.create(contacts, con, now)
	st.update(leads, lead, map[string]any{
		"IsConverted": true, "Status": convertedStatus, "ConvertedDate": now.Format("2006-01-02"),
		"ConvertedAccountId": accountID, "ConvertedContactId": contact.id(),
	}, now)
	return LeadConversion{ContactID: contact.id(), AccountID: accountID}, nil
}

// convertible finds the lead id names and checks it can still be converted.
func convertible(leads *table, id string) (*record, *ConvertError) {
	if !sfid.Valid(id) || id[:3] != leads.obj.Prefix {
		return nil, &ConvertError{Code: "MALFORMED_ID", Message: "malformed id " + id}
	}
	lead := leads.byID[id]
	switch {
	case lead == nil:
		return nil, &ConvertError{Code: "NOT_FOUND", Message: "no lead " + id, NotFound: true}
	case lead.deleted():
		return nil, &ConvertError{Code: "ENTITY_IS_DELETED", Message: "entity is deleted"}
	case lead.f["IsConverted"] == true:
		e := errConvertedLead()
		return nil, &ConvertError{Code: e.Code, Message: e.Message}
	}
	return lead, nil
}

// setOwner gives a record made from lead the lead's owner, as a
// conversion does; without one the org's default applies.
func setOwner(changes map[string]any, lead *record) {
	if owner := lead.f["OwnerId"]; owner != nil {
		changes["OwnerId"] = owner
	}
}

func convertFailure(e recordError) *ConvertError {
	return &ConvertError{Code: e.Code, Message: e.Message}
}
