package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEmailValid(t *testing.T) {
	tests := []struct {
		email string
		valid bool
	}{
		{"jane.doe@example.com", true},
		{"o'brien@acme.io", true},
		{"first+tag@sub.example.co.uk", true},
		{"UPPER@EXAMPLE.COM", true},
		{"foo@", false},
		{"bar@@x.com", false},
		{"jane@acme", false},
		{"jane.@acme.com", false},
		{".jane@acme.com", false},
		{"ja..ne@acme.com", false},
		{"jane@acme.com.", false},
		{"jane@acme..com", false},
		{"jane doe@acme.com", false},
		{"jane,@acme.com", false},
		{"jane@-acme.com", false},
		{"jane@acme.c0m", false},
		{"", false},
		{"@acme.com", false},
		{strings.Repeat("a", 243) + "@x.com", true},
		{strings.Repeat("a", 250) + "@x.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			assert.Equal(t, tt.valid, EmailValid(tt.email))
		})
	}
}
