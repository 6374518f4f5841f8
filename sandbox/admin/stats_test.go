package admin

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEndpoint(t *testing.T) {
	tests := []struct {
		method, path, want string
	}{
		{"GET", "/api/v2/users/17.json", "GET /api/v2/users/{id}"},
		{"GET", "/api/v2/users/18.json", "GET /api/v2/users/{id}"},
		{"GET", "/api/v2/users/17/identities.json", "GET /api/v2/users/{id}/identities.json"},
		{"POST", "/api/v2/users/create_or_update_many.json", "POST /api/v2/users/create_or_update_many.json"},
		{"GET", "/api/v2/job_statuses/8b726e606741012ffc2d782bcb7848fe.json", "GET /api/v2/job_statuses/{id}"},
		{"GET", "/api/v2/job_statuses/show_many.json", "GET /api/v2/job_statuses/show_many.json"},
		{"GET", "/api/v2/incremental/users/cursor.json", "GET /api/v2/incremental/users/cursor.json"},
		{"GET", "/services/data/v59.0/query", "GET /services/data/vXX.X/query"},
		{"GET", "/services/data/v62.0/query/01gD0000002HU6KIAW-2000", "GET /services/data/vXX.X/query/{id}"},
		{"GET", "/services/data/v59.0/sobjects/Contact/0035g0000000001AAA", "GET /services/data/vXX.X/sobjects/Contact/{id}"},
		{"GET", "/services/data/v59.0/sobjects/Contact/0035g0000000001", "GET /services/data/vXX.X/sobjects/Contact/{id}"},
		{"PATCH", "/services/data/v59.0/sobjects/Contact/Zendesk_Id__c/361000000001", "PATCH /services/data/vXX.X/sobjects/Contact/Zendesk_Id__c/{value}"},
		{"PATCH", "/services/data/v59.0/sobjects/Contact/Ext__c/abc-DEF_1", "PATCH /services/data/vXX.X/sobjects/Contact/Ext__c/{value}"},
		{"PATCH", "/services/data/v59.0/composite/sobjects/Contact/Ext__c", "PATCH /services/data/vXX.X/composite/sobjects/Contact/Ext__c"},
		{"GET", "/services/data/v59.0/sobjects/Contact/describe", "GET /services/data/vXX.X/sobjects/Contact/describe"},
		// A long word without digits is a path name, not an Id.
		{"GET", "/services/data/v59.0/sobjects/SomeCustomObjectX", "GET /services/data/vXX.X/sobjects/SomeCustomObjectX"},
		{"POST", "/services/oauth2/token", "POST /services/oauth2/token"},
		{"GET", "/", "GET /"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			assert.Equal(t, tt.want, Endpoint(tt.method, tt.path))
		})
	}
}

func TestStatsCountsAndResets(t *testing.T) {
	s := NewStats()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				s.Request("GET /a")
				s.RateLimited()
				s.Fault()
				s.Write("Contact", 2)
			}
		}()
	}
	s.Request("GET /b")
	wg.Wait()

	snap := s.Snapshot()
	assert.Equal(t, int64(801), snap.TotalRequests)
	assert.Equal(t, map[string]int64{"GET /a": 800, "GET /b": 1}, snap.Requests)
	assert.Equal(t, int64(800), snap.RateLimited)
	assert.Equal(t, int64(800), snap.Faults)
	assert.Equal(t, map[string]int64{"Contact": 1600}, snap.Writes)

	snap.Requests["GET /a"] = 0
	snap.Writes["Contact"] = 0
	again := s.Snapshot()
	assert.Equal(t, int64(800), again.Requests["GET /a"], "a snapshot is a copy")
	assert.Equal(t, int64(1600), again.Writes["Contact"], "a snapshot is a copy")

	s.Reset()
	empty := s.Snapshot()
	require.NotNil(t, empty.Requests)
	assert.Equal(t, Snapshot{Requests: map[string]int64{}, Writes: map[string]int64{}}, empty)
}
