package zendesk

import (
	"slices"
	"strings"
)

// searchUsers returns the ids of active users matching every term, in id
// order. Email and external_id terms use the indexes.
func (st *store) searchUsers(terms []string) []int64 {
	var filters []func(*user) bool
	var candidates []int64
	indexed := false
	for _, t := range terms {
		field, value, ok := strings.Cut(t, ":")
		value = strings.Trim(value, `"`)
		switch {
		case ok && (field == "email" || field == "external_id"):
			indexed = true
			u, found := st.userByKey(field, value)
			if !found || (candidates != nil && !slices.Contains(candidates, u.ID)) {
				return []int64{}
			}
			candidates = []int64{u.ID}
		case ok && field == "role":
			filters = append(filters, func(u *user) bool { return u.Role == value })
		case ok && field == "name":
			filters = append(filters, func(u *user) bool { return strings.EqualFold(u.Name, value) })
		case ok && field == "type":
			// type:user is implied.
		default:
			text := strings.ToLower(t)
			filters = append(filters, func(u *user) bool {
				return strings.Contains(strings.ToLower(u.Name), text) || strings.Contains(strings.ToLower(u.Email), text)
			})
		}
	}
	if !indexed {
		candidates = st.userIDs
	}
	out := []int64{}
	for _, id := range candidates {
		u := st.users[id]
		if u.Active && matchesAll(u, filters) {
			out = append(out, id)
		}
	}
	return out
}

func matchesAll(u *user, filters []func(*user) bool) bool {
	for _, f := range filters {
		if !f(u) {
			return false
		}
	}
	return true
}
