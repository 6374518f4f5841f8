package salesforce_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/sandbox/salesforce"
)

func TestLoadFieldDefs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	good := write("good.json", `[{"object":"Account","name":"Tier__c","type":"picklist","nillable":true,"picklist":["Gold","Silver"]},
		{"object":"Contact","name":"Legacy_Id__c","type":"string","length":40,"nillable":true,"externalId":true,"unique":true}]`)
	defs, err := salesforce.LoadFieldDefs(good)
	require.NoError(t, err)
	assert.Equal(t, []salesforce.FieldDef{
		{Object: "Account", Name: "Tier__c", Type: "picklist", Nillable: true, Picklist: []string{"Gold", "Silver"}},
		{Object: "Contact", Name: "Legacy_Id__c", Type: "string", Length: 40, Nillable: true, ExternalID: true, Unique: true},
	}, defs)

	for name, body := range map[string]string{
		"object.json":  `[{"object":"Widget","name":"A__c","type":"string","length":5}]`,
		"suffix.json":  `[{"object":"Account","name":"Tier","type":"string","length":5}]`,
		"type.json":    `[{"object":"Account","name":"A__c","type":"geolocation"}]`,
		"length.json":  `[{"object":"Account","name":"A__c","type":"string"}]`,
		"pick.json":    `[{"object":"Account","name":"A__c","type":"picklist"}]`,
		"syntax.json":  `[{"object":`,
		"extbool.json": `[{"object":"Account","name":"A__c","type":"boolean","externalId":true}]`,
	} {
		_, err := salesforce.LoadFieldDefs(write(name, body))
		assert.Error(t, err, name)
	}
	_, err = salesforce.LoadFieldDefs(filepath.Join(dir, "missing.json"))
	assert.Error(t, err)
	assert.Panics(t, func() {
		salesforce.New(salesforce.Config{CustomFields: []salesforce.FieldDef{{Object: "Account", Name: "Name", Type: "string", Length: 5}}}, smallOrg())
	})
}
