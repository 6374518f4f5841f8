package admin

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBaseURL(t *testing.T) {
	plain := httptest.NewRequest("GET", "http://127.0.0.1:8080/api/v2/users", nil)
	secure := httptest.NewRequest("GET", "https://sandbox.test/api/v2/users", nil)
	secure.TLS = &tls.ConnectionState{}
	assert.Equal(t, "http://127.0.0.1:8080", BaseURL("", plain))
	assert.Equal(t, "https://sandbox.test", BaseURL("", secure))
	assert.Equal(t, "https://sync.example.com/zd", BaseURL("https://sync.example.com/zd/", plain), "configured wins, without its trailing slash")
}
