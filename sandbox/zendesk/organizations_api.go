package zendesk

var orgKind = &kind[organization, organizationJSON, organizationInput]{
	one: "organization", many: "organizations",
	records: func(st *store) map[int64]*organization { return st.orgs },
	order:   func(st *store) []int64 { return st.orgIDs },
	render:  (*organization).render,
	keyOf:   func(in *organizationInput) *recordKey { return &in.recordKey },
	byExt: func(st *store, ext string) (int64, bool) {
		id, ok := st.orgByExtID[key(ext)]
		return id, ok
	},
	create: (*store).createOrg, update: (*store).updateOrg, upsert: (*store).upsertOrg, remove: (*store).deleteOrg,
	createError: "RecordInvalid", updateError: "RecordInvalid",
	describe: func(o *organization, r *jobResult) { r.ExternalID = stringOrNil(o.ExternalID) },
}

// searchOrgs is GET organizations/search?external_id= or ?name=, both exact
// matches (external_id case-insensitively).
func (s *Server) searchOrgs(c *call) *apiError {
	q := c.r.URL.Query()
	byName := false
	var value string
	switch {
	case q.Has("external_id"):
		value = q.Get("external_id")
	case q.Has("name"):
		byName, value = true, q.Get("name")
	default:
		return errMissing("external_id or name")
	}
	return orgKind.writeFound(s, c, func(st *store) []int64 {
		index := st.orgByExtID
		if byName {
			index = st.orgByName
		}
		if id, ok := index[key(value)]; ok {
			return []int64{id}
		}
		return nil
	})
}
