package zendesk

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

const contentType = "application/json; charset=utf-8"

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// apiError is an answer other than success, with Zendesk's body for it.
type apiError struct {
	status int
	body   any
}

func (e *apiError) write(w http.ResponseWriter) { writeJSON(w, e.status, e.body) }

// simpleError is the {"error","description"} body most Zendesk errors use.
type simpleError struct {
	Error       string `json:"error"`
	Description string `json:"description"`
}

func errNotFound() *apiError {
	return &apiError{http.StatusNotFound, simpleError{"RecordNotFound", "Not found"}}
}

func errInvalidEndpoint() *apiError {
	return &apiError{http.StatusNotFound, simpleError{"InvalidEndpoint", "Not found"}}
}

func errBadRequest(code, description string) *apiError {
	return &apiError{http.StatusBadRequest, simpleError{code, description}}
}

func errUnauthorized() *apiError {
	return &apiError{http.StatusUnauthorized, map[string]string{"error": "Couldn't authenticate you"}}
}

type forbiddenBody struct {
	Error struct {
		Title   string `json:"title"`
		Message string `json:"message"`
	} `json:"error"`
}

func errForbidden(message string) *apiError {
	var b forbiddenBody
	b.Error.Title, b.Error.Message = "Forbidden", message
	return &apiError{http.StatusForbidden, b}
}

// fieldErrors collects validation failures by field, in Zendesk's details
// shape.
type fieldErrors map[string][]string

func (f fieldErrors) add(field, description string) { f[field] = append(f[field], description) }

func (f fieldErrors) empty() bool { return len(f) == 0 }

// summary joins every description, as bulk job results report them.
func (f fieldErrors) summary() string {
	fields := make([]string, 0, len(f))
	for k := range f {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	var parts []string
	for _, k := range fields {
		parts = append(parts, f[k]...)
	}
	return strings.Join(parts, " ")
}

type detail struct {
	Description string `json:"description"`
	Error       string `json:"error"`
}

type recordInvalidBody struct {
	Error       string              `json:"error"`
	Description string              `json:"description"`
	Details     map[string][]detail `json:"details"`
}

func errRecordInvalid(f fieldErrors) *apiError {
	body := recordInvalidBody{Error: "RecordInvalid", Description: "Record validation errors", Details: map[string][]detail{}}
	for field, descs := range f {
		for _, d := range descs {
			body.Details[field] = append(body.Details[field], detail{Description: d, Error: "InvalidValue"})
		}
	}
	return &apiError{http.StatusUnprocessableEntity, body}
}
