package salesforce

import (
	"encoding/json"
	"net/http"
)

const contentJSON = "application/json;charset=UTF-8"

// apiError is one entry of the API's error array.
type apiError struct {
	Message   string   `json:"message"`
	ErrorCode string   `json:"errorCode"`
	Fields    []string `json:"fields,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", contentJSON)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", contentJSON)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeError answers with a one-entry error array.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, []apiError{{Message: message, ErrorCode: code}})
}

// writeRecordErrors answers a failed record save. fields is always present
// on record errors, even empty, as the real API sends it.
func writeRecordErrors(w http.ResponseWriter, status int, errs []recordError) {
	type withFields struct {
		Message   string   `json:"message"`
		ErrorCode string   `json:"errorCode"`
		Fields    []string `json:"fields"`
	}
	out := make([]withFields, len(errs))
	for i, e := range errs {
		fields := e.Fields
		if fields == nil {
			fields = []string{}
		}
		out[i] = withFields{Message: e.Message, ErrorCode: e.Code, Fields: fields}
	}
	writeJSON(w, status, out)
}

// writeRequestError answers a request-level failure (no fields array).
func writeRequestError(w http.ResponseWriter, e *recordError) {
	writeError(w, http.StatusBadRequest, e.Code, e.Message)
}

func notFound(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "NOT_FOUND", "The requested resource does not exist")
}

func methodNotAllowed(w http.ResponseWriter, method, allowed string) {
	w.Header().Set("Allow", allowed)
	writeError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
		"HTTP Method '"+method+"' not allowed. Allowed are "+allowed)
}
