package mapping

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var accountFields = []string{"Id", "Name", "Type", "Industry", "AnnualRevenue", "IsDeleted", "SystemModstamp",
	"CreatedDate", "ParentId", "Tier__c", "Parent__c", "Regions__c", "BillingCountry"}

func TestValidateFilter(t *testing.T) {
	cases := []struct {
		filter, wantErr string
	}{
		{filter: ""},
		{filter: "   "},
		{filter: "Type = 'Customer'"},
		{filter: "type = 'Customer'"},
		{filter: "Name != null AND Industry <> 'Retail'"},
		{filter: "(Type = 'Customer' OR Type = 'Partner') AND AnnualRevenue >= 1000000.50"},
		{filter: "NOT Name LIKE 'Test%'"},
		{filter: "Name LIKE 'O\\'Brien\\_%'"},
		{filter: "Type IN ('Customer', 'Partner')"},
		{filter: "Type NOT IN ('Prospect')"},
		{filter: "Regions__c INCLUDES ('EMEA;APAC', 'NA')"},
		{filter: "Regions__c EXCLUDES ('LATAM')"},
		{filter: "CreatedDate > 2026-01-01T00:00:00Z AND CreatedDate < 2026-02-01T00:00:00.000+01:00"},
		{filter: "CreatedDate >= 2026-01-01"},
		{filter: "CreatedDate = LAST_N_DAYS:30 OR CreatedDate = TODAY"},
		{filter: "IsDeleted = false"},
		{filter: "AnnualRevenue > -5"},
		{filter: "Parent.Name = 'Acme'"},
		{filter: "Parent__r.Tier__c = 'Gold'"},
		{filter: "((((Type = 'A'))))"},
		{filter: "Type = 'Customer' AND", wantErr: "expected a field name, found end of filter"},
		{filter: "Type = 'Customer' LIMIT 10", wantErr: "clause keyword LIMIT"},
		{filter: "Type = 'x' ORDER BY Name", wantErr: "clause keyword ORDER"},
		{filter: "Type = 'x'; DELETE", wantErr: "';' is not allowed"},
		{filter: "Id IN (SELECT AccountId FROM Contact)", wantErr: "clause keyword SELECT"},
		{filter: "Type = 'x' GROUP BY Type", wantErr: "clause keyword GROUP"},
		{filter: "Name = 'x' FROM Account", wantErr: "clause keyword FROM"},
		{filter: "Type = 'unterminated", wantErr: "never closed"},
		{filter: "Type = 'bad \\q escape'", wantErr: "invalid escape"},
		{filter: "Type = Customer", wantErr: "expected a value after ="},
		{filter: "Typo = 'x'", wantErr: `unknown field "Typo"`},
		{filter: "Owner.Name = 'x'", wantErr: `unknown relationship "Owner"`},
		{filter: "Type = 'a' AND Type = 'b' OR Type = 'c'", wantErr: "mixing AND and OR needs parentheses"},
		{filter: "(Type = 'a'", wantErr: "expected ')'"},
		{filter: "Type = 'a')", wantErr: "expected AND, OR or end of filter"},
		{filter: "Type IN ()", wantErr: "expected a value"},
		{filter: "Type IN ('a',)", wantErr: "expected a value"},
		{filter: "Type IN ('a' 'b')", wantErr: "expected ',' or ')'"},
		{filter: "Regions__c INCLUDES (1)", wantErr: "expected a string"},
		{filter: "Name LIKE 5", wantErr: "a string after LIKE"},
		{filter: "Type NOT 'a'", wantErr: "IN after NOT"},
		{filter: "AnnualRevenue > null", wantErr: "NULL only compares with = or !="},
		{filter: "Type = :name", wantErr: "unexpected character"},
		{filter: "CreatedDate = LAST_N_DAYS:", wantErr: "must be followed by a number"},
		{filter: "CreatedDate = 2026-13", wantErr: "malformed number or date"},
		{filter: "AnnualRevenue > 1.2.3", wantErr: "malformed number"},
		{filter: "CALENDAR_YEAR(CreatedDate) = 2026", wantErr: "functions such as CALENDAR_YEAR() are not supported"},
		{filter: "Type 'x'", wantErr: "expected an operator"},
		{filter: "Type == 'x'", wantErr: "expected a value after ="},
		{filter: "AND = 'x'", wantErr: "expected a field name"},
		{filter: "Type = 'x' # comment", wantErr: "unexpected character"},
	}
	for _, c := range cases {
		t.Run(c.filter, func(t *testing.T) {
			err := ValidateFilter(c.filter, accountFields)
			if c.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.wantErr)
		})
	}
}

func TestValidateFilterDepthBounded(t *testing.T) {
	deep := ""
	for range 200 {
		deep += "("
	}
	require.ErrorContains(t, ValidateFilter(deep+"Type = 'a'", accountFields), "nested more than")
}

func TestValidateFilterWithoutKnownFields(t *testing.T) {
	assert.NoError(t, ValidateFilter("Anything__c = 'x'", nil))
	assert.Error(t, ValidateFilter("Anything__c = ", nil))
}

// FuzzValidateFilter checks that no input panics or hangs the parser, and
// that a filter it accepts stays accepted inside parentheses.
func FuzzValidateFilter(f *testing.F) {
	for _, s := range []string{
		"Type = 'Customer'",
		"(Type = 'a' OR Type = 'b') AND NOT Name LIKE 'x\\'%'",
		"CreatedDate > 2026-01-01T00:00:00Z AND CreatedDate = LAST_N_DAYS:7",
		"Regions__c INCLUDES ('a;b') AND Type NOT IN ('x', 'y')",
		"Type = 'x' LIMIT 1",
		"((((",
		"'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, filter string) {
		err := ValidateFilter(filter, accountFields)
		// Wrapping adds one level, so stay clear of the depth limit.
		if err == nil && strings.TrimSpace(filter) != "" && strings.Count(filter, "(") < maxFilterDepth/2 {
			assert.NoError(t, ValidateFilter("("+filter+")", accountFields), "accepted %q but not in parentheses", filter)
		}
	})
}
