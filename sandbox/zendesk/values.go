package zendesk

import (
	"maps"
	"slices"
	"strings"
)

// normalizeTags lower-cases, trims and de-duplicates tags, as Zendesk
// stores them.
func normalizeTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// mergeFields applies custom field values key by key, as Zendesk merges
// user_fields and organization_fields on update. old is not changed.
func mergeFields(old, in map[string]any) map[string]any {
	merged := maps.Clone(old)
	if merged == nil {
		merged = map[string]any{}
	}
	maps.Copy(merged, in)
	return merged
}

// nonNilStrings and nonNilMap keep empty collections rendering as [] and
// {}, never null, as Zendesk renders them.
func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
