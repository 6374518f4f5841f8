package admin

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// actionService is a fakeService with one action of its own.
type actionService struct {
	fakeService
	paths []string
}

func (s *actionService) ServeAction(w http.ResponseWriter, r *http.Request, path string) bool {
	if r.Method != http.MethodPost || path != "widgets/7/poke" {
		return false
	}
	s.paths = append(s.paths, path)
	w.WriteHeader(http.StatusAccepted)
	return true
}

func TestAdminRoutesServiceActions(t *testing.T) {
	svc := &actionService{}
	stats := NewStats()
	api := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { t.Error("an admin path reached the API") })
	h := Wrap(api, svc, stats, NewFaults(FaultConfig{}, (&fakeClock{t: epoch}).Now))
	do := func(method, target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader("")))
		return rec
	}

	tests := []struct {
		name, method, target string
		status               int
	}{
		{"the service's action", http.MethodPost, "/_sandbox/widgets/7/poke", http.StatusAccepted},
		{"the action with another method", http.MethodGet, "/_sandbox/widgets/7/poke", http.StatusNotFound},
		{"a path no one serves", http.MethodPost, "/_sandbox/widgets/8/poke", http.StatusNotFound},
		{"shared endpoints come first", http.MethodPost, "/_sandbox/reset", http.StatusNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.status, do(tt.method, tt.target).Code)
		})
	}
	assert.Equal(t, []string{"widgets/7/poke"}, svc.paths)
	assert.Equal(t, 1, svc.resets)
	assert.Zero(t, stats.Snapshot().TotalRequests, "admin requests are not API traffic")
}

func TestAdminWithoutActionsAnswers404(t *testing.T) {
	f := newFixture(FaultConfig{})
	rec := f.do(http.MethodPost, "/_sandbox/widgets/7/poke", "")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Contains(t, rec.Body.String(), "no admin endpoint POST /_sandbox/widgets/7/poke")
}
