package mapping

import (
	"errors"
	"fmt"
	"regexp"
)

// salesforceID is a 15- or 18-character Salesforce record id.
var salesforceID = regexp.MustCompile(`^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$`)

func (p *Pair) validateMissingContacts() error {
	if (p.CreateMissingContacts || p.DefaultAccount != "") && p.Kind != Ticket {
		return errors.New("create_missing_contacts and default_account: only tickets have requesters")
	}
	if p.DefaultAccount != "" && !salesforceID.MatchString(p.DefaultAccount) {
		return fmt.Errorf("default_account %q: want an Account Id (15 or 18 letters and digits)", p.DefaultAccount)
	}
	return nil
}
