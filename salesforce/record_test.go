package salesforce

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecordHelpers(t *testing.T) {
	var rec Record
	require.NoError(t, json.Unmarshal([]byte(`{
		"attributes":{"type":"Case","url":"/services/data/v62.0/sobjects/Case/500A"},
		"Id":"500A","Subject":"Printer","Amount":12.5,"Count":3,"IsClosed":false,"Nothing":null,
		"ClosedDate":"2026-02-03T04:05:06.789+0000","Due__c":"2026-02-10","Stamp":"2026-02-03T04:05:06Z",
		"Contact":{"attributes":{"type":"Contact"},"Email":"a@example.com","Account":{"Name":"Acme"}},
		"Tags":["a","b"]}`), &rec))

	tests := []struct {
		field, want string
	}{
		{"Subject", "Printer"},
		{"Amount", "12.5"},
		{"Count", "3"},
		{"IsClosed", "false"},
		{"Nothing", ""},
		{"Missing", ""},
		{"Contact.Email", "a@example.com"},
		{"Contact.Account.Name", "Acme"},
		{"Contact.Missing.Name", ""},
		{"Subject.Deeper", ""},
		{"Tags", `["a","b"]`},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			assert.Equal(t, tt.want, rec.String(tt.field))
		})
	}
	assert.Equal(t, "500A", rec.ID())
	assert.Equal(t, "Case", rec.Type())
	assert.Equal(t, "", Record{}.Type())
}

func TestRecordTime(t *testing.T) {
	rec := Record{
		"ClosedDate": "2026-02-03T04:05:06.789+0000",
		"Offset":     "2026-02-03T06:05:06.000+0200",
		"Stamp":      "2026-02-03T04:05:06Z",
		"Due__c":     "2026-02-10",
		"Bad":        "soon",
		"Null":       nil,
	}
	tests := []struct {
		field string
		want  time.Time
		ok    bool
	}{
		{"ClosedDate", time.Date(2026, 2, 3, 4, 5, 6, 789e6, time.UTC), true},
		{"Offset", time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC), true},
		{"Stamp", time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC), true},
		{"Due__c", time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), true},
		{"Bad", time.Time{}, false},
		{"Null", time.Time{}, false},
		{"Missing", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			got, ok := rec.Time(tt.field)
			assert.Equal(t, tt.ok, ok)
			assert.True(t, tt.want.Equal(got), "got %s", got)
		})
	}
}
