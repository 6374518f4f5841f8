package activities

// CheckPart is the part of the configuration a start-up check refused.
type CheckPart string

const (
	CheckSalesforceLogin CheckPart = "salesforce login"
	CheckZendeskLogin    CheckPart = "zendesk login"
	CheckMapping         CheckPart = "mapping"
)

// CheckError is a refusal of Check. It carries the part so that a command
// can name the setting to fix: activities does not know where credentials
// or the mapping came from.
type CheckError struct {
	Part CheckPart
	Err  error
}

func (e *CheckError) Error() string { return string(e.Part) + ": " + e.Err.Error() }
func (e *CheckError) Unwrap() error { return e.Err }
