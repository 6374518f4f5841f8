package mapping

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTemplate(t *testing.T) {
	rec := map[string]any{
		"Industry": "Retail", "BillingCountry": nil, "NumberOfEmployees": float64(120),
		"Account": map[string]any{"Name": "Acme", "Owner": map[string]any{"Name": "Bo"}},
	}
	cases := []struct {
		template, want, wantErr string
	}{
		{template: "{{Industry}} / {{BillingCountry}}", want: "Retail / "},
		{template: "{{ Account.Name }} ({{Account.Owner.Name}})", want: "Acme (Bo)"},
		{template: "{{industry}}", want: "Retail"},
		{template: "{{NumberOfEmployees}} staff", want: "120 staff"},
		{template: "{{Missing}}|{{Account.Missing.Deep}}", want: "|"},
		{template: "plain", want: "plain"},
		{template: "{{Industry", wantErr: "never closed"},
		{template: "Industry}}", wantErr: "without"},
		{template: "a }} {{Industry}}", wantErr: "without"},
		{template: "{{}}", wantErr: "not a field name"},
		{template: "{{Account..Name}}", wantErr: "not a field name"},
		{template: "{{1abc}}", wantErr: "not a field name"},
	}
	for _, c := range cases {
		t.Run(c.template, func(t *testing.T) {
			parts, err := parseTemplate(c.template)
			if c.wantErr != "" {
				require.ErrorContains(t, err, c.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, renderTemplate(parts, rec))
		})
	}
}
