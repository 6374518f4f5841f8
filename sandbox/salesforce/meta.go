package salesforce

import (
	"fmt"
	"net/http"
)

// serveVersions lists the API versions, as GET /services/data/ does without
// a session.
func (s *Server) serveVersions(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, r.Method, "GET,HEAD")
		return
	}
	seasons := []string{"Summer", "Winter", "Spring"}
	type version struct {
		Label   string `json:"label"`
		URL     string `json:"url"`
		Version string `json:"version"`
	}
	var out []version
	for v := minVersion; v <= latestVersion; v++ {
		i := v - minVersion
		out = append(out, version{
			Label:   fmt.Sprintf("%s '%d", seasons[i%3], 19+(i+2)/3),
			URL:     fmt.Sprintf("/services/data/v%d.0", v),
			Version: fmt.Sprintf("%d.0", v),
		})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) serveResources(a *apiRequest) {
	if a.r.Method != http.MethodGet && a.r.Method != http.MethodHead {
		methodNotAllowed(a.w, a.r.Method, "GET,HEAD")
		return
	}
	b := a.base()
	writeJSON(a.w, http.StatusOK, map[string]string{
		"limits": b + "/limits", "query": b + "/query", "queryAll": b + "/queryAll",
		"sobjects": b + "/sobjects", "composite": b + "/composite",
	})
}

type limit struct {
	Max       int `json:"Max"`
	Remaining int `json:"Remaining"`
}

func (s *Server) serveLimits(a *apiRequest) {
	used := s.usage.used(s.now())
	writeJSON(a.w, http.StatusOK, map[string]limit{
		"DailyApiRequests":        {Max: s.cfg.DailyLimit, Remaining: max(s.cfg.DailyLimit-used, 0)},
		"ConcurrentPerOrgLongTxn": {Max: 10, Remaining: 10},
		"DailyBulkV2QueryJobs":    {Max: 10000, Remaining: 10000},
		"DailyBulkApiBatches":     {Max: 15000, Remaining: 15000},
	})
}

func (s *Server) objectURLs(a *apiRequest, o *object) map[string]string {
	b := a.base() + "/sobjects/" + o.Name
	return map[string]string{"sobject": b, "describe": b + "/describe", "rowTemplate": b + "/{ID}"}
}

type objectInfo struct {
	Name       string            `json:"name"`
	Label      string            `json:"label"`
	KeyPrefix  string            `json:"keyPrefix"`
	Custom     bool              `json:"custom"`
	Createable bool              `json:"createable"`
	Updateable bool              `json:"updateable"`
	Deletable  bool              `json:"deletable"`
	Queryable  bool              `json:"queryable"`
	URLs       map[string]string `json:"urls"`
}

func (s *Server) info(a *apiRequest, o *object) objectInfo {
	return objectInfo{Name: o.Name, Label: o.Name, KeyPrefix: o.Prefix, Createable: o.Createable,
		Updateable: true, Deletable: o.Deletable, Queryable: true, URLs: s.objectURLs(a, o)}
}

func (s *Server) serveDescribeGlobal(a *apiRequest) {
	var objs []objectInfo
	for _, o := range s.schema.ordered {
		objs = append(objs, s.info(a, o))
	}
	writeJSON(a.w, http.StatusOK, map[string]any{"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": objs})
}

func (s *Server) serveObjectInfo(a *apiRequest, o *object) {
	writeJSON(a.w, http.StatusOK, map[string]any{"objectDescribe": s.info(a, o), "recentItems": []any{}})
}

type picklistValue struct {
	Value        string `json:"value"`
	Label        string `json:"label"`
	Active       bool   `json:"active"`
	DefaultValue bool   `json:"defaultValue"`
}

type describeField struct {
	Name              string          `json:"name"`
	Label             string          `json:"label"`
	Type              string          `json:"type"`
	Length            int             `json:"length"`
	Nillable          bool            `json:"nillable"`
	ExternalID        bool            `json:"externalId"`
	Unique            bool            `json:"unique"`
	IDLookup          bool            `json:"idLookup"`
	Custom            bool            `json:"custom"`
	Createable        bool            `json:"createable"`
	Updateable        bool            `json:"updateable"`
	DefaultedOnCreate bool            `json:"defaultedOnCreate"`
	Filterable        bool            `json:"filterable"`
	Sortable          bool            `json:"sortable"`
	RestrictedPick    bool            `json:"restrictedPicklist"`
	PicklistValues    []picklistValue `json:"picklistValues"`
	ReferenceTo       []string        `json:"referenceTo"`
	RelationshipName  *string         `json:"relationshipName"`
}

func (s *Server) serveDescribe(a *apiRequest, o *object) {
	fields := make([]describeField, 0, len(o.Fields))
	for _, f := range o.Fields {
		d := describeField{Name: f.Name, Label: f.Label, Type: f.Type, Length: f.Length,
			Nillable: f.Nillable, ExternalID: f.ExternalID, Unique: f.Unique,
			IDLookup: f.Type == "id" || f.ExternalID || f.Unique, Custom: f.Custom,
			Createable: f.Createable, Updateable: f.Updateable, DefaultedOnCreate: f.Default != nil || (!f.Createable && !f.Nillable),
			Filterable: f.Filterable, Sortable: f.Sortable, RestrictedPick: f.Restricted,
			PicklistValues: []picklistValue{}, ReferenceTo: []string{}}
		for _, v := range f.Picklist {
			d.PicklistValues = append(d.PicklistValues, picklistValue{Value: v, Label: v, Active: true, DefaultValue: f.Default == v})
		}
		if f.ReferenceTo != "" {
			d.ReferenceTo = []string{f.ReferenceTo}
			rel := f.RelationshipName
			d.RelationshipName = &rel
		}
		fields = append(fields, d)
	}
	info := s.info(a, o)
	writeJSON(a.w, http.StatusOK, map[string]any{
		"name": o.Name, "label": o.Name, "keyPrefix": o.Prefix, "custom": false,
		"createable": info.Createable, "updateable": true, "deletable": o.Deletable,
		"queryable": true, "urls": info.URLs, "fields": fields,
	})
}
