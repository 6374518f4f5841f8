package salesforce

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/crmsync/crmsync/sandbox/admin"
)

var _ admin.Actions = (*Server)(nil)

// ServeAction serves the admin actions only this org has, the steps a
// person takes in the Salesforce UI:
//
//	POST /_sandbox/leads/{id}/convert   convert a lead; optional body
//	                                    {"account_id":"001…"}, answers
//	                                    {"contact_id","account_id"}
func (s *Server) ServeAction(w http.ResponseWriter, r *http.Request, path string) bool {
	segs := strings.Split(path, "/")
	if r.Method != http.MethodPost || len(segs) != 3 || segs[0] != "leads" || segs[2] != "convert" {
		return false
	}
	var body struct {
		AccountID string `json:"account_id"`
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil && len(bytes.TrimSpace(raw)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		// A misspelt field would otherwise convert under a new account.
		dec.DisallowUnknownFields()
		err = dec.Decode(&body)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid body: " + err.Error()})
		return true
	}
	res, err := s.ConvertLead(segs[1], body.AccountID)
	// ConvertLead fails with a *ConvertError only.
	var ce *ConvertError
	if errors.As(err, &ce) {
		status := http.StatusBadRequest
		if ce.NotFound {
			status = http.StatusNotFound
		}
		writeJSON(w, status, map[string]string{"error": ce.Message, "errorCode": ce.Code})
		return true
	}
	writeJSON(w, http.StatusOK, res)
	return true
}
