package e2e

import (
	"context"
	"strings"

	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/zendesk"
)

// usersByExternalID lists every Zendesk user through the API, grouped by
// lower-cased external id, so a test sees duplicates as well as absences.
func (e *env) usersByExternalID(ctx context.Context) map[string][]zendesk.User {
	e.t.Helper()
	out := map[string][]zendesk.User{}
	for u, err := range e.zd.AllUsers(ctx, &zendesk.ListOptions{PageSize: 100}) {
		require.NoError(e.t, err)
		if u.ExternalID != "" {
			k := strings.ToLower(u.ExternalID)
			out[k] = append(out[k], u)
		}
	}
	return out
}

// organizationsByExternalID does the same for organizations.
func (e *env) organizationsByExternalID(ctx context.Context) map[string][]zendesk.Organization {
	e.t.Helper()
	out := map[string][]zendesk.Organization{}
	for o, err := range e.zd.AllOrganizations(ctx, &zendesk.ListOptions{PageSize: 100}) {
		require.NoError(e.t, err)
		if o.ExternalID != "" {
			k := strings.ToLower(o.ExternalID)
			out[k] = append(out[k], o)
		}
	}
	return out
}
