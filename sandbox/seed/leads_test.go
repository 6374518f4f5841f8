package seed

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGeneratedLeadsAreNotConverted(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		leads := Generate(defaultOptions(seed)).Salesforce.Leads
		require.NotEmpty(t, leads, "seed %d", seed)
		for _, l := range leads {
			assert.Equal(t, false, l["IsConverted"], "%s", l["Id"])
			assert.NotEqual(t, "Closed - Converted", l["Status"], "%s: only a conversion sets that status", l["Id"])
			assert.NotEmpty(t, l["Company"], "%s: a conversion names the account after it", l["Id"])
		}
	}
}
