package zendesk

import (
	"time"
)

// createUsersMany and upsertUsersMany are bulk imports, which an account
// may not have enabled.
func (s *Server) createUsersMany(c *call) *apiError {
	if s.cfg.BulkImportDisabled {
		return errBulkImportDisabled()
	}
	return userKind.createMany(s, c)
}

func (s *Server) upsertUsersMany(c *call) *apiError {
	if s.cfg.BulkImportDisabled {
		return errBulkImportDisabled()
	}
	return userKind.writeMany(s, c, "bulk_create_or_update_users", userKind.upsert)
}

func errBulkImportDisabled() *apiError {
	return errForbidden("Bulk import is not enabled for this account")
}

func (s *Server) destroyUsersMany(c *call) *apiError {
	targets, ok, e := bulkTargets(c, true)
	if e != nil {
		return e
	}
	if !ok {
		return errMissing("ids")
	}
	return s.enqueue(c, "bulk_delete_users", "users", len(targets), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(targets))
		for i, t := range targets {
			id, found := userKind.resolve(st, t)
			if !found {
				results[i] = notFoundResult(i)
				continue
			}
			if out := st.deleteUser(id, now); out.notFound {
				results[i] = notFoundResult(i)
				continue
			}
			success := true
			results[i] = jobResult{Index: i, ID: id, Action: "delete", Status: "Deleted", Success: &success}
		}
		return results
	})
}
