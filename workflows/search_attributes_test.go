package workflows

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The command the worker prints where it may not register the attributes
// must register every one of them, with the CLI's type names.
func TestCreateCommandRegistersEveryAttribute(t *testing.T) {
	assert.Equal(t, "temporal operator search-attribute create --namespace prod"+
		" --name CrmsyncDryRun --type Bool --name CrmsyncInstance --type Keyword --name CrmsyncMode --type Keyword"+
		" --name CrmsyncObjects --type KeywordList --name CrmsyncOutcome --type Keyword",
		createCommand("prod", SearchAttributes))
}
